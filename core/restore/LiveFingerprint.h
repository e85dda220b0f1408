// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include <QJsonObject>
#include <QString>

namespace pv::restore {

/// The fingerprint of a live object as Graph returned it (a configurationPolicy read with its
/// settings and assignments, a filter, a scope tag): the SHA-256 of its canonical bytes
/// (CanonicalJson::canonicalBytes under the type's profile), so any change — configuration,
/// name, assignments, secret value token or lastModifiedDateTime — moves it, while key order and
/// paging do not. The preview stores it per item; the live restore recomputes it right before
/// the write, and a different value is a conflict: someone changed the object meanwhile.
QString liveFingerprint(const QString& typeKey, const QJsonObject& liveObject);

} // namespace pv::restore
