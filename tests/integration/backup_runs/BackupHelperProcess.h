// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include <QProcess>
#include <QString>
#include <QStringList>

/// pv_run_helper in another process, running the shipped "backup" kind against a store file
/// whose tenant points at graphsim (the secret in POLICYVAULT_CLIENT_SECRET, as on a build
/// agent). Reads its lines: "run <id>", "item <count> <key>", "done <status>".
class BackupHelperProcess final
{
public:
    BackupHelperProcess();
    ~BackupHelperProcess();
    BackupHelperProcess(const BackupHelperProcess&) = delete;
    BackupHelperProcess& operator=(const BackupHelperProcess&) = delete;

    /// Starts `pv_run_helper <arguments>` with the client secret in its environment.
    bool start(const QStringList& arguments, const QString& clientSecret);
    /// Reads lines until one starts with `prefix` (returns it, trimmed) or the process ended or
    /// `timeoutMs` passed (returns an empty string). Lines before it are kept in lines().
    QString waitForLine(const QString& prefix, int timeoutMs = 120000);
    const QStringList& lines() const { return m_lines; }
    QProcess& process() { return m_process; }

private:
    QProcess m_process;
    QStringList m_lines;
    int m_consumed = 0;
};
