// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/runs/RunTypes.h"

#include <QList>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QStackedWidget;
class QTableView;
class QTimer;

namespace pv::ui {

class RunItemsFilterProxyModel;
class RunItemsModel;

/// The per-item outcome table of a run with its outcome filter, debounced search, count and
/// empty state. The run detail page feeds it the items as they arrive.
class RunItemsPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunItemsPanel)

public:
    explicit RunItemsPanel(QWidget* parent = nullptr);
    ~RunItemsPanel() override;

    void clear();
    /// Queues the items above lastOrdinal() and appends them in chunks, a few hundred rows
    /// per event-loop turn, so a big batch never blocks the GUI thread for long.
    void appendItems(const QList<RunItemRecord>& items);
    /// The highest ordinal handed over so far (appended or queued), -1 for none.
    int lastOrdinal() const { return m_lastQueuedOrdinal; }
    /// True while queued items wait to be appended.
    bool hasPendingItems() const { return !m_pending.isEmpty(); }
    /// Whether the run is still busy (changes what the empty state says).
    void setRunActive(bool active);
    /// The run's kind: outcome names and the outcome filter follow it (a backup lists New,
    /// Changed, Unchanged, Failed and Skipped).
    void setKind(const QString& kind);

    RunItemsModel* model() const { return m_model; }
    RunItemsFilterProxyModel* proxy() const { return m_proxy; }

signals:
    /// A chunk of items was appended to the model.
    void itemsAppended();

private:
    void updateCount();
    void appendChunk();
    void fillOutcomeFilter();

    RunItemsModel* m_model = nullptr;
    RunItemsFilterProxyModel* m_proxy = nullptr;
    QTimer* m_searchTimer = nullptr;
    QComboBox* m_outcomeFilter = nullptr;
    QLineEdit* m_search = nullptr;
    QLabel* m_itemCount = nullptr;
    QStackedWidget* m_stack = nullptr;
    QTableView* m_view = nullptr;
    QLabel* m_emptyState = nullptr;
    QTimer* m_appendTimer = nullptr;
    QList<RunItemRecord> m_pending;
    int m_lastQueuedOrdinal = -1;
    bool m_runActive = false;
};

} // namespace pv::ui
