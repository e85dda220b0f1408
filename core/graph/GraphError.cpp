// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/graph/GraphError.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>

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
    return text;
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
