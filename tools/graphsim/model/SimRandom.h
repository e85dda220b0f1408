// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QStringList>

namespace graphsim {

/// splitmix64: tiny, fast, and — unlike std:: distributions — gives the same sequence with
/// every standard library and compiler, which byte-stable generated tenants depend on.
class SimRandom
{
public:
    explicit SimRandom(quint64 seed) : m_state(seed) {}

    quint64 next();
    /// Uniform in [0, bound); bound 0 gives 0.
    quint64 below(quint64 bound);
    /// Uniform in [low, high] (inclusive).
    qint64 range(qint64 low, qint64 high);
    /// True with probability percent/100.
    bool chance(int percent);
    /// A random lower-case GUID (version-4 layout).
    QString guid();
    template<typename List>
    auto pick(const List& list)
    {
        return list.at(static_cast<qsizetype>(below(static_cast<quint64>(list.size()))));
    }

private:
    quint64 m_state;
};

/// Mixes several values into one seed (order matters).
quint64 mixSeed(quint64 a, quint64 b);
quint64 mixSeed(quint64 a, const QString& text);

/// A GUID derived from SHA-256 of the text: stable across processes and platforms.
QString guidFromText(const QString& text);

/// Graph's timestamp form: ISO-8601 UTC with 7 fractional digits ("…T12:19:19.1939038Z").
QString graphTimestamp(const QDateTime& time);
/// Same, with a sub-millisecond tail (0..9999 ticks of 100 ns) for realism.
QString graphTimestamp(const QDateTime& time, int extraTicks);

} // namespace graphsim
