// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/secrets/SecretStore.h"

namespace pv {
namespace {

constexpr QLatin1StringView Prefix("policyvault:");

bool isAllowedPart(QStringView part)
{
    if (part.isEmpty())
        return false;
    for (const QChar c : part) {
        if (c == u':' || c.isSpace() || c.category() == QChar::Other_Control)
            return false;
    }
    return true;
}

bool isAllowedKind(QStringView kind)
{
    return isAllowedPart(kind) && !kind.startsWith(u'.') && !kind.contains(QLatin1StringView(".chunk"));
}

} // namespace

SecretStore::~SecretStore() = default;

QString SecretStore::key(QStringView tenant, QStringView kind)
{
    if (!isAllowedPart(tenant) || !isAllowedKind(kind))
        return {};
    return Prefix + tenant + u':' + kind;
}

bool SecretStore::isValidKey(QStringView key)
{
    if (!key.startsWith(Prefix))
        return false;
    const QStringView rest = key.sliced(Prefix.size());
    const qsizetype colon = rest.indexOf(u':');
    return colon > 0 && isAllowedPart(rest.first(colon)) && isAllowedKind(rest.sliced(colon + 1));
}

QString SecretStore::tenantOf(QStringView key)
{
    if (!isValidKey(key))
        return {};
    const QStringView rest = key.sliced(Prefix.size());
    return rest.first(rest.indexOf(u':')).toString();
}

} // namespace pv
