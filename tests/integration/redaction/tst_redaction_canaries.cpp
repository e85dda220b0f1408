// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// Every secret kind of STYLE.md's list travels, as a canary next to a harmless marker, through
// the real code paths that persist or log text: a job error and item messages carrying a URL, a
// percent-encoded URL, a form body and JSON (run engine → SQLite), the notification written when
// the run ends, an audit row's details, and qWarning / named loggers (→ rotating log files).
// Then the raw bytes of the .db, -wal and -shm files (before and after closing) and of every
// rotated log must contain each marker and no canary — raw, percent-encoded or JSON-escaped.
#include "core/logging/Logging.h"
#include "core/runs/RunService.h"
#include "core/store/AuditLog.h"
#include "core/store/Database.h"
#include "tests/testutils/TestDatabase.h"
#include "tests/testutils/TestJob.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QTest>
#include <QUrl>

#include <algorithm>
#include <functional>
#include <memory>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

Q_LOGGING_CATEGORY(lcGraphCanary, "pv.graph")

struct Canary
{
    QString name;
    QString secret;    ///< the whole secret as it appears in the message
    QStringList cores; ///< distinctive pieces of it: none may survive anywhere
    QString marker;    ///< harmless text next to it: must survive
    QString message;   ///< what travels through the code paths
};

QString pct(const QString& s)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(s));
}

QString jsonEscaped(const QString& s)
{
    const QByteArray doc = QJsonDocument(QJsonArray{s}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(doc.mid(2, doc.size() - 4)); // strip [" and "]
}

/// Every form in which a canary might be written somewhere.
QList<QByteArray> forms(const Canary& c)
{
    QList<QByteArray> out;
    for (const QString& s : QStringList{c.secret} + c.cores) {
        for (const QString& f :
             {s, pct(s), pct(pct(s)), jsonEscaped(s), QString(jsonEscaped(s)).replace(u"/"_s, u"\\/"_s)})
            out << f.toUtf8();
    }
    return out;
}

/// Secrets look like real ones: base64-ish with '+', '/', '=' so the encoded forms differ.
QString secretFor(const QString& tag, QStringList& cores)
{
    const QString a = u"Q7k"_s + tag + u"Ax"_s;
    const QString b = u"Zr9"_s + tag + u"By"_s;
    cores << a << b;
    return a + u"+w/"_s + b + u"=="_s;
}

QList<Canary> makeCanaries()
{
    QList<Canary> list;
    // Keyed secrets: in a URL, a percent-encoded URL, a form body and JSON.
    const QStringList keys = {u"client_secret"_s, u"client_assertion"_s, u"refresh_token"_s,
                              u"access_token"_s,  u"id_token"_s,         u"device_code"_s,
                              u"code"_s,          u"code_verifier"_s,    u"password"_s};
    int n = 0;
    for (const QString& key : keys) {
        Canary c;
        c.name = key;
        c.secret = secretFor(u"k%1"_s.arg(n++), c.cores);
        c.marker = u"MRK-"_s + QString(key).remove(u'_') + u"-ok"_s;
        const QString url =
            u"https://login.microsoftonline.com/cb?m="_s + c.marker + u'&' + key + u'=' + c.secret + u"&state=s1"_s;
        c.message = u"POST "_s + url + u" failed (marker "_s + c.marker + u"); body grant_type=x&"_s + key + u'=' +
                    c.secret + u"&scope=y; redirect_uri="_s + pct(url) + u"; json {\""_s + key + u"\":\""_s + c.secret +
                    u"\",\"m\":\""_s + c.marker + u"\"}"_s;
        list << c;
    }
    {
        Canary c;
        c.name = u"authorization-bearer"_s;
        c.secret = secretFor(u"ab"_s, c.cores);
        c.marker = u"MRK-bearer-ok"_s;
        c.message = u"GET https://graph.microsoft.com/beta/x -> 401 (marker "_s + c.marker +
                    u")\r\nAuthorization: Bearer "_s + c.secret + u"\r\nAccept: application/json"_s;
        list << c;
    }
    {
        Canary c;
        c.name = u"authorization-basic"_s;
        c.secret = secretFor(u"bs"_s, c.cores);
        c.marker = u"MRK-basic-ok"_s;
        c.message = u"token request with Authorization: Basic "_s + c.secret + u" refused (marker "_s + c.marker + u')';
        list << c;
    }
    {
        Canary c;
        c.name = u"cookie"_s;
        c.secret = secretFor(u"ck"_s, c.cores);
        c.marker = u"MRK-cookie-ok"_s;
        c.message = u"request headers (marker "_s + c.marker + u")\r\nCookie: esctx="_s + c.secret + u"; fpc=1\r\n"_s;
        list << c;
    }
    {
        Canary c;
        c.name = u"set-cookie"_s;
        c.secret = secretFor(u"sc"_s, c.cores);
        c.marker = u"MRK-setcookie-ok"_s;
        c.message = u"response headers (marker "_s + c.marker + u")\r\nSet-Cookie: x-ms-gateway-slice="_s + c.secret +
                    u"; path=/; secure\r\n"_s;
        list << c;
    }
    {
        Canary c;
        c.name = u"jwt"_s;
        const QString a = u"eyJjYW5hcnlKd3RQYXlsb2FkIjoxfQ"_s;
        const QString b = u"Q2FuYXJ5Snd0U2lnbmF0dXJl"_s;
        c.cores << a << b;
        c.secret = u"eyJhbGciOiJSUzI1NiJ9."_s + a + u'.' + b;
        c.marker = u"MRK-jwt-ok"_s;
        c.message = u"token "_s + c.secret + u" was rejected (marker "_s + c.marker + u')';
        list << c;
    }
    {
        Canary c;
        c.name = u"secret-setting-value"_s;
        c.secret = secretFor(u"ss"_s, c.cores);
        c.marker = u"MRK-setting-ok"_s;
        c.message = u"PUT settings failed (marker "_s + c.marker +
                    u"): {\"@odata.type\":\"#microsoft.graph.deviceManagementConfigurationSecretSettingValue\","
                    "\"settingValueTemplateReference\":null,\"value\":\""_s +
                    c.secret + u"\",\"valueState\":\"notEncrypted\"}"_s;
        list << c;
    }
    return list;
}

QByteArray readFile(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

struct Leak
{
    QString file;
    QString canary;
};

/// Canary forms found in any of `files`; also fills `contents` (all files, concatenated).
QList<Leak> findLeaks(const QStringList& files, const QList<Canary>& canaries, QByteArray* contents)
{
    QList<Leak> leaks;
    for (const QString& file : files) {
        const QByteArray bytes = readFile(file);
        if (contents)
            *contents += bytes;
        for (const Canary& c : canaries) {
            // Every occurrence (up to a few per file), so one report shows every path that leaked.
            int found = 0;
            for (const QByteArray& form : forms(c)) {
                for (qsizetype at = bytes.indexOf(form); at >= 0 && found < 4; at = bytes.indexOf(form, at + 1)) {
                    ++found;
                    // Some context tells which table or log line it was (the canary is fake).
                    QByteArray context = bytes.mid(qMax<qsizetype>(0, at - 80), form.size() + 160);
                    context.replace('\0', ' ');
                    leaks << Leak{QFileInfo(file).fileName(), c.name + u" as "_s + QString::fromUtf8(form) +
                                                                  u" in: "_s + QString::fromUtf8(context).simplified()};
                }
            }
        }
    }
    return leaks;
}

QString describe(const QList<Leak>& leaks)
{
    QStringList lines;
    for (const Leak& l : leaks)
        lines << l.file + u": "_s + l.canary;
    return lines.join(u'\n');
}

} // namespace

class TestRedactionCanaries : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void canariesNeverReachDiskOrLogs();
};

void TestRedactionCanaries::canariesNeverReachDiskOrLogs()
{
    const QList<Canary> canaries = makeCanaries();
    for (const Canary& c : canaries) {
        QVERIFY2(c.message.contains(c.secret) && c.message.contains(c.marker), qPrintable(c.name));
        for (const QString& core : c.cores)
            QVERIFY(c.message.contains(core));
    }

    pv::test::TestDatabase db = pv::test::makeTestDatabase();
    QVERIFY(db.isValid());
    const QString dbPath = db.path;

    // Logging as the app sets it up, with a tiny rotation size so several files exist.
    const QString logDir = db.dir->filePath(u"logs"_s);
    pv::logging::LogOptions logOptions;
    logOptions.appName = u"policyvault"_s;
    logOptions.directory = logDir;
    logOptions.maxFileSize = 2048;
    logOptions.maxFiles = 200;
    logOptions.toStderr = false;
    logOptions.level = pv::logging::Level::Debug;
    QVERIFY(pv::logging::init(logOptions).ok());

    auto service = std::make_unique<pv::RunService>(db.database);
    pv::test::registerTestJobKinds(*service);
    auto scope = pv::test::enterTenant(db.database, db.tenantId);
    QVERIFY(scope);
    pv::AuditLog audit(db.database);

    QList<qint64> failedItemRuns;
    QList<qint64> jobErrorRuns;
    for (const Canary& c : canaries) {
        // Item messages (every item fails with the message) …
        auto items = service->start(
            *scope,
            pv::RunRequest{QLatin1String(pv::test::TestKind), u"items-"_s + c.name,
                           QJsonObject{{u"items"_s, 2}, {u"failEvery"_s, 1}, {u"message"_s, c.message}}, u"test"_s});
        QVERIFY(items);
        failedItemRuns << items->runId;
        // … and a job-level error (its plan fails), which also ends up in the notification.
        auto thrown = service->start(
            *scope,
            pv::RunRequest{QLatin1String(pv::test::TestKind), u"throw-"_s + c.name,
                           QJsonObject{{u"items"_s, 2}, {u"planError"_s, true}, {u"message"_s, c.message}}, u"test"_s});
        QVERIFY(thrown);
        jobErrorRuns << thrown->runId;

        QVERIFY(audit.append(db.tenantId, u"test"_s, u"canary"_s, c.name, c.message).ok());

        qWarning().noquote() << c.message;
        qCWarning(lcGraphCanary).noquote() << c.message;
        pv::log::error(pv::log::Runs, c.message);
        pv::log::debug(pv::log::Secrets, c.message);
    }

    for (const qint64 id : failedItemRuns + jobErrorRuns)
        QTRY_VERIFY_WITH_TIMEOUT(!pv::isActive(service->run(*scope, id)->status), 30000);
    QTRY_VERIFY_WITH_TIMEOUT(service->notifications(*scope)->size() >= failedItemRuns.size() + jobErrorRuns.size(),
                             10000);

    // Each path really carried the message: its marker is there, its canary is not.
    const auto notifications = service->notifications(*scope);
    QVERIFY(notifications);
    for (int i = 0; i < canaries.size(); ++i) {
        const Canary& c = canaries.at(i);
        const auto itemRows = service->items(*scope, failedItemRuns.at(i));
        QVERIFY(itemRows && !itemRows->isEmpty());
        for (const pv::RunItemRecord& item : *itemRows) {
            QVERIFY2(item.message.contains(c.marker), qPrintable(item.message));
            QVERIFY2(!item.message.contains(c.cores.first()), qPrintable(item.message));
        }
        const auto run = service->run(*scope, jobErrorRuns.at(i));
        QCOMPARE(run->status, pv::RunStatus::Failed);
        QVERIFY2(run->errorSummary.contains(c.marker), qPrintable(run->errorSummary));
        QVERIFY2(!run->errorSummary.contains(c.cores.first()), qPrintable(run->errorSummary));
        bool notified = false;
        for (const pv::NotificationRecord& note : *notifications) {
            if (note.runId == jobErrorRuns.at(i)) {
                notified = true;
                QVERIFY2(note.body.contains(c.marker), qPrintable(note.body));
            }
        }
        QVERIFY2(notified, qPrintable(c.name));
    }
    const auto auditRows = audit.entries(db.tenantId, -1);
    QVERIFY(auditRows);
    // The runs above are audited too (run.start); the canary rows are the ones planted here.
    QCOMPARE(std::count_if(auditRows->begin(), auditRows->end(),
                           [](const pv::AuditEntry& row) { return row.action == u"canary"_s; }),
             canaries.size());

    // Raw files while everything is still open (WAL not checkpointed).
    pv::logging::flush();
    const QStringList dbFiles = {dbPath, dbPath + u"-wal"_s, dbPath + u"-shm"_s};
    QVERIFY(QFileInfo::exists(dbPath + u"-wal"_s));
    // To look at a failure with sqlite3: PV_REDACTION_KEEP_DIR=/some/dir keeps copies.
    if (const QString keep = qEnvironmentVariable("PV_REDACTION_KEEP_DIR"); !keep.isEmpty()) {
        QDir().mkpath(keep);
        for (const QString& f : dbFiles)
            QFile::copy(f, QDir(keep).filePath(QFileInfo(f).fileName()));
    }

    // Every finding is collected first, so one failing run names every path that leaked.
    QStringList problems;
    const auto check = [&](const QString& where, const QStringList& files) {
        QByteArray bytes;
        const QList<Leak> leaks = findLeaks(files, canaries, &bytes);
        if (!leaks.isEmpty())
            problems << u"canaries in "_s + where + u":\n"_s + describe(leaks);
        for (const Canary& c : canaries) {
            if (!bytes.contains(c.marker.toUtf8()))
                problems << u"marker missing in "_s + where + u": "_s + c.marker;
        }
    };
    check(u"the open database"_s, dbFiles);

    // Close everything, then the files as they stay on disk.
    service.reset();
    db.database.reset();
    pv::logging::shutdown();
    check(u"the closed database"_s, dbFiles);

    QStringList logFiles;
    for (const QString& name : QDir(logDir).entryList({u"*.log"_s}, QDir::Files))
        logFiles << QDir(logDir).filePath(name);
    QVERIFY2(logFiles.size() >= 5, qPrintable(logFiles.join(u' '))); // several rotated files
    QVERIFY(logFiles.size() < 200);                                  // none rotated away unchecked
    check(u"the logs"_s, logFiles);
    // Every full (rotated) file went through the redactor; the live file holds only the
    // tail, which may happen to carry no secret, so it is not required to show one.
    for (const QString& file : logFiles) {
        const bool live = QFileInfo(file).fileName() == u"policyvault.log"_s;
        if (!live && !readFile(file).contains("[redacted]"))
            problems << u"nothing redacted in "_s + file;
    }

    // QTest cuts long failure messages: print every finding, then fail with a count.
    for (const QString& problem : std::as_const(problems))
        qInfo().noquote() << problem;
    QVERIFY2(problems.isEmpty(), qPrintable(u"%1 findings, printed above"_s.arg(problems.size())));
}

QTEST_GUILESS_MAIN(TestRedactionCanaries)
#include "tst_redaction_canaries.moc"
