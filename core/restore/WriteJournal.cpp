// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/restore/WriteJournal.h"

#include "core/common/Redactor.h"
#include "core/runs/RunRepository.h"
#include "core/store/AuditLog.h"
#include "core/store/Database.h"
#include "core/store/DbError.h"
#include "core/store/DbTime.h"

#include <QSqlQuery>
#include <QUrl>
#include <QVariant>

namespace pv::restore {

namespace {

const QList<QPair<WriteState, QString>>& names()
{
    static const QList<QPair<WriteState, QString>> list{
        {WriteState::Sending, QStringLiteral("sending")},   {WriteState::Applied, QStringLiteral("applied")},
        {WriteState::NotApplied, QStringLiteral("not_applied")}, {WriteState::Uncertain, QStringLiteral("uncertain")},
        {WriteState::Conflict, QStringLiteral("conflict")}};
    return list;
}

QVariant nullable(const QString& text)
{
    return text.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(text);
}

/// What the audit row names: the operation on which object, never its body.
QString operation(const JournalEntry& e)
{
    return QStringLiteral("%1 %2 %3").arg(e.step, e.method, QUrl(e.url).path());
}

const char* const Columns = "id, tenant_id, run_id, plan_run_id, item_key, step, method, url, body_sha256,"
                            " client_request_id, sent_at, state, http_status, request_id, created_id, completed_at, error";

JournalEntry fromRow(const QSqlQuery& q)
{
    JournalEntry e;
    e.id = q.value(0).toLongLong();
    e.tenantId = q.value(1).toLongLong();
    e.runId = q.value(2).toLongLong();
    e.planRunId = q.value(3).toLongLong();
    e.itemKey = q.value(4).toString();
    e.step = q.value(5).toString();
    e.method = q.value(6).toString();
    e.url = q.value(7).toString();
    e.bodySha256 = q.value(8).toString();
    e.clientRequestId = q.value(9).toString();
    e.sentAt = fromDbTime(q.value(10).toString());
    e.state = writeStateFromName(q.value(11).toString()).value_or(WriteState::Uncertain);
    e.httpStatus = q.value(12).toInt();
    e.requestId = q.value(13).toString();
    e.createdId = q.value(14).toString();
    if (!q.value(15).isNull())
        e.completedAt = fromDbTime(q.value(15).toString());
    e.error = q.value(16).toString();
    return e;
}

} // namespace

QString writeStateName(WriteState state)
{
    for (const auto& [s, name] : names()) {
        if (s == state)
            return name;
    }
    return QStringLiteral("uncertain");
}

std::optional<WriteState> writeStateFromName(const QString& name)
{
    for (const auto& [s, n] : names()) {
        if (n == name)
            return s;
    }
    return std::nullopt;
}

WriteJournal::WriteJournal(std::shared_ptr<Database> database) : m_database(std::move(database)) {}

QString WriteJournal::stepKey(const QString& itemKey, const QString& step)
{
    return itemKey + QLatin1Char('|') + step;
}

Result<qint64> WriteJournal::begin(const TenantScope& scope, const JournalEntry& entry, const QString& actor) const
{
    qint64 id = 0;
    const Status s = m_database->writeTransaction([&](QSqlDatabase& db) -> Status {
        RunRepository runs(db);
        if (Status a = runs.checkAccess(scope, entry.runId); !a)
            return a;
        if (Status a = runs.checkAccess(scope, entry.planRunId); !a)
            return a;
        QSqlQuery q(db);
        q.prepare(QStringLiteral("INSERT INTO write_journal(tenant_id, run_id, plan_run_id, item_key, step, method, url,"
                                 " body_sha256, client_request_id, sent_at, state) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                                 " 'sending')"));
        q.addBindValue(scope.tenantId());
        q.addBindValue(entry.runId);
        q.addBindValue(entry.planRunId);
        q.addBindValue(entry.itemKey);
        q.addBindValue(entry.step);
        q.addBindValue(entry.method);
        q.addBindValue(entry.url);
        q.addBindValue(entry.bodySha256);
        q.addBindValue(entry.clientRequestId);
        q.addBindValue(entry.sentAt.isValid() ? toDbTime(entry.sentAt) : nowDbTime());
        if (Status e = db::exec(q, QStringLiteral("journaling a write of %1").arg(entry.itemKey)); !e)
            return e;
        id = q.lastInsertId().toLongLong();
        return AuditLog::appendIn(db, scope.tenantId(), actor, QStringLiteral("restore.write.intent"),
                                  QStringLiteral("run %1 item %2").arg(entry.runId).arg(entry.itemKey),
                                  QStringLiteral("%1; client-request-id %2; journal %3")
                                      .arg(operation(entry), entry.clientRequestId)
                                      .arg(id));
    });
    if (!s)
        return s.failure();
    return id;
}

Status WriteJournal::complete(const TenantScope& scope, qint64 id, const WriteCompletion& completion,
                              const QString& actor) const
{
    return m_database->writeTransaction([&](QSqlDatabase& db) -> Status {
        QSqlQuery row(db);
        row.prepare(QStringLiteral("SELECT %1 FROM write_journal WHERE id = ?").arg(QLatin1String(Columns)));
        row.addBindValue(id);
        if (Status e = db::exec(row, QStringLiteral("reading journal row %1").arg(id)); !e)
            return e;
        if (!row.next())
            return fail(ErrorCode::NotFound, QStringLiteral("write journal row %1 does not exist").arg(id));
        const JournalEntry entry = fromRow(row);
        if (entry.tenantId != scope.tenantId())
            return fail(ErrorCode::AccessDenied, QStringLiteral("write journal row %1 belongs to another tenant").arg(id));
        const QString error = Redactor::redact(completion.error);
        QSqlQuery q(db);
        q.prepare(QStringLiteral("UPDATE write_journal SET state = ?, http_status = ?, request_id = ?, created_id = ?,"
                                 " completed_at = ?, error = ? WHERE id = ?"));
        q.addBindValue(writeStateName(completion.state));
        q.addBindValue(completion.httpStatus > 0 ? QVariant(completion.httpStatus) : QVariant(QMetaType::fromType<int>()));
        q.addBindValue(nullable(completion.requestId));
        q.addBindValue(nullable(completion.createdId));
        q.addBindValue(nowDbTime());
        q.addBindValue(nullable(error));
        q.addBindValue(id);
        if (Status e = db::exec(q, QStringLiteral("completing journal row %1").arg(id)); !e)
            return e;
        QString details = QStringLiteral("%1 → %2").arg(operation(entry), writeStateName(completion.state));
        if (completion.httpStatus > 0)
            details += QStringLiteral("; HTTP %1").arg(completion.httpStatus);
        if (!completion.requestId.isEmpty())
            details += QStringLiteral("; request-id %1").arg(completion.requestId);
        if (!completion.createdId.isEmpty())
            details += QStringLiteral("; created %1").arg(completion.createdId);
        if (!error.isEmpty())
            details += QStringLiteral("; %1").arg(error);
        details += QStringLiteral("; journal %1").arg(id);
        return AuditLog::appendIn(db, scope.tenantId(), actor, QStringLiteral("restore.write.outcome"),
                                  QStringLiteral("run %1 item %2").arg(entry.runId).arg(entry.itemKey), details);
    });
}

Result<QList<JournalEntry>> WriteJournal::entriesOfPlan(const TenantScope& scope, qint64 planRunId) const
{
    QSqlDatabase db = m_database->connection();
    if (Status a = RunRepository(db).checkAccess(scope, planRunId); !a)
        return a.failure();
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT %1 FROM write_journal WHERE plan_run_id = ? AND tenant_id = ? ORDER BY id")
                  .arg(QLatin1String(Columns)));
    q.addBindValue(planRunId);
    q.addBindValue(scope.tenantId());
    if (Status e = db::exec(q, QStringLiteral("reading the write journal of plan %1").arg(planRunId)); !e)
        return e.failure();
    QList<JournalEntry> out;
    while (q.next())
        out.append(fromRow(q));
    return out;
}

Result<QHash<QString, JournalEntry>> WriteJournal::latestPerStep(const TenantScope& scope, qint64 planRunId) const
{
    auto all = entriesOfPlan(scope, planRunId);
    if (!all)
        return all.failure();
    QHash<QString, JournalEntry> out;
    for (const JournalEntry& e : std::as_const(*all))
        out.insert(stepKey(e.itemKey, e.step), e);   // oldest first: the newest wins
    return out;
}

} // namespace pv::restore
