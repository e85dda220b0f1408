// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/common/TenantScope.h"
#include "core/store/SnapshotRepository.h"

#include <QList>
#include <QWidget>

#include <memory>
#include <optional>

class QComboBox;
class QHBoxLayout;
class QLabel;
class QTableWidget;

namespace pv {
class Database;
}

namespace pv::ui {

class RunReader;

/// The Policies page's Versions tab: the policy's capture history (version, time, run, content
/// hash) and the setting-level difference between any two versions, computed off the GUI thread
/// from the normalizer's rows joined on rowKey.
class PolicyVersionsTab final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PolicyVersionsTab)

public:
    PolicyVersionsTab(RunReader& reader, const SnapshotRepository& snapshots, std::shared_ptr<Database> database,
                      QWidget* parent = nullptr);

    void setScope(const std::optional<TenantScope>& scope) { m_scope = scope; }
    /// Oldest first: version number = index + 1. Compares the last two.
    void showVersions(const QList<PolicyVersionRecord>& versions);
    bool isLoading() const { return m_diffDelivered < m_diffRequested; }

    /// The version selected in the history table (the latest when none is); nullopt without versions.
    std::optional<PolicyVersionRecord> selectedVersion() const;
    /// Actions on the selected version sit here, right of the history (empty so far: the restore
    /// GUI adds "Restore this version").
    QHBoxLayout* versionActions() const { return m_actions; }

    QTableWidget* versionsTable() const { return m_versions; }
    QComboBox* diffFrom() const { return m_diffFrom; }
    QComboBox* diffTo() const { return m_diffTo; }
    QTableWidget* diffTable() const { return m_diff; }
    QLabel* diffSummary() const { return m_diffSummary; }
    QLabel* emptyState() const { return m_empty; }

private:
    void readDiff();

    RunReader& m_reader;
    const SnapshotRepository& m_snapshots;
    std::shared_ptr<Database> m_database;
    std::optional<TenantScope> m_scope;
    QList<PolicyVersionRecord> m_shown;
    QTableWidget* m_versions = nullptr;
    QHBoxLayout* m_actions = nullptr;
    QWidget* m_compare = nullptr;
    QComboBox* m_diffFrom = nullptr;
    QComboBox* m_diffTo = nullptr;
    QTableWidget* m_diff = nullptr;
    QLabel* m_diffSummary = nullptr;
    QLabel* m_empty = nullptr;
    int m_diffRequested = 0;
    int m_diffDelivered = 0;
};

} // namespace pv::ui
