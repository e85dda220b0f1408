// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "tools/graphsim/model/SimRandom.h"

#include <QCryptographicHash>

namespace graphsim {

quint64 SimRandom::next()
{
    m_state += 0x9E3779B97F4A7C15ULL;
    quint64 z = m_state;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

quint64 SimRandom::below(quint64 bound)
{
    // Modulo bias is irrelevant for test data; determinism is what matters.
    return bound == 0 ? 0 : next() % bound;
}

qint64 SimRandom::range(qint64 low, qint64 high)
{
    if (high <= low)
        return low;
    return low + static_cast<qint64>(below(static_cast<quint64>(high - low) + 1));
}

bool SimRandom::chance(int percent)
{
    return static_cast<int>(below(100)) < percent;
}

static QString formatGuid(const QByteArray& bytes16)
{
    const QByteArray hex = bytes16.left(16).toHex();
    return QString::fromLatin1(hex.mid(0, 8) + '-' + hex.mid(8, 4) + '-' + hex.mid(12, 4) + '-'
                               + hex.mid(16, 4) + '-' + hex.mid(20, 12));
}

QString SimRandom::guid()
{
    QByteArray bytes(16, '\0');
    const quint64 a = next();
    const quint64 b = next();
    for (int i = 0; i < 8; ++i) {
        bytes[i] = static_cast<char>((a >> (8 * i)) & 0xFF);
        bytes[8 + i] = static_cast<char>((b >> (8 * i)) & 0xFF);
    }
    bytes[6] = static_cast<char>((bytes[6] & 0x0F) | 0x40);
    bytes[8] = static_cast<char>((bytes[8] & 0x3F) | 0x80);
    return formatGuid(bytes);
}

quint64 mixSeed(quint64 a, quint64 b)
{
    SimRandom r(a ^ (b * 0xD1B54A32D192ED03ULL));
    r.next();
    return r.next();
}

quint64 mixSeed(quint64 a, const QString& text)
{
    const QByteArray hash = QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha256);
    quint64 b = 0;
    for (int i = 0; i < 8; ++i)
        b = (b << 8) | static_cast<quint8>(hash.at(i));
    return mixSeed(a, b);
}

QString guidFromText(const QString& text)
{
    QByteArray hash = QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha256).left(16);
    hash[6] = static_cast<char>((hash[6] & 0x0F) | 0x50);   // name-based layout, like UUIDv5
    hash[8] = static_cast<char>((hash[8] & 0x3F) | 0x80);
    return formatGuid(hash);
}

QString graphTimestamp(const QDateTime& time)
{
    return graphTimestamp(time, 0);
}

QString graphTimestamp(const QDateTime& time, int extraTicks)
{
    const QDateTime utc = time.toUTC();
    const int ticks = (utc.time().msec() * 10000 + extraTicks % 10000);
    return utc.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss")) + u'.'
           + QStringLiteral("%1").arg(ticks, 7, 10, QLatin1Char('0')) + u'Z';
}

} // namespace graphsim
