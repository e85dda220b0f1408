// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/graph/Pkce.h"

#include <QCryptographicHash>
#include <QRandomGenerator>

namespace pv::graph {

namespace {
constexpr auto UrlSafe = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;
} // namespace

QByteArray randomUrlSafe(int bytes)
{
    // QRandomGenerator::system() is the operating system's CSPRNG (getrandom, RtlGenRandom),
    // never the seeded global generator.
    QByteArray raw(bytes, Qt::Uninitialized);
    for (int i = 0; i < bytes; i += 4) {
        const quint32 word = QRandomGenerator::system()->generate();
        for (int b = 0; b < 4 && i + b < bytes; ++b)
            raw[i + b] = char((word >> (8 * b)) & 0xff);
    }
    return raw.toBase64(UrlSafe);
}

QByteArray pkceS256Challenge(const QByteArray& verifier)
{
    return QCryptographicHash::hash(verifier, QCryptographicHash::Sha256).toBase64(UrlSafe);
}

Pkce makePkce()
{
    Pkce pkce;
    pkce.verifier = randomUrlSafe(32);   // 43 characters: RFC 7636's minimum length, 256 bits
    pkce.challenge = pkceS256Challenge(pkce.verifier);
    return pkce;
}

} // namespace pv::graph
