// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include <QByteArray>
#include <QString>

namespace pv {

/// The one place where secrets are removed from text. Every log sink and every message
/// that is persisted (run errors, item messages, notifications, audit details) passes
/// through it. What it removes covers STYLE.md's list: Authorization headers,
/// Cookie/Set-Cookie, JWT-shaped strings, and the values of
/// - keys whose last camelCase/snake_case word names a secret: …Secret, …Password,
///   …Passphrase, …Pwd, …Token, …Credential(s), …SharedKey (preSharedKey), …PrivateKey,
///   …ApiKey — so client_secret, refresh_token, access_token, id_token, wiFiPassword — but not
///   every "…key" (rowKey, publicKey) nor $skiptoken, tokenType or passwordRequired;
/// - client_assertion, device_code, code, code_verifier, secretText and a SAS signature (sig);
/// - Intune's secret setting values (…SecretSettingValue) and OMA-URI settings with
///   isEncrypted true: their "value" member, not the object;
/// in URLs (raw and percent-encoded), form bodies, JSON (also inside JSON strings) and log
/// lines (key=value, key: value). A value goes whole: quoted with spaces, or a number (in JSON
/// replaced by a string, so JSON stays JSON); true, false and null are kept.
namespace Redactor {

/// Replacement text for a removed value.
inline constexpr char Placeholder[] = "[redacted]";

QString redact(const QString& text);
QByteArray redact(const QByteArray& text);

} // namespace Redactor
} // namespace pv
