// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/store/DbTime.h"

#include <QTimeZone>

namespace pv {

QString toDbTime(const QDateTime& time)
{
    if (!time.isValid())
        return {};
    return time.toUTC().toString(Qt::ISODateWithMs);
}

QDateTime fromDbTime(const QString& text)
{
    if (text.isEmpty())
        return {};
    QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!time.isValid())
        return {};
    return time.toUTC();
}

QString nowDbTime()
{
    return toDbTime(QDateTime::currentDateTimeUtc());
}

} // namespace pv
