// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/store/DbError.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

namespace pv::db {

namespace {
// Qt's QSQLITE driver reports sqlite3_errcode() (the primary result code) as text.
int sqliteCode(const QSqlError& error)
{
    bool ok = false;
    const int code = error.nativeErrorCode().toInt(&ok);
    return ok ? (code & 0xff) : -1;
}
constexpr int SqliteBusy = 5;
constexpr int SqliteLocked = 6;
constexpr int SqliteConstraint = 19;
} // namespace

Failure failure(const QSqlError& error, const QString& context)
{
    QString text = error.databaseText();
    if (text.isEmpty())
        text = error.text();
    return fail(ErrorCode::Database, QStringLiteral("%1: %2").arg(context, text));
}

bool isBusy(const QSqlError& error)
{
    const int code = sqliteCode(error);
    return code == SqliteBusy || code == SqliteLocked;
}

bool isConstraintViolation(const QSqlError& error)
{
    return sqliteCode(error) == SqliteConstraint;
}

QString nonNull(const QString& text)
{
    return text.isNull() ? QString(QLatin1String("")) : text;
}

Status exec(QSqlQuery& query, const QString& context)
{
    if (!query.exec())
        return failure(query.lastError(), context);
    return {};
}

Status execStatement(QSqlDatabase& db, const QString& sql)
{
    QSqlQuery query(db);
    if (!query.prepare(sql))
        return failure(query.lastError(), sql.left(80));
    if (!query.exec())
        return failure(query.lastError(), sql.left(80));
    return {};
}

} // namespace pv::db
