// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/common/Result.h"

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <chrono>
#include <optional>

namespace pv::graph {

/// A JSON `$batch` of GET sub-requests only (GRAPH_NOTES §4.3): at most 20, URLs relative to the
/// version root ("/deviceManagement/…"), string ids "1".."20". There is no way to add anything
/// but a GET: the read-only client builds its batches with this type.
class BatchGet
{
public:
    static constexpr int MaxRequests = 20;

    /// Adds a GET of `relativeUrl` and returns its id. InvalidArgument when the batch is full or
    /// the URL is not relative to the version root (absolute, or not starting with '/').
    Result<QString> add(const QString& relativeUrl);

    int size() const { return static_cast<int>(m_urls.size()); }
    bool isEmpty() const { return m_urls.isEmpty(); }
    bool isFull() const { return size() >= MaxRequests; }
    QStringList ids() const;
    QString urlOf(const QString& id) const;

    /// `{"requests":[{"id":"1","method":"GET","url":"/…"},…]}`
    QByteArray toJson() const;

private:
    QStringList m_urls;   ///< id = index + 1
};

/// One sub-response of a `$batch`, correlated by id (they come back in any order).
struct BatchSubResponse
{
    QString id;
    int status = 0;
    QHash<QString, QString> headers;   ///< lower-cased names
    QJsonObject body;                  ///< empty when the body is missing or not an object
    bool hasObjectBody = false;
    std::optional<std::chrono::milliseconds> retryAfter;
    QString requestId;                 ///< `request-id` header or innerError's
};

/// Sub-responses by id. Parse error for a body that is not a `$batch` response, for duplicate
/// ids and for ids that were not asked for; ids that are missing are simply absent (the
/// caller retries them).
Result<QHash<QString, BatchSubResponse>> parseBatchResponse(const QJsonObject& body, const QStringList& askedIds);

/// True when `body` is a `$batch` request whose every sub-request is a GET without a body —
/// the only POST a read-only client may send.
bool isBatchOfGets(const QByteArray& body);

} // namespace pv::graph
