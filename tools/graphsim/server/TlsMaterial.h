// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include <QByteArray>
#include <QString>

namespace graphsim {

/// The per-run keys and certificates, generated with OpenSSL 3 (Qt cannot create
/// certificates): a test CA, a server certificate for 127.0.0.1/localhost signed by it, a
/// client certificate registered on each tenant's first app (certificate client_assertion),
/// and the RSA key graphsim signs access tokens with.
struct TlsMaterial
{
    QByteArray caCertPem;
    QByteArray serverCertPem;
    QByteArray serverKeyPem;     ///< EC P-256, PKCS#8
    QByteArray clientCertPem;
    QByteArray clientKeyPem;     ///< RSA 2048, PKCS#8
    QByteArray signingKeyPem;    ///< RSA 2048, PKCS#8
    QByteArray signingCertPem;   ///< self-signed, published in the JWKS (x5c)

    QString caCertPath;
    QString serverCertPath;
    QString serverKeyPath;
    QString clientCertPath;
    QString clientKeyPath;
    QString signingKeyPath;
    QString signingCertPath;

    /// Generates everything; returns false and *error on an OpenSSL failure.
    static bool generate(TlsMaterial* out, QString* error);
    /// Writes the PEM files into dir and fills the *Path members.
    bool writeTo(const QString& dir, QString* error);
    /// Reads what writeTo wrote (the token signing key too, so tokens outlive a restart).
    /// False when a file is missing or unreadable, or a certificate expires within
    /// `minRemainingSecs` (then the caller generates afresh).
    static bool readFrom(const QString& dir, TlsMaterial* out, qint64 minRemainingSecs);
};

} // namespace graphsim
