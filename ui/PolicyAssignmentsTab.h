// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/normalize/PolicyAssignments.h"

#include <QList>
#include <QWidget>

class QLabel;
class QTableWidget;

namespace pv::ui {

/// The Policies page's Assignments tab: who gets the policy — groups by name, All devices, All
/// users — included or excluded, and each assignment's filter with its mode, as the portal's
/// Assignments section reads. Without assignments it says so and what to do.
class PolicyAssignmentsTab final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PolicyAssignmentsTab)

public:
    enum Column { Mode, Target, Filter, FilterMode, ColumnCount };

    explicit PolicyAssignmentsTab(QWidget* parent = nullptr);

    /// `loaded` false: no policy is shown (the table empties, no empty-state text).
    void setAssignments(const QList<normalize::AssignmentRow>& rows, bool loaded = true);

    QTableWidget* table() const { return m_table; }
    QLabel* emptyState() const { return m_empty; }
    QLabel* summary() const { return m_summary; }

    /// "Included" / "Excluded"; "All devices", "All users", the group's name; "Include"/"Exclude".
    static QString modeText(const normalize::AssignmentRow& row);
    static QString targetText(const normalize::AssignmentRow& row);
    static QString filterModeText(const QString& graphMode);

private:
    QTableWidget* m_table = nullptr;
    QLabel* m_summary = nullptr;
    QLabel* m_empty = nullptr;
};

} // namespace pv::ui
