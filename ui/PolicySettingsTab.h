// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/normalize/SettingRow.h"

#include <QList>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;
class QTimer;

namespace pv::ui {

class PolicySettingsModel;

/// The Policies page's Settings tab: the normalizer's rows in a table (category, setting indented
/// under its parent, value, a firewall rule's badges as chips), a category filter, a debounced
/// search over name, value, definition id and description with the hits highlighted, and
/// Ctrl+C / "Copy rows" copying the selected rows as tab-separated text.
class PolicySettingsTab final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PolicySettingsTab)

public:
    explicit PolicySettingsTab(QWidget* parent = nullptr);

    /// `settingsKind` false: the object is not a configuration policy (an assignment filter, a
    /// scope tag), so its empty state points at the JSON tab instead of the portal's settings.
    void setRows(QList<normalize::SettingRow> rows, bool settingsKind = true);
    /// Applies the search text now instead of after the debounce (benchmarks, Enter).
    void applySearchNow();

    PolicySettingsModel* model() const { return m_model; }
    QLineEdit* searchField() const { return m_search; }
    QComboBox* categoryFilter() const { return m_category; }
    QTableView* view() const { return m_view; }
    QLabel* emptyState() const { return m_empty; }
    QLabel* countLabel() const { return m_count; }
    /// The selected rows as copied: category, setting (indented), value, badges; tab-separated.
    QString selectedRowsText() const;

private:
    void updateCategories();
    void updateState();

    PolicySettingsModel* m_model = nullptr;
    QLineEdit* m_search = nullptr;
    QComboBox* m_category = nullptr;
    QLabel* m_count = nullptr;
    QTableView* m_view = nullptr;
    QLabel* m_empty = nullptr;
    QTimer* m_debounce = nullptr;
    bool m_settingsKind = true;
};

} // namespace pv::ui
