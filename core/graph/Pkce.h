// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

// PKCE (RFC 7636) for the authorization code flow: Qt 6.4's QtNetworkAuth has none.

#include <QByteArray>

namespace pv::graph {

struct Pkce
{
    QByteArray verifier;    ///< 43 base64url characters from the system CSPRNG; in memory only
    QByteArray challenge;   ///< base64url(SHA-256(verifier)), sent with code_challenge_method=S256
};

/// A fresh verifier and its S256 challenge.
Pkce makePkce();
/// base64url(SHA-256(verifier)) without padding.
QByteArray pkceS256Challenge(const QByteArray& verifier);
/// `bytes` random bytes of the system CSPRNG, base64url without padding (state, nonce).
QByteArray randomUrlSafe(int bytes);

} // namespace pv::graph
