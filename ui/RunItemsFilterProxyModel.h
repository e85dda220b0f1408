// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/runs/RunTypes.h"

#include <QSortFilterProxyModel>

#include <optional>

namespace pv::ui {

/// Filters run items by outcome and by a case-insensitive search over item, message and
/// request id — two criteria at once, hence a subclass.
class RunItemsFilterProxyModel final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunItemsFilterProxyModel)

public:
    explicit RunItemsFilterProxyModel(QObject* parent = nullptr);
    ~RunItemsFilterProxyModel() override;

    void setOutcomeFilter(std::optional<ItemOutcome> outcome);
    std::optional<ItemOutcome> outcomeFilter() const { return m_outcome; }
    void setSearchText(const QString& text);
    QString searchText() const { return m_search; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    std::optional<ItemOutcome> m_outcome;
    QString m_search;
};

} // namespace pv::ui
