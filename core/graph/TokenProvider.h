// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/common/Result.h"

#include <QByteArray>
#include <QDateTime>

#include <functional>

class QObject;

namespace pv::graph {

/// An access token, kept in memory only.
struct AccessToken
{
    QByteArray token;
    QDateTime expiresAt;   ///< UTC, as the token endpoint said (expires_in)
};

/// Supplies bearer tokens to a Graph client on the same thread.
class TokenProvider
{
public:
    using Callback = std::function<void(Result<AccessToken>)>;

    virtual ~TokenProvider();

    /// Calls `done` later (never from inside this call) on the provider's thread with a token
    /// valid for a while, or an Auth/Network error. `context` bounds the callback's lifetime.
    virtual void accessToken(QObject* context, Callback done) = 0;
    /// Graph rejected `token` (401): forget it so the next accessToken() fetches a new one.
    virtual void invalidate(const QByteArray& token) = 0;

protected:
    TokenProvider() = default;
    TokenProvider(const TokenProvider&) = delete;
    TokenProvider& operator=(const TokenProvider&) = delete;
};

} // namespace pv::graph
