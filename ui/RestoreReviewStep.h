// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/restore/RestorePlan.h"

#include <QList>
#include <QWidget>

class QComboBox;
class QLabel;
class QSplitter;
class QTableView;

namespace pv::ui {

class MessageWidget;
class RestoreDiffView;
class RestorePlanFilterModel;
class RestorePlanModel;

/// Step 3 of the restore flow: the stored plan — one row per item with its action, a filter
/// by action with the counts, and the selected item's differences beside it.
class RestoreReviewStep final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RestoreReviewStep)

public:
    explicit RestoreReviewStep(QWidget* parent = nullptr);
    ~RestoreReviewStep() override;

    void setPlan(qint64 planRunId, const QList<restore::PlanItem>& items);
    void clear();

    RestorePlanModel* model() const { return m_model; }
    RestorePlanFilterModel* proxy() const { return m_proxy; }
    QTableView* view() const { return m_view; }
    QComboBox* actionFilter() const { return m_filter; }
    RestoreDiffView* diffView() const { return m_diff; }
    /// The "nothing to do" / "needs attention" banner.
    MessageWidget* banner() const { return m_banner; }

private:
    void fillFilter();
    void showCurrent();

    RestorePlanModel* m_model = nullptr;
    RestorePlanFilterModel* m_proxy = nullptr;
    QLabel* m_counts = nullptr;
    QComboBox* m_filter = nullptr;
    MessageWidget* m_banner = nullptr;
    QSplitter* m_splitter = nullptr;
    QTableView* m_view = nullptr;
    RestoreDiffView* m_diff = nullptr;
};

} // namespace pv::ui
