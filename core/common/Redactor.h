// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include <QByteArray>
#include <QString>

namespace pv {

/// The one place where secrets are removed from text. Every log sink and every message
/// that is persisted (run errors, item messages, notifications, audit details) passes
/// through it. The list of what it removes is kept in step with STYLE.md: Authorization
/// headers, Cookie/Set-Cookie, JWT-shaped strings, client_secret, client_assertion,
/// refresh_token, access_token, id_token, device_code, code, code_verifier, password and
/// secret setting values — in URLs (raw and percent-encoded), form bodies and JSON.
namespace Redactor {

/// Replacement text for a removed value.
inline constexpr char Placeholder[] = "[redacted]";

QString redact(const QString& text);
QByteArray redact(const QByteArray& text);

} // namespace Redactor
} // namespace pv
