// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include <QStringView>

/// Which keys name a secret — the Redactor's rule, apart from its patterns (internal).
namespace pv::Redactor::detail {

/// Whether `key`, as it appears in text, names a secret. Keys are split into words at camelCase
/// humps and at `_ - .` (also a percent-encoded `_`). A key is secret when
/// - its last word is Token (enrollmentToken, x-ms-token), except skip/delta tokens (paging), or
/// - it ends in Secret, Password, Passphrase, Pwd, Credential(s), SharedKey, PrivateKey or ApiKey,
///   also without a word break before it (wifipassword, presharedkey) but not split by a
///   separator (pass_word; pre_shared_key and api-key are fine), or
/// - it is one of the OAuth and Graph names that say nothing by their last word: code, device_code,
///   code_verifier, client_assertion, secret_text, and a SAS signature `sig`;
/// and it is not a flag (isSecret, hasPassword: first word "is" or "has").
/// So rowKey, publicKey, tokenType, passwordRequired, errorCode and $skiptoken are not secrets.
bool isSecretKey(QStringView key);

/// A regular-expression alternation of the last letters every secret key ends in, for a cheap
/// look-behind before isSecretKey is asked (case-insensitive).
extern const char* const CandidateEndings;

} // namespace pv::Redactor::detail
