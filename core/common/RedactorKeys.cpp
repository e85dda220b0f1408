// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/common/RedactorKeys.h"

#include <QLatin1StringView>
#include <QVarLengthArray>

#include <algorithm>
#include <array>

namespace pv::Redactor::detail {
namespace {

// Names whose last word alone would not tell (a `code` is usually an error code), compared
// without separators and in lower case: the OAuth flows' secrets of GRAPH_NOTES §5, a SAS
// signature (`sig`), Graph's passwordCredential.secretText, and the one-word spellings of the
// token names (accesstoken has no word break before "token").
constexpr std::array<QLatin1StringView, 9> ExactNames = {
    QLatin1StringView("code"),         QLatin1StringView("devicecode"),
    QLatin1StringView("codeverifier"), QLatin1StringView("clientassertion"),
    QLatin1StringView("secrettext"),   QLatin1StringView("sig"),
    QLatin1StringView("accesstoken"),  QLatin1StringView("refreshtoken"),
    QLatin1StringView("idtoken"),
};

// Endings that make a key secret even without a word break before them ("wifipassword"). A
// separator may not split them (pass_word), except before the "key" of the last three
// (pre_shared_key, api-key).
constexpr std::array<QLatin1StringView, 9> SecretEndings = {
    QLatin1StringView("secret"),    QLatin1StringView("password"),   QLatin1StringView("passphrase"),
    QLatin1StringView("pwd"),       QLatin1StringView("credential"), QLatin1StringView("credentials"),
    QLatin1StringView("sharedkey"), QLatin1StringView("privatekey"), QLatin1StringView("apikey"),
};

// Token-named keys that are paging cursors, not credentials ($skiptoken, $deltatoken).
constexpr std::array<QLatin1StringView, 2> PagingTokens = {QLatin1StringView("skiptoken"),
                                                           QLatin1StringView("deltatoken")};

template <std::size_t N> bool isOneOf(QStringView s, const std::array<QLatin1StringView, N>& list)
{
    for (const QLatin1StringView item : list) {
        if (s == item)
            return true;
    }
    return false;
}

/// Length of an encoded underscore (%5F or %255F) at `i`, or 0.
qsizetype encodedUnderscoreAt(QStringView key, qsizetype i)
{
    if (key.mid(i, 3).compare(QLatin1StringView("%5F"), Qt::CaseInsensitive) == 0)
        return 3;
    if (key.mid(i, 5).compare(QLatin1StringView("%255F"), Qt::CaseInsensitive) == 0)
        return 5;
    return 0;
}

} // namespace

const char* const CandidateEndings =
    "secret|password|passphrase|pwd|credential|credentials|key|token|code|verifier|assertion|text|sig";

bool isSecretKey(QStringView key)
{
    // The key's letters and digits in lower case, where its second and last words start, and
    // where a word starts after a separator (not after a camelCase hump).
    QVarLengthArray<char16_t, 64> flat;
    QVarLengthArray<qsizetype, 8> afterSeparator;
    qsizetype secondWord = -1;
    qsizetype lastWord = 0;
    bool separated = false;
    bool wordBreak = true;
    for (qsizetype i = 0; i < key.size(); ++i) {
        const QChar c = key.at(i);
        if (const qsizetype skip = encodedUnderscoreAt(key, i)) {
            i += skip - 1;
            wordBreak = separated = true;
            continue;
        }
        if (!c.isLetterOrNumber()) {
            wordBreak = separated = true;
            continue;
        }
        if (!wordBreak && c.isUpper()) {
            // camelCase hump (wiFi|Password), or the end of an acronym (API|Key).
            const QChar before = key.at(i - 1);
            const bool lowerNext = i + 1 < key.size() && key.at(i + 1).isLower();
            wordBreak = before.isLower() || before.isDigit() || (before.isUpper() && lowerNext);
        }
        if (wordBreak) {
            if (secondWord < 0 && !flat.isEmpty())
                secondWord = flat.size();
            if (separated && !flat.isEmpty())
                afterSeparator.append(flat.size());
            lastWord = flat.size();
            wordBreak = separated = false;
        }
        flat.append(c.toLower().unicode());
    }
    const QStringView all(flat.constData(), flat.size());
    if (isOneOf(all, ExactNames))
        return true;
    if (isOneOf(all, PagingTokens))
        return false;
    if (const QStringView first = all.left(secondWord); first == u"is" || first == u"has")
        return false; // a flag: isSecret, isEncrypted, hasPassword
    if (all.mid(lastWord) == QLatin1StringView("token"))
        return true;
    for (const QLatin1StringView ending : SecretEndings) {
        if (!all.endsWith(ending))
            continue;
        const qsizetype start = all.size() - ending.size();
        const bool compoundKey = ending.endsWith(QLatin1StringView("key"));
        const bool split = std::any_of(afterSeparator.cbegin(), afterSeparator.cend(), [&](qsizetype at) {
            return at > start && !(compoundKey && at == all.size() - 3);
        });
        if (!split)
            return true;
    }
    return false;
}

} // namespace pv::Redactor::detail
