// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "tools/graphsim/model/SimTypes.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace graphsim {

/// OData system query options of one request. On beta the "$" is optional, and names are
/// matched case-insensitively.
struct QueryOptions
{
    int top = -1;                 ///< -1: not given
    QStringList select;
    QString filter;
    QStringList expand;           ///< top-level names as given ("settings", "assignments")
    QString skipToken;
    bool hasSkipToken = false;
    QString error;                ///< set when an option is malformed
    QList<QPair<QString, QString>> original;   ///< every option except the skip token, as sent

    static QueryOptions parse(const QUrlQuery& query);
    bool expands(const QString& name) const;
    /// Applies $select (keeps id and @odata.* annotations).
    QJsonObject applySelect(const QJsonObject& entity) const;
};

/// Opaque, tamper-evident skip tokens shaped like Graph's cosmosdb continuations
/// ("[graphsim][{position, query fingerprint, HMAC-SHA256 truncated}]", percent-encoded),
/// keyed per world, so only tokens this world issued for this query are accepted.
class SkipTokenSigner
{
public:
    explicit SkipTokenSigner(QByteArray key);
    QString issue(qsizetype position, const QString& fingerprint) const;
    /// -1 when the token is not ours, was tampered with, or belongs to another query.
    qsizetype verify(const QString& token, const QString& fingerprint) const;

private:
    QByteArray m_key;
};

/// The absolute nextLink: the request's own origin and path, every original option, and the
/// new skip token.
QString buildNextLink(const SimRequest& request, const QueryOptions& options, const QString& token);
/// What a skip token is bound to: route path (lower case) plus every option but the token.
QString queryFingerprint(const SimRequest& request, const QueryOptions& options);

} // namespace graphsim
