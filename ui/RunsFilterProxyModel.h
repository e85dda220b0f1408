// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/runs/RunTypes.h"

#include <QSortFilterProxyModel>

#include <optional>

namespace pv::ui {

/// Sorts runs on their raw values and filters them by status. "Active" spans two statuses
/// (queued and running), which is why this is a subclass and not a plain regex filter.
class RunsFilterProxyModel final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunsFilterProxyModel)

public:
    enum class StatusFilter { All, Active, Succeeded, PartiallySucceeded, Failed, Cancelled, Interrupted };

    explicit RunsFilterProxyModel(QObject* parent = nullptr);
    ~RunsFilterProxyModel() override;

    void setStatusFilter(StatusFilter filter);
    StatusFilter statusFilter() const { return m_filter; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    StatusFilter m_filter = StatusFilter::All;
};

} // namespace pv::ui
