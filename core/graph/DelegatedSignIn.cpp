// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/graph/DelegatedSignIn.h"

#include "core/graph/GraphError.h"
#include "core/secrets/SecretStore.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslCertificate>

namespace pv::graph {

QString DelegatedSignInParams::scope() const
{
    return endpoints.scope + QStringLiteral(" offline_access openid profile");
}

QUrl DelegatedSignInParams::deviceCodeUrl() const
{
    QUrl url = tokenUrl();
    if (url.isEmpty())
        return {};
    QString path = url.path();
    path.chop(int(qstrlen("token")));
    url.setPath(path + QStringLiteral("devicecode"));
    return url;
}

namespace {

// The id_token came straight from the token endpoint over TLS, so its claims are read without
// checking the signature: the name is for display, never for an access decision.
QJsonObject idTokenClaims(const QByteArray& idToken)
{
    const QList<QByteArray> parts = idToken.split('.');
    if (parts.size() < 2)
        return {};
    const QByteArray payload = QByteArray::fromBase64(parts.at(1), QByteArray::Base64UrlEncoding);
    return QJsonDocument::fromJson(payload).object();
}

} // namespace

Result<DelegatedGrant> parseDelegatedGrant(const QJsonObject& json)
{
    DelegatedGrant grant;
    grant.access.token = json.value(QStringLiteral("access_token")).toString().toLatin1();
    const QJsonValue expires = json.value(QStringLiteral("expires_in"));
    const qint64 expiresIn = expires.isString() ? expires.toString().toLongLong() : expires.toInteger();
    if (grant.access.token.isEmpty() || expiresIn <= 0)
        return fail(ErrorCode::Auth, QStringLiteral("the token endpoint answered without an access token"));
    grant.access.expiresAt = QDateTime::currentDateTimeUtc().addSecs(expiresIn);
    grant.refreshToken = json.value(QStringLiteral("refresh_token")).toString().toLatin1();
    const QJsonObject claims = idTokenClaims(json.value(QStringLiteral("id_token")).toString().toLatin1());
    grant.userName = claims.value(QStringLiteral("preferred_username")).toString();
    if (grant.userName.isEmpty())
        grant.userName = claims.value(QStringLiteral("name")).toString();
    return grant;
}

EntraReply readEntraReply(QNetworkReply* reply)
{
    EntraReply out;
    out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->readAll();
    QJsonParseError parse{};
    const QJsonDocument document = QJsonDocument::fromJson(body, &parse);
    out.parsed = parse.error == QJsonParseError::NoError && document.isObject();
    out.json = document.object();
    out.error = out.json.value(QStringLiteral("error")).toString();
    out.description = out.json.value(QStringLiteral("error_description")).toString().section(QLatin1Char('\n'), 0, 0).trimmed();
    out.correlationId = out.json.value(QStringLiteral("correlation_id")).toString();
    if (out.status == 0)
        out.transportError = reply->errorString();
    out.transient = (out.status == 0 && isTransientNetworkError(reply->error())) || out.status == 429
        || out.status >= 500 || (out.status == 200 && !out.parsed);
    return out;
}

QNetworkReply* postForm(QNetworkAccessManager* network, const QUrl& url, const QSslConfiguration& ssl,
                        const QList<QPair<QString, QByteArray>>& fields)
{
    QByteArray form;
    for (const auto& [name, value] : fields) {
        if (!form.isEmpty())
            form += '&';
        form += name.toLatin1() + '=' + QUrl::toPercentEncoding(QString::fromUtf8(value));
    }
    QNetworkRequest request(url);
    request.setSslConfiguration(ssl);
    request.setTransferTimeout(60000);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/x-www-form-urlencoded"));
    return network->post(request, form);
}

Result<QSslConfiguration> sslWithExtraCa(const QString& caCertificatePath)
{
    QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
    if (caCertificatePath.isEmpty())
        return ssl;
    const QList<QSslCertificate> extra = QSslCertificate::fromPath(caCertificatePath, QSsl::Pem);
    if (extra.isEmpty())
        return fail(ErrorCode::InvalidArgument,
                    QStringLiteral("no PEM certificate could be read from CA file '%1'").arg(caCertificatePath));
    ssl.addCaCertificates(extra);
    return ssl;
}

QString signInFirstMessage(const QString& tenantName)
{
    const bool quote = tenantName.contains(QLatin1Char(' ')) || tenantName.contains(QLatin1Char('\t'));
    return QStringLiteral("sign in first: policyvault-cli tenant signin %1")
        .arg(quote ? QLatin1Char('"') + tenantName + QLatin1Char('"') : tenantName);
}

Result<QByteArray> loadRefreshToken(SecretStore& store, const QString& tenantUuid, const QString& tenantName)
{
    const QString key = SecretStore::key(tenantUuid, SecretKind::RefreshToken);
    if (key.isEmpty())
        return fail(ErrorCode::InvalidArgument, QStringLiteral("no valid tenant uuid for the refresh token"));
    Result<QByteArray> token = store.read(key);
    if (!token && token.error().code == ErrorCode::NotFound)
        return fail(ErrorCode::Auth, signInFirstMessage(tenantName));
    if (token && token->isEmpty())
        return fail(ErrorCode::Auth, signInFirstMessage(tenantName));
    return token;
}

Status storeSignIn(SecretStore& store, const QString& tenantUuid, const QByteArray& refreshToken,
                   const QString& userName)
{
    const QString key = SecretStore::key(tenantUuid, SecretKind::RefreshToken);
    if (key.isEmpty() || refreshToken.isEmpty())
        return fail(ErrorCode::InvalidArgument, QStringLiteral("no valid tenant uuid or refresh token to store"));
    if (Status s = store.write(key, refreshToken); !s)
        return s;
    if (userName.isEmpty())
        return {};
    return store.write(SecretStore::key(tenantUuid, SignedInUserKind), userName.toUtf8());
}

Result<QString> signedInUser(SecretStore& store, const QString& tenantUuid)
{
    const QString key = SecretStore::key(tenantUuid, SecretKind::RefreshToken);
    if (key.isEmpty())
        return fail(ErrorCode::InvalidArgument, QStringLiteral("no valid tenant uuid"));
    const Result<QByteArray> token = store.read(key);
    if (!token)
        return token.error().code == ErrorCode::NotFound ? Result<QString>(QString()) : token.failure();
    const Result<QByteArray> name = store.read(SecretStore::key(tenantUuid, SignedInUserKind));
    if (!name)
        return name.error().code == ErrorCode::NotFound ? Result<QString>(QString()) : name.failure();
    return QString::fromUtf8(*name);
}

Status signOut(SecretStore& store, const QString& tenantUuid)
{
    const QString key = SecretStore::key(tenantUuid, SecretKind::RefreshToken);
    if (key.isEmpty())
        return fail(ErrorCode::InvalidArgument, QStringLiteral("no valid tenant uuid"));
    if (Status s = store.remove(key); !s)
        return s;
    return store.remove(SecretStore::key(tenantUuid, SignedInUserKind));
}

} // namespace pv::graph
