// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/graph/GraphError.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>
#include <QRegularExpression>

namespace pv::graph {

namespace {

QJsonObject errorObject(const QByteArray& body)
{
    return QJsonDocument::fromJson(body).object().value(QStringLiteral("error")).toObject();
}

} // namespace

QString describeGraphError(int status, const QByteArray& body)
{
    const QJsonObject error = errorObject(body);
    const QString code = error.value(QStringLiteral("code")).toString();
    QString message = error.value(QStringLiteral("message")).toString();
    // Intune wraps its own JSON in `message`; its "Message" is the readable part.
    if (message.startsWith(QLatin1Char('{'))) {
        const QString inner =
            QJsonDocument::fromJson(message.toUtf8()).object().value(QStringLiteral("Message")).toString();
        if (!inner.isEmpty())
            message = inner;
    }
    QString text = QStringLiteral("HTTP %1").arg(status);
    if (!code.isEmpty())
        text += QLatin1Char(' ') + code;
    if (!message.isEmpty())
        text += QStringLiteral(": ") + message;
    if (status == 403) {
        if (const QString plain = forbiddenInPlainWords(message); !plain.isEmpty())
            text += QStringLiteral(" — ") + plain;
    }
    return text;
}

QString forbiddenInPlainWords(const QString& graphMessage, const QString& fallbackPermission)
{
    // Intune lists what would have allowed the call after "one of the following scopes:" (the
    // token lacks it) or "…permissions:" (the signed-in user's Intune role lacks it).
    static const QRegularExpression listed(QStringLiteral("following (?:scopes|permissions):\\s*([A-Za-z0-9_., ]+)"));
    const QRegularExpressionMatch match = listed.match(graphMessage);
    QString needed = match.hasMatch() ? match.captured(1).trimmed() : fallbackPermission;
    if (needed.endsWith(QLatin1Char('.')))
        needed.chop(1);
    const QString first = needed.section(QLatin1Char(','), 0, 0).trimmed();
    if (graphMessage.contains(QLatin1String("User is not authorized"), Qt::CaseInsensitive)
        || graphMessage.contains(QLatin1String("Intune role"), Qt::CaseInsensitive)) {
        const bool write = first.contains(QLatin1String("ReadWrite"));
        return QStringLiteral("the signed-in user has no Intune role that allows this (%1). Ask an Intune "
                              "administrator to assign you an Intune role such as %2.")
            .arg(needed.isEmpty() ? QStringLiteral("an Intune permission") : needed,
                 write ? QStringLiteral("Policy and Profile Manager or Intune Administrator")
                       : QStringLiteral("Read Only Operator (to read) or Policy and Profile Manager"));
    }
    if (graphMessage.contains(QLatin1String("Application is not authorized"), Qt::CaseInsensitive)
        || graphMessage.contains(QLatin1String("scopes"), Qt::CaseInsensitive)) {
        return QStringLiteral("the app registration lacks the Microsoft Graph permission %1. Ask an Entra "
                              "administrator to add it (API permissions) and grant admin consent.")
            .arg(first.isEmpty() ? QStringLiteral("for this call") : first);
    }
    if (graphMessage.contains(QLatin1String("Insufficient privileges"), Qt::CaseInsensitive) && !fallbackPermission.isEmpty()) {
        return QStringLiteral("the sign-in lacks %1 (a Microsoft Graph permission of the app registration, and "
                              "for a person also a directory role that allows it).")
            .arg(fallbackPermission);
    }
    return {};
}

/// Transport errors that heal by themselves; certificate and name errors do not.
bool isTransientNetworkError(QNetworkReply::NetworkError error)
{
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError: // our transfer timeout
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::UnknownNetworkError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ProxyTimeoutError:
    case QNetworkReply::ProtocolFailure:
        return true;
    default:
        return false;
    }
}

QString innerRequestId(const QByteArray& body)
{
    const QJsonObject inner = errorObject(body).value(QStringLiteral("innerError")).toObject();
    return inner.value(QStringLiteral("request-id")).toString();
}

} // namespace pv::graph
