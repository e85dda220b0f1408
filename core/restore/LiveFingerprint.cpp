// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/restore/LiveFingerprint.h"

#include "core/common/CanonicalJson.h"

namespace pv::restore {

QString liveFingerprint(const QString& typeKey, const QJsonObject& liveObject)
{
    return sha256Hex(canonical(liveObject, CanonicalProfile::forTypeKey(typeKey)).canonicalBytes);
}

} // namespace pv::restore
