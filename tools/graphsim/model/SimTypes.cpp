// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "tools/graphsim/model/SimTypes.h"

#include <QJsonDocument>

namespace graphsim {

SimResponse SimResponse::json(int status, const QJsonObject& body)
{
    SimResponse response;
    response.status = status;
    response.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return response;
}

SimResponse SimResponse::noContent()
{
    SimResponse response;
    response.status = 204;
    response.contentType.clear();
    return response;
}

SimResponse graphError(int status, const QString& code, const QString& message)
{
    QJsonObject error{{QStringLiteral("code"), code}, {QStringLiteral("message"), message}};
    // innerError (date, request-id, client-request-id) is added by the server, which knows them.
    SimResponse response = SimResponse::json(status, QJsonObject{{QStringLiteral("error"), error}});
    // Graph's error bodies are plain JSON, not OData payloads (samples/batch-response.json).
    response.contentType = "application/json";
    return response;
}

} // namespace graphsim
