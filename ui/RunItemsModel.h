// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/runs/RunTypes.h"

#include <QAbstractTableModel>
#include <QList>
#include <QString>

namespace pv::ui {

/// The per-item outcomes of one run, in ordinal order. Items only ever get appended while
/// a run progresses, so the detail page hands over just the new ones (appendItems).
class RunItemsModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunItemsModel)

public:
    enum class Column { Ordinal, Item, Outcome, Message, RequestId, Duration, Count };

    explicit RunItemsModel(QObject* parent = nullptr);
    ~RunItemsModel() override;

    void clear();
    /// Appends the items whose ordinal is above lastOrdinal(); returns how many were added.
    int appendItems(const QList<RunItemRecord>& items);
    int lastOrdinal() const { return m_lastOrdinal; }
    const QList<RunItemRecord>& items() const { return m_items; }
    /// The run's kind decides how outcomes read (a backup's `created` is "New").
    void setKind(const QString& kind);
    const QString& kind() const { return m_kind; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<RunItemRecord> m_items;
    QString m_kind;
    int m_lastOrdinal = -1;
};

} // namespace pv::ui
