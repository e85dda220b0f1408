// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace graphsim::jwt {

QByteArray base64Url(const QByteArray& data);
/// Strict base64url decoding; false on bad characters.
bool fromBase64Url(const QByteArray& text, QByteArray* out);

struct Parts
{
    QJsonObject header;
    QJsonObject claims;
    QByteArray signingInput;   ///< "<header>.<claims>" as sent
    QByteArray signature;      ///< decoded
};

/// Splits a compact JWS into its parts; false when it is not three base64url JSON segments.
bool parse(const QByteArray& token, Parts* out);

enum class Alg { RS256, PS256 };

/// Signs data with a PEM private key (RSA). Empty on failure.
QByteArray sign(Alg alg, const QByteArray& privateKeyPem, const QByteArray& data);
/// Verifies a signature with the public key of a PEM certificate.
bool verifyWithCertificate(Alg alg, const QByteArray& certificatePem, const QByteArray& data,
                           const QByteArray& signature);

/// header.claims.signature, signed with privateKeyPem.
QByteArray encode(Alg alg, const QJsonObject& header, const QJsonObject& claims, const QByteArray& privateKeyPem);

/// Modulus and exponent of the certificate's RSA key, base64url (for a JWKS).
bool rsaPublicNumbers(const QByteArray& certificatePem, QByteArray* modulus, QByteArray* exponent);

} // namespace graphsim::jwt
