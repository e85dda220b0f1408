// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// What the policyvault-cli tests share: running the real executable against a store in a
// temporary folder, and the test's own view of that store.
#pragma once

#include "core/runs/AccessGate.h"
#include "core/runs/RunService.h"
#include "core/store/Database.h"
#include "core/store/TenantRepository.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace pv::test {

/// Exactly one compact JSON document on one line: what every --json command promises.
inline bool isOneCompactDocument(const QByteArray& out)
{
    if (!out.endsWith('\n') || out.chopped(1).contains('\n'))
        return false;
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(out, &error);
    return error.error == QJsonParseError::NoError && (doc.isObject() || doc.isArray());
}

class CliFixture
{
protected:
    struct Outcome
    {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
        QJsonDocument json() const { return QJsonDocument::fromJson(out); }
    };

    Outcome cli(const QStringList& arguments, const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment())
    {
        QProcess process;
        process.setProcessEnvironment(env);
        process.start(qEnvironmentVariable("PV_CLI_BIN"), arguments);
        process.closeWriteChannel();   // tenant add reads a secret from stdin to its end
        if (!process.waitForFinished(30000))
            qFatal("policyvault-cli did not finish");
        return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1, process.readAllStandardOutput(),
                process.readAllStandardError()};
    }

    QStringList withData(QStringList arguments) const
    {
        return QStringList{QStringLiteral("--data-dir"), m_dir->path()} + arguments;
    }

    std::unique_ptr<QTemporaryDir> m_dir;

    Outcome runProgram(const QString& program, const QStringList& arguments,
                       const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment())
    {
        QProcess process;
        process.setProcessEnvironment(env);
        process.start(program, arguments);
        if (!process.waitForFinished(60000))
            qFatal("%s did not finish", qPrintable(program));
        return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1, process.readAllStandardOutput(),
                process.readAllStandardError()};
    }

    /// The CLI whose capture kinds are test jobs shaped by PV_TEST_JOB (CliTestKindsMain.cpp).
    static QString testKindsCli() { return qEnvironmentVariable("PV_CLI_TESTKINDS_BIN"); }
    static QProcessEnvironment jobEnvironment(const QJsonObject& job)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("PV_TEST_JOB"), QString::fromUtf8(QJsonDocument(job).toJson(QJsonDocument::Compact)));
        return env;
    }

    /// The test's own view of the store (the CLI processes open the same file).
    void openStore()
    {
        Database::Options options;
        options.path = m_dir->filePath(QStringLiteral("policyvault.db"));
        auto database = Database::open(options);
        QVERIFY2(database, "cannot open the test store");
        m_database = database.value();
        m_gate = std::make_unique<AccessGate>(m_database);
        m_runs = std::make_unique<RunService>(m_database);
    }

    qint64 addTenant(const QString& name)
    {
        TenantRecord tenant;
        tenant.name = name;
        tenant.entraTenantId = name + QStringLiteral("-tid");
        tenant.clientId = QStringLiteral("client");
        auto created = TenantRepository(m_database).create(tenant);
        return created ? created->id : 0;
    }

    RunRecord runRow(qint64 tenantId, qint64 runId)
    {
        auto scope = m_gate->enter(tenantId);
        if (!scope)
            return {};
        auto run = m_runs->run(scope.value(), runId);
        return run ? run.value() : RunRecord{};
    }

    std::shared_ptr<Database> m_database;
    std::unique_ptr<AccessGate> m_gate;
    std::unique_ptr<RunService> m_runs;


    /// Call from the test's init(): a fresh data folder for each test function.
    void newDataFolder()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
    }

    /// Call from the test's cleanup().
    void closeStore()
    {
        m_runs.reset();
        m_gate.reset();
        m_database.reset();
    }
};

} // namespace pv::test
