// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/restore/RestorePlan.h"

#include <QAbstractTableModel>
#include <QIcon>
#include <QList>
#include <QSortFilterProxyModel>

namespace pv::ui {

/// The items of a stored restore plan: name, type, what the restore would do (with its icon)
/// and why. UnderlyingDataRole of the Action column is the action's name ("would_update").
class RestorePlanModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RestorePlanModel)

public:
    enum class Column { Name, Type, Action, Details, Count };

    explicit RestorePlanModel(QObject* parent = nullptr);
    ~RestorePlanModel() override;

    void setItems(QList<restore::PlanItem> items);
    const QList<restore::PlanItem>& items() const { return m_items; }
    const restore::PlanItem& item(int row) const { return m_items.at(row); }
    /// Items with `action`.
    int count(restore::PlanAction action) const;
    /// Items the live restore would write (would_create + would_update).
    int writeCount() const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// "Would update", … as the plan table shows it.
    static QString actionText(restore::PlanAction action);
    /// "3 to create", "1 conflict", … for the plan's counts.
    static QString countText(restore::PlanAction action, int n);
    static QIcon actionIcon(restore::PlanAction action);
    /// What the Details column says: the reason, else a short summary of the diff.
    static QString detailsText(const restore::PlanItem& item);
    /// Every action, in the order the filter lists them.
    static QList<restore::PlanAction> allActions();

private:
    QList<restore::PlanItem> m_items;
};

/// Shows the plan items of one action (or all): filters on the Action column's raw name.
class RestorePlanFilterModel final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RestorePlanFilterModel)

public:
    explicit RestorePlanFilterModel(QObject* parent = nullptr);
    ~RestorePlanFilterModel() override;
    /// nullopt: every action.
    void setAction(std::optional<restore::PlanAction> action);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    std::optional<restore::PlanAction> m_action;
};

} // namespace pv::ui
