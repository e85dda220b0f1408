// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/common/Result.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QUrl>

#include <memory>

namespace pv::graph {

/// An app registration's certificate credential, for `client_assertion`s (GRAPH_NOTES §5.1):
/// a JWT signed PS256 with header `x5t#S256` (SHA-256 of the certificate's DER), as Entra
/// documents today. OpenSSL does the work; nothing of it shows in this header.
class ClientCertificate
{
public:
    /// A PEM file holding the certificate and its private key (the key may be encrypted with
    /// `password`), or a PFX / PKCS#12 file protected by `password`. The file's path lives in the
    /// tenant profile, the password in the SecretStore. Io when unreadable, Auth when the
    /// password is wrong or the key does not belong to the certificate, Unsupported for non-RSA keys.
    static Result<ClientCertificate> load(const QString& path, const QByteArray& password = {});
    /// The same from bytes (PEM or PFX).
    static Result<ClientCertificate> fromData(const QByteArray& data, const QByteArray& password = {});

    /// SHA-256 of the certificate's DER encoding (raw bytes).
    QByteArray sha256Thumbprint() const;
    /// The certificate's notAfter (UTC): Entra refuses assertions signed with an expired key,
    /// so the connection test names the date instead of passing on Entra's code.
    QDateTime expiresAt() const;

    /// A fresh assertion for `clientId` at `tokenUrl` (the `aud`): new `jti`, `nbf` = `iat` =
    /// `now`, `exp` five minutes later.
    Result<QByteArray> assertion(const QString& clientId, const QUrl& tokenUrl,
                                 const QDateTime& now = QDateTime::currentDateTimeUtc()) const;

private:
    struct Key;
    ClientCertificate(std::shared_ptr<const Key> key, QByteArray certificateDer);

    std::shared_ptr<const Key> m_key;
    QByteArray m_certificateDer;
};

} // namespace pv::graph
