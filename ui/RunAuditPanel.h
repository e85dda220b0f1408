// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/common/TenantScope.h"
#include "core/store/AuditLog.h"

#include <QList>
#include <QWidget>

#include <optional>

class QLabel;
class QStackedWidget;
class QTableWidget;

namespace pv::ui {

class RunReader;

/// The audit trail of one run (a live restore): the hash-chained audit rows it appended — run
/// start, the intent before each write and its outcome after, run end — oldest first.
///
/// Which rows belong to a run: the action starts with "restore." and the target starts with
/// "run <id> " — as the restore job and its write journal write them ("run 12 plan 9",
/// "run 12 item settingsCatalog:4"; AuditLog::entriesOfRun, which refuses another tenant's run).
/// Read off the GUI thread.
class RunAuditPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunAuditPanel)

public:
    RunAuditPanel(RunReader& reader, QWidget* parent = nullptr);
    ~RunAuditPanel() override;

    /// The log to read (optional; must outlive the panel). Without it the panel says so.
    void setAuditLog(const AuditLog* log) { m_log = log; }
    /// Shows the run's rows; they are read now when the panel is visible, else once it is shown.
    void showRun(const TenantScope& scope, qint64 runId);
    /// Re-reads the rows of the shown run.
    void refresh();
    void clear();
    bool isLoading() const { return m_requested != m_delivered; }
    const QList<AuditEntry>& entries() const { return m_entries; }
    QTableWidget* table() const { return m_table; }

    /// `details` as people read it: "operation: PUT · requestId: …" (the runId left out).
    static QString detailsText(const QString& details);

protected:
    void showEvent(QShowEvent* event) override;

private:
    void showEntries(const QList<AuditEntry>& entries);

    RunReader& m_reader;
    const AuditLog* m_log = nullptr;
    std::optional<TenantScope> m_scope;
    qint64 m_runId = 0;
    int m_requested = 0;
    int m_delivered = 0;
    bool m_stale = false;   ///< the run changed while the panel was hidden
    QList<AuditEntry> m_entries;
    QLabel* m_count = nullptr;
    QStackedWidget* m_stack = nullptr;
    QTableWidget* m_table = nullptr;
    QLabel* m_empty = nullptr;
};

} // namespace pv::ui
