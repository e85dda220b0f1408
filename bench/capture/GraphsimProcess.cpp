// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "GraphsimProcess.h"

#include "core/secrets/SecretStore.h"
#include "core/store/TenantRepository.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QTimer>

GraphsimProcess::~GraphsimProcess()
{
    stop();
}

bool GraphsimProcess::start(const QString& program, const QStringList& arguments, QString* error)
{
    m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_process.start(program, arguments);
    if (!m_process.waitForStarted(20000)) {
        *error = QStringLiteral("graphsim did not start: %1").arg(m_process.errorString());
        return false;
    }
    // The large tenant takes seconds to generate: wait for the line, not for a time.
    const QDeadlineTimer deadline(std::chrono::minutes(3));
    while (!m_process.canReadLine()) {
        if (deadline.hasExpired() || m_process.state() != QProcess::Running
            || !m_process.waitForReadyRead(int(qMax<qint64>(1, deadline.remainingTime())))) {
            if (m_process.canReadLine())
                break;
            *error = QStringLiteral("graphsim printed no start line");
            return false;
        }
    }
    const QJsonObject info = QJsonDocument::fromJson(m_process.readLine()).object();
    m_httpUrl = QUrl(info.value(QStringLiteral("http")).toString());
    m_httpsUrl = QUrl(info.value(QStringLiteral("https")).toString());
    m_caCert = info.value(QStringLiteral("caCert")).toString();
    const QJsonObject tenant = info.value(QStringLiteral("tenants")).toArray().first().toObject();
    m_tenantId = tenant.value(QStringLiteral("tenantId")).toString();
    m_clientId = tenant.value(QStringLiteral("clientId")).toString();
    m_clientSecret = tenant.value(QStringLiteral("clientSecret")).toString();
    if (!m_httpsUrl.isValid() || m_caCert.isEmpty() || m_tenantId.isEmpty()) {
        *error = QStringLiteral("graphsim's start line lacks its URLs or tenant");
        return false;
    }
    return true;
}

void GraphsimProcess::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.terminate();
    if (!m_process.waitForFinished(5000)) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

QJsonObject GraphsimProcess::sim(const QString& name)
{
    QNetworkReply* reply = m_network.get(QNetworkRequest(QUrl(m_httpUrl.toString() + QStringLiteral("/_sim/") + name)));
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(30000, &loop, &QEventLoop::quit);
    if (!reply->isFinished())
        loop.exec();
    const QJsonObject body = reply->isFinished() && reply->error() == QNetworkReply::NoError
                                 ? QJsonDocument::fromJson(reply->readAll()).object()
                                 : QJsonObject{};
    reply->deleteLater();
    return body;
}

QJsonObject GraphsimProcess::simPost(const QString& name, const QJsonObject& body)
{
    QNetworkRequest request(QUrl(m_httpUrl.toString() + QStringLiteral("/_sim/") + name));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    QNetworkReply* reply = m_network.post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(60000, &loop, &QEventLoop::quit);
    if (!reply->isFinished())
        loop.exec();
    const QJsonObject out = reply->isFinished() && reply->error() == QNetworkReply::NoError
                                ? QJsonDocument::fromJson(reply->readAll()).object()
                                : QJsonObject{};
    reply->deleteLater();
    return out;
}

pv::Result<pv::TenantRecord> GraphsimProcess::addBenchTenant(const std::shared_ptr<pv::Database>& database,
                                                             pv::SecretStore& secrets) const
{
    pv::TenantRecord record;
    record.name = QStringLiteral("Bench");
    record.entraTenantId = m_tenantId;
    record.clientId = m_clientId;
    record.graphUrl = m_httpsUrl.toString();
    record.authorityUrl = record.graphUrl;
    record.caCertificatePath = m_caCert;
    auto tenant = pv::TenantRepository(database).create(record);
    if (!tenant)
        return tenant.failure();
    if (pv::Status s = secrets.write(pv::SecretStore::key(tenant->uuid, pv::SecretKind::ClientSecret), m_clientSecret.toUtf8()); !s)
        return s.failure();
    return tenant;
}
