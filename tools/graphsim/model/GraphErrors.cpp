// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "tools/graphsim/model/GraphErrors.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace graphsim::errors {

namespace {
const QString kServiceUrl = QStringLiteral(
    "https://fef.msub05.manage.microsoft.com/DeviceConfiguration_2511/StatelessDeviceConfigurationFEService/deviceManagement?api-version=5025-10-01");
}

QString intuneMessage(const QString& text, const QString& serviceUrl)
{
    // Intune pretty-prints with CRLF and two-space indentation; reproduce it byte for byte
    // rather than through QJsonDocument (which uses LF and four spaces).
    auto quoted = [](const QString& s) {
        QByteArray json = QJsonDocument(QJsonArray{s}).toJson(QJsonDocument::Compact);
        return QString::fromUtf8(json.mid(1, json.size() - 2));
    };
    const QString message = text + QStringLiteral(" - Operation ID (for customer support): 00000000-0000-0000-0000-000000000000 - Activity ID: 00000000-0000-0000-0000-000000000000 - Url: ")
                            + serviceUrl;
    return QStringLiteral("{\r\n  \"_version\": 3,\r\n  \"Message\": ") + quoted(message)
           + QStringLiteral(",\r\n  \"CustomApiErrorPhrase\": \"\",\r\n  \"RetryAfter\": null,\r\n"
                            "  \"ErrorSourceService\": \"\",\r\n  \"HttpHeaders\": \"{}\"\r\n}");
}

SimResponse badRequest(const QString& message)
{
    return graphError(400, QStringLiteral("BadRequest"), message);
}

SimResponse intuneBadRequest(const QString& text)
{
    return graphError(400, QStringLiteral("BadRequest"), intuneMessage(text, kServiceUrl));
}

SimResponse notFound(const QString& what)
{
    return graphError(404, QStringLiteral("NotFound"),
                      intuneMessage(QStringLiteral("An error has occurred. %1 was not found.").arg(what), kServiceUrl));
}

SimResponse forbidden(const QStringList& scopes)
{
    const QString text = QStringLiteral("Application is not authorized to perform this operation. "
                                        "Application must have one of the following scopes: ")
                         + scopes.join(QStringLiteral(", "));
    return graphError(403, QStringLiteral("Forbidden"), intuneMessage(text, kServiceUrl));
}

SimResponse forbiddenUser(const QStringList& scopes)
{
    const QString text = QStringLiteral("User is not authorized to perform this operation. The signed-in user's "
                                        "Intune role must allow one of the following permissions: ")
                         + scopes.join(QStringLiteral(", "));
    return graphError(403, QStringLiteral("Forbidden"), intuneMessage(text, kServiceUrl));
}

SimResponse noRoute(const QByteArray& method, const QString& routeTemplate, const QString& path)
{
    return graphError(400, QStringLiteral("No method match route template"),
                      QStringLiteral("No OData route exists that match template %1 with http verb %2 for request "
                                     "/DeviceConfigV2/DCV2GraphService%3.")
                          .arg(routeTemplate, QString::fromLatin1(method), path));
}

SimResponse segmentNotFound(const QString& segment)
{
    return badRequest(QStringLiteral("Resource not found for the segment '%1'.").arg(segment));
}

} // namespace graphsim::errors
