// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

// Small helpers shared by DelegatedAuth.cpp and DelegatedAuthFlows.cpp (internal).

#include <QJsonObject>
#include <QString>
#include <QUrlQuery>

namespace graphsim::delegated {

inline QString formValue(const QUrlQuery& form, const QString& key)
{
    return form.queryItemValue(key, QUrl::FullyDecoded);
}

/// /_sim's error body.
inline QJsonObject simError(const QString& message)
{
    return QJsonObject{{QStringLiteral("error"), message}};
}

} // namespace graphsim::delegated
