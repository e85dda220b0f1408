// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include <QByteArrayView>
#include <QStringView>

/// The Redactor's cheap pre-check (internal).
namespace pv::Redactor::detail {

/// False when `text` cannot hold anything the Redactor removes, so most log lines skip its
/// patterns entirely. True when it holds a word every secret key or secret value shape contains:
/// secret, password, passphrase, pwd, credential, token, code, assertion, sharedkey, privatekey,
/// apikey, sig (no letter after it), authorization, bearer, cookie, eyj (a JWT), valuestate,
/// encrypted (isEncrypted) — ASCII case-insensitive; shared/private/api also with a separator
/// before "key" (pre_shared_key, api%5Fkey). Every key isSecretKey() accepts in the Redactor's
/// patterns ends in one of these words unsplit.
bool mayContainSecret(QStringView text);
/// The same on UTF-8: no byte of a multi-byte sequence is ASCII, so no conversion is needed.
bool mayContainSecret(QByteArrayView utf8);

} // namespace pv::Redactor::detail
