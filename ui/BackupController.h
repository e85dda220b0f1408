// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/common/TenantScope.h"
#include "core/runs/RunTypes.h"

#include <QObject>

#include <optional>

class QAction;

namespace pv {
class RunService;
}

namespace pv::ui {

class BackgroundWriter;

/// "Back up now": drives one QAction (menu, toolbar and page buttons share it). Starting goes
/// through RunService::start on a background thread, since a start writes to the store and
/// may wait for another process's write lock. The action is disabled, with a tooltip saying
/// why, while no tenant is selected, while this build has no backup kind, and while a start
/// is on its way (a double click starts one run; the store's dedupe covers other windows).
class BackupController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BackupController)

public:
    BackupController(RunService& runService, QAction* action, QObject* parent = nullptr);
    ~BackupController() override;

    /// The backup request for every captured type, as capture::backupRequest builds it.
    static RunRequest backupRequest();

    void setScope(const std::optional<TenantScope>& scope);
    /// Starts a backup of the current tenant (the action's trigger).
    void start();
    bool isStarting() const { return m_starting; }
    QAction* action() const { return m_action; }

signals:
    /// The run exists (new, or an equal one that was already active when reused).
    void runStarted(qint64 tenantId, qint64 runId, bool reused);
    void startFailed(const QString& message);

private:
    void updateAction();

    RunService& m_runService;
    QAction* m_action = nullptr;
    BackgroundWriter* m_writer = nullptr;
    std::optional<TenantScope> m_scope;
    bool m_starting = false;
};

} // namespace pv::ui
