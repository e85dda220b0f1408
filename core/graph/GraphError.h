// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include <QByteArray>
#include <QNetworkReply>
#include <QString>

namespace pv::graph {

/// "404 NotFound: <message>" from a Graph error envelope (GRAPH_NOTES §4.5); the status alone
/// for bodies that are not one (HTML error pages, truncated bodies). Callers branch on the
/// status, never on this text.
QString describeGraphError(int status, const QByteArray& body);

/// What a Graph 403's `message` means for the person who has to fix it, in plain words:
/// the signed-in user's missing Intune role, or the app registration's missing permission
/// (named from the message, else `fallbackPermission`). Empty when the message says neither.
QString forbiddenInPlainWords(const QString& graphMessage, const QString& fallbackPermission = {});

/// `error.innerError.request-id` of a Graph error envelope, else empty.
QString innerRequestId(const QByteArray& body);

/// Transport errors worth retrying: resets, drops, timeouts. Certificate and name errors are
/// configuration problems and are not retried.
bool isTransientNetworkError(QNetworkReply::NetworkError error);

} // namespace pv::graph
