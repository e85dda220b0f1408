// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/runs/NotificationRepository.h"
#include "core/runs/RunItemRepository.h"
#include "core/runs/RunRepository.h"
#include "core/store/Database.h"
#include "tests/testutils/ResultText.h"
#include "tests/testutils/TestDatabase.h"

#include <QJsonDocument>
#include <QTest>

using namespace pv;

namespace {
// A token-shaped value the redactor must remove; the marker next to it must survive.
const QString Canary = QStringLiteral("CanaryValue7f3a9b");
const QString Marker = QStringLiteral("marker-8841");
QString secretText()
{
    return QStringLiteral("%1 POST https://login.example/token?client_secret=%2&x=1").arg(Marker, Canary);
}
} // namespace

class tst_RunRepositories : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void insertAndReadRun();
    void scopedAccess();
    void storedTextIsRedacted();
    void completedKeysFollowTheChain();
    void itemsAfterAnOrdinal();

private:
    test::TestDatabase m_db;
    std::optional<TenantScope> m_a;
    std::optional<TenantScope> m_b;
};

void tst_RunRepositories::initTestCase()
{
    m_db = test::makeTestDatabase();
    QVERIFY(m_db.isValid());
    m_a = test::enterTenant(m_db.database, m_db.tenantId);
    m_b = test::enterTenant(m_db.database, test::addTestTenant(m_db.database, QStringLiteral("Fabrikam")));
    QVERIFY(m_a && m_b);
}

void tst_RunRepositories::insertAndReadRun()
{
    RunRepository runs(m_db.database->connection());
    RunRepository::NewRun run{QStringLiteral("test"), QStringLiteral("t1"),
                              RunRepository::dedupeKey(m_a->tenantId(), QStringLiteral("test"), QStringLiteral("t1")),
                              QJsonObject{{QStringLiteral("items"), 3}}, QStringLiteral("cli"), 0,
                              ProcessIdentity{42, 4242}};
    auto id = runs.insertQueued(*m_a, run);
    QVERIFY2(id, test::errorText(id).constData());
    auto again = runs.insertQueued(*m_a, run);   // same key while queued: the index refuses
    QVERIFY(!again);
    QCOMPARE(again.error().code, ErrorCode::Conflict);

    auto record = runs.get(*m_a, *id);
    QVERIFY(record);
    QCOMPARE(record->status, RunStatus::Queued);
    QCOMPARE(record->kind, QStringLiteral("test"));
    QCOMPARE(record->target, QStringLiteral("t1"));
    QCOMPARE(record->parameters.value(QStringLiteral("items")).toInt(), 3);
    QCOMPARE(record->initiator, QStringLiteral("cli"));
    QCOMPARE(record->ownerPid, 42);
    QCOMPARE(record->ownerStartedAt, 4242);
    QVERIFY(record->createdAt.isValid());
    QVERIFY(!record->startedAt.isValid());

    QCOMPARE(*runs.markRunning(*m_a, *id, 3), true);
    QCOMPARE(*runs.markRunning(*m_a, *id, 3), false);   // only from queued
    QVERIFY(runs.setProgress(*m_a, *id, 2));
    QCOMPARE(runs.get(*m_a, *id)->progressDone, 2);
    // Counters on the row, one per outcome; an item's insert counts it.
    RunItemRepository items(m_db.database->connection());
    for (const auto& [ordinal, outcome] : {std::pair{0, ItemOutcome::Created}, std::pair{1, ItemOutcome::Failed},
                                           std::pair{2, ItemOutcome::Created}}) {
        RunItemRecord item;
        item.runId = *id;
        item.ordinal = ordinal;
        item.itemKey = QString::number(ordinal);
        item.outcome = outcome;
        QVERIFY(items.insert(*m_a, item));
    }
    QCOMPARE(runs.get(*m_a, *id)->counts.of(ItemOutcome::Created), 2);
    QCOMPARE(runs.get(*m_a, *id)->counts.of(ItemOutcome::Failed), 1);
    QCOMPARE(runs.get(*m_a, *id)->counts.total(), 3);
    QCOMPARE(runs.get(*m_a, *id)->succeededCount, 2);
    QCOMPARE(runs.activeByDedupeKey(*m_a, run.dedupeKey)->value().id, *id);
    QCOMPARE(*runs.finish(*m_a, *id, RunStatus::Succeeded, {}), true);
    QCOMPARE(*runs.finish(*m_a, *id, RunStatus::Failed, {}), false);   // ended runs stay ended
    QCOMPARE(runs.get(*m_a, *id)->status, RunStatus::Succeeded);
    QVERIFY(!runs.activeByDedupeKey(*m_a, run.dedupeKey)->has_value());
    QVERIFY(runs.insertQueued(*m_a, run));   // the key is free again
    QVERIFY(RunRepository::tenantsWithActiveRuns(m_db.database->connection())->contains(m_a->tenantId()));
}

void tst_RunRepositories::scopedAccess()
{
    const QSqlDatabase db = m_db.database->connection();
    RunRepository runs(db);
    auto id = runs.insertQueued(*m_a, RunRepository::NewRun{QStringLiteral("test"), QStringLiteral("scoped"),
                                                            QStringLiteral("k-scoped"), {}, {}, 0, {}});
    QVERIFY(id);
    QCOMPARE(runs.get(*m_b, *id).error().code, ErrorCode::AccessDenied);
    QCOMPARE(runs.get(*m_a, 99999).error().code, ErrorCode::NotFound);
    QCOMPARE(runs.markRunning(*m_b, *id, 1).error().code, ErrorCode::AccessDenied);
    QCOMPARE(runs.setProgress(*m_b, *id, 1).error().code, ErrorCode::AccessDenied);
    QCOMPARE(runs.countItem(*m_b, *id, ItemOutcome::Succeeded).error().code, ErrorCode::AccessDenied);
    QCOMPARE(runs.get(*m_a, *id)->counts.total(), 0);   // the refused update changed nothing
    QCOMPARE(runs.finish(*m_b, *id, RunStatus::Failed, {}).error().code, ErrorCode::AccessDenied);
    QCOMPARE(runs.cancelQueued(*m_b, *id).error().code, ErrorCode::AccessDenied);
    for (const RunRecord& r : *runs.list(*m_b, {}))
        QVERIFY(r.tenantId == m_b->tenantId());

    RunItemRepository items(db);
    RunItemRecord item;
    item.runId = *id;
    item.itemKey = QStringLiteral("k");
    QCOMPARE(items.insert(*m_b, item).error().code, ErrorCode::AccessDenied);
    QCOMPARE(items.list(*m_b, *id).error().code, ErrorCode::AccessDenied);
    QCOMPARE(items.list(*m_a, 99999).error().code, ErrorCode::NotFound);
    QCOMPARE(items.completedKeysInChain(*m_b, *id).error().code, ErrorCode::AccessDenied);

    NotificationRepository notes(db);
    QCOMPARE(notes.insert(*m_b, *id, QStringLiteral("run_finished"), QStringLiteral("t"), QStringLiteral("b"))
                 .error().code, ErrorCode::AccessDenied);
    auto note = notes.insert(*m_a, *id, QStringLiteral("run_finished"), QStringLiteral("t"), QStringLiteral("b"));
    QVERIFY(note);
    QCOMPARE(notes.get(*m_b, *note).error().code, ErrorCode::AccessDenied);
    QCOMPARE(notes.markRead(*m_b, *note).error().code, ErrorCode::AccessDenied);
    QCOMPARE(notes.get(*m_a, 99999).error().code, ErrorCode::NotFound);
    QCOMPARE(*notes.markAllRead(*m_b), 0);
    QVERIFY(!notes.get(*m_a, *note)->readAt.isValid());
}

void tst_RunRepositories::storedTextIsRedacted()
{
    const QSqlDatabase db = m_db.database->connection();
    RunRepository runs(db);
    const QJsonObject parameters{{QStringLiteral("message"), secretText()},
                                 {QStringLiteral("client_secret"), Canary},
                                 {QStringLiteral("items"), 2}};
    auto id = runs.insertQueued(*m_a, RunRepository::NewRun{QStringLiteral("test"), QStringLiteral("redact"),
                                                            QStringLiteral("k-redact"), parameters, {}, 0, {}});
    QVERIFY(id);
    const QJsonObject storedParameters = runs.get(*m_a, *id)->parameters;
    QCOMPARE(storedParameters.value(QStringLiteral("items")).toInt(), 2);   // still JSON, other values kept
    QVERIFY(storedParameters.value(QStringLiteral("message")).toString().contains(Marker));
    QVERIFY(!QJsonDocument(storedParameters).toJson().contains(Canary.toUtf8()));
    QVERIFY(runs.markRunning(*m_a, *id, 1));
    RunItemRecord item;
    item.runId = *id;
    item.itemKey = QStringLiteral("k1");
    item.outcome = ItemOutcome::Failed;
    item.message = secretText();
    QVERIFY(RunItemRepository(db).insert(*m_a, item));
    QVERIFY(runs.finish(*m_a, *id, RunStatus::Failed, secretText()));
    auto note = NotificationRepository(db).insert(*m_a, *id, QStringLiteral("run_finished"), secretText(), secretText());
    QVERIFY(note);

    const QString stored[] = {RunItemRepository(db).list(*m_a, *id)->first().message,
                              runs.get(*m_a, *id)->errorSummary,
                              NotificationRepository(db).get(*m_a, *note)->title,
                              NotificationRepository(db).get(*m_a, *note)->body};
    for (const QString& text : stored) {
        QVERIFY2(text.contains(Marker), qPrintable(text));
        QVERIFY2(!text.contains(Canary), qPrintable(text));
    }
}

void tst_RunRepositories::completedKeysFollowTheChain()
{
    const QSqlDatabase db = m_db.database->connection();
    RunRepository runs(db);
    RunItemRepository items(db);
    const auto addRun = [&](qint64 parent, const QString& key) {
        auto id = runs.insertQueued(*m_a, RunRepository::NewRun{QStringLiteral("test"), QStringLiteral("chain"), key,
                                                                {}, {}, parent, {}});
        if (id)
            (void)runs.finish(*m_a, *id, RunStatus::PartiallySucceeded, {});
        return id ? *id : 0;
    };
    const auto addItem = [&](qint64 run, int ordinal, const QString& key, ItemOutcome outcome) {
        RunItemRecord item;
        item.runId = run;
        item.ordinal = ordinal;
        item.itemKey = key;
        item.outcome = outcome;
        return bool(items.insert(*m_a, item));
    };
    const qint64 parent = addRun(0, QStringLiteral("chain-1"));
    QVERIFY(parent > 0);
    QVERIFY(addItem(parent, 0, QStringLiteral("a"), ItemOutcome::Succeeded));
    QVERIFY(addItem(parent, 1, QStringLiteral("b"), ItemOutcome::Failed));
    QVERIFY(addItem(parent, 2, QStringLiteral("c"), ItemOutcome::Skipped));
    const qint64 child = addRun(parent, QStringLiteral("chain-2"));
    QVERIFY(child > 0);
    QVERIFY(addItem(child, 1, QStringLiteral("b"), ItemOutcome::Updated));
    QVERIFY(addItem(child, 3, QStringLiteral("d"), ItemOutcome::Failed));

    QCOMPARE(*items.completedKeysInChain(*m_a, parent), (QSet<QString>{QStringLiteral("a"), QStringLiteral("c")}));
    QCOMPARE(*items.completedKeysInChain(*m_a, child),
             (QSet<QString>{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}));
    auto counts = items.counts(*m_a, parent);
    QCOMPARE(counts->succeeded, 1);
    QCOMPARE(counts->failed, 1);
    QCOMPARE(counts->skipped, 1);
    QCOMPARE(runs.childOf(*m_a, parent)->value().id, child);
    // A second child of the same parent is refused by the database.
    QCOMPARE(runs.insertQueued(*m_a, RunRepository::NewRun{QStringLiteral("test"), QStringLiteral("chain"),
                                                           QStringLiteral("chain-3"), {}, {}, parent, {}})
                 .error().code, ErrorCode::Conflict);
}

void tst_RunRepositories::itemsAfterAnOrdinal()
{
    const QSqlDatabase db = m_db.database->connection();
    auto id = RunRepository(db).insertQueued(*m_a, RunRepository::NewRun{QStringLiteral("test"), QStringLiteral("after"),
                                                                          QStringLiteral("k-after"), {}, {}, 0, {}});
    QVERIFY(id);
    RunItemRepository items(db);
    for (int ordinal = 1; ordinal <= 5; ++ordinal) {
        RunItemRecord item;
        item.runId = *id;
        item.ordinal = ordinal;
        item.itemKey = QStringLiteral("item-%1").arg(ordinal);
        QVERIFY(items.insert(*m_a, item));
    }
    QCOMPARE(items.list(*m_a, *id)->size(), 5);
    auto rest = items.list(*m_a, *id, 3);
    QVERIFY(rest);
    QCOMPARE(rest->size(), 2);
    QCOMPARE(rest->at(0).ordinal, 4);
    QCOMPARE(rest->at(1).itemKey, QStringLiteral("item-5"));
    QVERIFY(items.list(*m_a, *id, 5)->isEmpty());
    QCOMPARE(items.list(*m_a, *id, -1)->size(), 5);
    QCOMPARE(items.list(*m_b, *id, 3).error().code, ErrorCode::AccessDenied);
}

QTEST_GUILESS_MAIN(tst_RunRepositories)
#include "tst_runrepositories.moc"
