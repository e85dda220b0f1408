// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/common/RedactorPrecheck.h"

#include <QLatin1StringView>
#include <QtAlgorithms>

#include <array>

// A plain scan rather than a regular expression: it runs on every log line, and a table of first
// letters skips most characters at once (bench/redactor).
namespace pv::Redactor::detail {
namespace {

enum class Tail {
    None,
    /// `sig` only when no letter follows (sig=, not signature or assigned).
    NoLetter,
    /// `shared`, `private`, `api` only before `key`, maybe after a separator (pre_shared_key).
    Key,
};

struct Needle
{
    QLatin1StringView text; // lower case
    Tail tail = Tail::None;
};

constexpr std::array<Needle, 18> Needles = {{
    {QLatin1StringView("authorization")},
    {QLatin1StringView("cookie")},
    {QLatin1StringView("eyj")},
    {QLatin1StringView("secret")},
    {QLatin1StringView("assertion")},
    {QLatin1StringView("token")},
    {QLatin1StringView("code")},
    {QLatin1StringView("password")},
    {QLatin1StringView("bearer")},
    {QLatin1StringView("valuestate")},
    {QLatin1StringView("passphrase")},
    {QLatin1StringView("pwd")},
    {QLatin1StringView("credential")},
    {QLatin1StringView("encrypted")},
    {QLatin1StringView("sig"), Tail::NoLetter},
    {QLatin1StringView("shared"), Tail::Key},
    {QLatin1StringView("private"), Tail::Key},
    {QLatin1StringView("api"), Tail::Key},
}};

/// For each ASCII character, which needles start with it, either case (bit i = Needles[i]).
constexpr std::array<quint32, 128> needlesByFirstChar()
{
    std::array<quint32, 128> table{};
    for (std::size_t i = 0; i < Needles.size(); ++i) {
        const char first = Needles[i].text.front().toLatin1();
        table[std::size_t(first)] |= quint32(1) << i;
        table[std::size_t(first - 'a' + 'A')] |= quint32(1) << i;
    }
    return table;
}
constexpr std::array<quint32, 128> NeedlesByFirstChar = needlesByFirstChar();

constexpr char16_t foldAscii(char16_t c)
{
    return c >= u'A' && c <= u'Z' ? char16_t(c + (u'a' - u'A')) : c;
}

template <typename Char> char16_t at(const Char* text, qsizetype i)
{
    // A UTF-8 byte >= 0x80 (a negative char) must not fold into ASCII.
    if constexpr (sizeof(Char) == 1)
        return char16_t(static_cast<unsigned char>(text[i]));
    else
        return char16_t(text[i]);
}

/// Whether `needle` (lower case) is at `i`, ASCII case-insensitively.
template <typename Char> bool isAt(const Char* text, qsizetype size, qsizetype i, QLatin1StringView needle)
{
    if (size - i < needle.size())
        return false;
    for (qsizetype k = 0; k < needle.size(); ++k) {
        if (foldAscii(at(text, i + k)) != char16_t(needle[k].unicode()))
            return false;
    }
    return true;
}

template <typename Char> bool tailMatches(const Char* text, qsizetype size, qsizetype end, Tail tail)
{
    switch (tail) {
    case Tail::None: return true;
    case Tail::NoLetter: {
        const char16_t next = end < size ? foldAscii(at(text, end)) : u' ';
        return next < u'a' || next > u'z';
    }
    case Tail::Key:
        for (const char* separator : {"", "_", "-", ".", "%5f", "%255f"}) {
            const QLatin1StringView sep(separator);
            if (isAt(text, size, end, sep) && isAt(text, size, end + sep.size(), QLatin1StringView("key")))
                return true;
        }
        return false;
    }
    return false;
}

template <typename Char> bool scan(const Char* text, qsizetype size)
{
    for (qsizetype i = 0; i < size; ++i) {
        const char16_t c = at(text, i);
        if (c >= 128)
            continue;
        for (quint32 candidates = NeedlesByFirstChar[c]; candidates != 0; candidates &= candidates - 1) {
            const Needle& needle = Needles[std::size_t(qCountTrailingZeroBits(candidates))];
            if (isAt(text, size, i, needle.text) && tailMatches(text, size, i + needle.text.size(), needle.tail))
                return true;
        }
    }
    return false;
}

} // namespace

bool mayContainSecret(QStringView text)
{
    return scan(text.utf16(), text.size());
}

bool mayContainSecret(QByteArrayView utf8)
{
    return scan(utf8.data(), utf8.size());
}

} // namespace pv::Redactor::detail
