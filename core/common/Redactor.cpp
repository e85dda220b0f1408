// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/common/Redactor.h"

#include "core/common/RedactorKeys.h"
#include "core/common/RedactorPrecheck.h"

#include <QLatin1StringView>
#include <QRegularExpression>

namespace pv::Redactor {
namespace {

using namespace Qt::StringLiterals;

// Which keys are secret is decided by detail::isSecretKey (RedactorKeys.cpp): by their last
// camelCase/snake_case word, not by a list of whole keys. The patterns below find a key only
// when it ends in one of detail::CandidateEndings, then ask isSecretKey.

// A key in free text starts a word: not preceded by a letter, digit, '_' or '-' (so a match never
// starts inside errorCode or error_code), nor inside an escape ('%', '\\') — unless what precedes
// is a percent-escape other than an encoded '_' (`%26code%3D`) or a JSON/C escape (`\u0026code`,
// `\ncode`). A '.' ends a key (request.code=, spring.datasource.password=).
// (The escapes all end in a hex digit or n/r/t: checking that first keeps the common case, a
// position inside a word, to two look-behinds.)
const QLatin1StringView
    KeyStart(R"((?:(?<![A-Za-z0-9_\-%\\])|(?<=[0-9A-Fa-fnrt])(?:(?<=%[0-9A-Fa-f]{2})(?<!%5F)(?<!%255F))"
             R"(|(?<=%25[0-9A-Fa-f]{2})(?<!%255F)|(?<=\\u[0-9A-Fa-f]{4})|(?<=\\[nrt]))))");

// Authorization, Bearer and Cookie start like this: as a key above, but also after an encoded
// '_' (these names are matched as such, not as the end of a longer key).
const QLatin1StringView NameStart(
    R"((?:(?<![A-Za-z0-9_\-])|(?<=%[0-9A-Fa-f]{2})|(?<=%25[0-9A-Fa-f]{2})|(?<=\\u[0-9A-Fa-f]{4})|(?<=\\[nrt])))");

enum class KeyChars {
    /// Letters, digits, `_ -` and encoded underscores: a key in free text, URLs and bodies.
    Bare,
    /// The same and `.`: a quoted JSON member name ("com.apple.proxy.http.global_proxypassword").
    Quoted,
};

/// A key that may be secret, not starting with a digit (that would be the tail of a
/// percent-escape), ending in a candidate word. Possessive, so a key that does not end in one
/// fails at once.
QString candidateKey(KeyChars chars)
{
    const QString set = chars == KeyChars::Quoted ? uR"([A-Za-z0-9_.\-])"_s : uR"([A-Za-z0-9_\-])"_s;
    return u"(?<key>(?![0-9])(?:"_s + set + uR"(|%(?:25)?5F)++)(?<=)"_s + QLatin1StringView(detail::CandidateEndings) +
           u')';
}

QRegularExpression compile(const QString& pattern)
{
    QRegularExpression re(pattern, QRegularExpression::CaseInsensitiveOption);
    Q_ASSERT_X(re.isValid(), "Redactor", qPrintable(re.errorString()));
    re.optimize(); // compile (and JIT) now, once, instead of on the first log line
    return re;
}

struct Patterns
{
    // key=value — URL query, form body, free text. The separator's own encoding tells how
    // the value's end is encoded: a raw '=' value runs to '&'/space/quote; a quoted one to its
    // closing quote.
    QRegularExpression rawAssign;
    // key%3Dvalue / key%253Dvalue — a percent-encoded (or double-encoded) query inside a
    // parameter: the value ends at %26 / %2526.
    QRegularExpression encodedAssign;
    // "key":"value", "key": 123 and 'key':'value' — JSON (and Python-style dumps, "key"="value").
    QRegularExpression jsonQuoted;
    QRegularExpression jsonSingleQuoted;
    // \"key\":\"value\" — JSON inside a JSON string.
    QRegularExpression jsonEscaped;
    // %22key%22%3A%22value%22 — percent-encoded JSON.
    QRegularExpression jsonEncoded;
    // key: value — header lines and free text.
    QRegularExpression colon;
    // Authorization / Proxy-Authorization: keep the scheme, drop the credentials.
    QRegularExpression authorization;
    // "Bearer <token>" anywhere.
    QRegularExpression bearer;
    // Cookie / Set-Cookie: keep cookie names and attributes, drop values.
    QRegularExpression cookie;
    QRegularExpression cookieValue;
    QRegularExpression cookieAttribute; // Set-Cookie attributes worth keeping (Path=/, Max-Age=...)
    // JWT: three base64url segments, the first a JSON object ("eyJ" = '{"'), optionally a JWE's five.
    QRegularExpression jwt;
    // The "value" member of a secret setting value object.
    QRegularExpression settingValueQuoted;
    QRegularExpression settingValueEscaped;
    // Objects whose "value" is a secret: SecretSettingValue, and OMA-URI settings with isEncrypted.
    QRegularExpression secretObjectMarker;
    // A `code` value kept because it is a Graph error code or a small number, not an auth code.
    QRegularExpression harmlessCode;
    // A candidate ending right before a separator (= : %3D %22%3A, maybe after a closing quote):
    // every keyed pattern above needs one. A text without it skips them all; rawAssign,
    // encodedAssign and colon, whose generic key would cost a try at every position, are tried
    // only where it occurs (Scan::KeyedCandidates).
    QRegularExpression keyedCandidate;

    Patterns()
    {
        const QString key = candidateKey(KeyChars::Bare);
        const QString quotedKey = candidateKey(KeyChars::Quoted);
        const QString start = QString(KeyStart);
        const QString nameStart = QString(NameStart);
        // Values are matched as "unrolled loops" with possessive runs: a group repeated per
        // character would need a backtracking frame per character, and PCRE's JIT stack runs out
        // on values of some ten thousand characters (Defender onboarding blobs are 175 KB):
        // the match would then fail and the secret stay.
        //
        // Escaped n levels deep, the quotes are n backslashes + '"'. The value runs to the next
        // quote with exactly that many backslashes; a quote with more is escaped inside it.
        const QString escapedValue = uR"re((?<val>[^\\"]*+(?:(?:\\++(?!")|\k<bs>\\+")[^\\"]*+)*+))re"_s;
        // An unquoted JSON value: a number (or a bare word in JSON-like text). true, false and
        // null are kept by replaceValues.
        const QString bareJsonValue = uR"((?<num>[^\s,;{}\[\]"'\\]++))"_s;
        // After `key=` or `key:` in free text: a double-quoted value (at the escape level of its
        // opening quote) runs to its closing quote or the end of the line, a single-quoted one
        // likewise, a bare one to a delimiter. Branch reset: each branch sets `bs` and `val`.
        const auto assignedValue = [](const QString& bareDelimiters) -> QString {
            return uR"re((?|(?<bs>\\*+)"(?<val>[^\\"\r\n]*+(?:(?:\\++(?!")|\k<bs>\\+")[^\\"\r\n]*+)*+))re"_s +
                   uR"re(|(?<bs>)'(?<val>[^'\r\n]*+)|(?<bs>)(?<val>[^\s"'\\)re"_s + bareDelimiters + u"]++))"_s;
        };
        // These three are tried only where a key may start (Scan::KeyedCandidates), and \G ties
        // them there: PCRE's JIT would not run a pattern anchored by an option.
        rawAssign = compile(u"\\G"_s + start + key + uR"((?<sep>\s*=\s*))"_s + assignedValue(u"&<>"_s));
        encodedAssign =
            compile(u"\\G"_s + start + key + uR"((?<sep>%(?:25)?3D)(?<val>(?:[^&\s"'<>\\%]++|%(?!(?:25)?26))++))"_s);
        jsonQuoted = compile(u'"' + quotedKey + uR"("(?<sep>\s*[:=]\s*)(?:"(?<val>[^"\\]*+(?:\\.[^"\\]*+)*+)|)"_s +
                             bareJsonValue + u')');
        jsonSingleQuoted =
            compile(u'\'' + quotedKey + uR"('(?<sep>\s*[:=]\s*)(?:'(?<val>[^'\\]*+(?:\\.[^'\\]*+)*+)|)"_s +
                    bareJsonValue + u')');
        jsonEscaped =
            compile(uR"re((?<!\\)(?<bs>\\++)")re"_s + quotedKey + uR"re(\k<bs>"(?<sep>\s*[:=]\s*)(?:\k<bs>")re"_s +
                    escapedValue + u'|' + bareJsonValue + u')');
        jsonEncoded = compile(u"%22"_s + quotedKey +
                              uR"(%22(?<sep>(?:%20)*%3A(?:%20)*)(?:%22(?<val>(?:[^\s"&%]++|%5C%22|%(?!22))++))"_s +
                              uR"(|(?<num>-?[0-9](?:[0-9.eE\-]|%2B)*+)))"_s);
        colon = compile(u"\\G"_s + start + key + uR"((?<sep>[ \t]*:[ \t]*))"_s + assignedValue(u"&<>,;"_s));

        // name=value or name="value" (Digest); the quotes may be escaped (a header inside JSON).
        const QString param = uR"([A-Za-z0-9_\-]+=(?:\\*"[^"\\\r\n]*\\*"(?=[,\s\\]|$)|[^\s"'\\,]+))"_s;
        authorization = compile(nameStart + uR"((?<key>(?:proxy-)?authorization)(?<sep>["']?\s*[:=]\s*["']?))"_s +
                                uR"((?:(?<scheme>[A-Za-z][A-Za-z0-9_\-]{0,23})[ \t]+)?)"_s + u"(?<val>(?:"_s + param +
                                uR"((?:\s*,\s*)"_s + param + uR"()*|[^\s"'\\,]+)))"_s);
        bearer = compile(nameStart + uR"((?<key>bearer)(?<sep>[ \t]+)(?<val>[A-Za-z0-9\-._~+/]{8,}=*))"_s);
        cookie = compile(nameStart + uR"((?<key>set-cookie|cookie)(?<sep>["']?\s*[:=]\s*["']?))"_s +
                         uR"((?<val>[^=;\s"'\\]+=[^;\s"'\\]*(?:;[ \t]*[^=;\s"'\\]+(?:=[^;\s"'\\]*)?)*|[^\s"'\\;]+))"_s);
        cookieValue = compile(uR"((?<key>[^=;\s]+)(?<sep>=)(?<val>[^;]+))"_s);
        cookieAttribute = compile(uR"(^(?:path|domain|expires|max-age|samesite)$)"_s);
        jwt = compile(
            uR"(eyJ[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]*(?:\.[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+)?)"_s);
        settingValueQuoted = compile(uR"((?<key>"value")(?<sep>\s*:\s*)(?:"(?<val>[^"\\]*+(?:\\.[^"\\]*+)*+)|)"_s +
                                     bareJsonValue + u')');
        settingValueEscaped = compile(uR"re((?<!\\)(?<bs>\\++)(?<key>"value\k<bs>")(?<sep>\s*:\s*)(?:\k<bs>")re"_s +
                                      escapedValue + u'|' + bareJsonValue + u')');
        secretObjectMarker = compile(uR"re(SecretSettingValue|valueState|isEncrypted(?:\\*["'])?\s*[:=]\s*true)re"_s);
        harmlessCode = compile(uR"(^(?:[A-Za-z]+(?:[_.][A-Za-z]+)*|[0-9]{1,6})$)"_s);
        keyedCandidate = compile(u"(?:"_s + QLatin1StringView(detail::CandidateEndings) +
                                 uR"()(?:\\*["']|%(?:25)?22)?(?:\s|%20)*(?:[:=]|%(?:25)?3[AD]))"_s);
    }
};

const Patterns& patterns()
{
    static const Patterns p; // thread-safe static init; matching const regexes is thread-safe
    return p;
}

QString normalisedKey(QStringView key)
{
    QString k = key.toString().toLower();
    k.remove(QStringLiteral("%255f"));
    k.remove(QStringLiteral("%5f"));
    k.remove(u'_');
    k.remove(u'-');
    return k;
}

bool isLiteral(QStringView value)
{
    return value.compare(QLatin1StringView("true"), Qt::CaseInsensitive) == 0 ||
           value.compare(QLatin1StringView("false"), Qt::CaseInsensitive) == 0 ||
           value.compare(QLatin1StringView("null"), Qt::CaseInsensitive) == 0;
}

/// Values a pattern's match may keep although it matched.
enum class Keep {
    Nothing,
    /// A `code` value that is a plain identifier (Graph's "InvalidAuthenticationToken") or a
    /// short number: authorization codes are long random strings, error codes make logs useful.
    ErrorCodes,
    /// Set-Cookie attributes (Path=/, Max-Age=…), which are not secrets.
    CookieAttributes,
};

/// Which keys a pattern's matches are for.
enum class Keys {
    /// Only keys detail::isSecretKey accepts (the pattern found a candidate).
    Secret,
    /// Every match (the pattern names its key itself: Authorization, Cookie, "value").
    Any,
};

/// How an unquoted value (the `num` group: a JSON number) is replaced: by a string in the
/// pattern's quoting, so that JSON stays JSON.
enum class Quote {
    Double,
    Single,
    /// As many backslashes as the `bs` group, then '"' (JSON inside a JSON string).
    Escaped,
    Percent,
};

/// Where a pattern is tried.
enum class Scan {
    /// At every position (patterns that start with a quote or a fixed name).
    Everywhere,
    /// Only where a key ends in a candidate word right before a separator (patterns that start
    /// with KeyStart and a generic key, which would otherwise cost a try at every position).
    KeyedCandidates,
};

/// The matches of `re` in `text`, left to right and not overlapping.
class Matches
{
public:
    Matches(const QString& text, const QRegularExpression& re, Scan scan)
        : m_text(text), m_re(re), m_scan(scan),
          m_it(scan == Scan::Everywhere ? re.globalMatch(text) : patterns().keyedCandidate.globalMatch(text))
    {}

    bool next(QRegularExpressionMatch& match)
    {
        while (m_it.hasNext()) {
            const QRegularExpressionMatch hit = m_it.next();
            if (m_scan == Scan::Everywhere) {
                match = hit;
                return true;
            }
            if (hit.capturedStart() < m_end)
                continue;
            if (tryKeyEndingAt(hit.capturedStart(), match)) {
                m_end = match.capturedEnd();
                return true;
            }
        }
        return false;
    }

private:
    /// Tries `re` anchored at each place the key that ends in the candidate at `ending` may
    /// start: at the start of its run of key characters, and after an escape inside that run
    /// (%26code, \u0026code). The pattern's own KeyStart decides.
    bool tryKeyEndingAt(qsizetype ending, QRegularExpressionMatch& match) const
    {
        const QStringView t(m_text);
        const auto escapeBefore = [&](qsizetype at, QLatin1StringView escape) {
            return at >= escape.size() &&
                   t.mid(at - escape.size(), escape.size()).compare(escape, Qt::CaseInsensitive) == 0;
        };
        qsizetype start = ending;
        while (start > m_end) {
            if (escapeBefore(start, QLatin1StringView("%255F")))
                start -= 5;
            else if (escapeBefore(start, QLatin1StringView("%5F")))
                start -= 3;
            else if (const QChar c = t.at(start - 1); c.isLetterOrNumber() && c.unicode() < 128)
                --start;
            else if (c == u'_' || c == u'-')
                --start;
            else
                break;
        }
        for (qsizetype at = start; at <= ending; ++at) {
            const bool afterEscape = (at >= 3 && t.at(at - 3) == u'%') || (at >= 5 && t.at(at - 5) == u'%') ||
                                     (at >= 6 && t.at(at - 6) == u'\\') || (at >= 2 && t.at(at - 2) == u'\\');
            if (at != start && !afterEscape)
                continue;
            match = m_re.match(m_text, at); // the pattern starts with \G
            if (match.hasMatch())
                return true;
        }
        return false;
    }

    const QString& m_text;
    const QRegularExpression& m_re;
    Scan m_scan;
    QRegularExpressionMatchIterator m_it;
    qsizetype m_end = 0; // end of the last match
};

/// Replaces the `val` (or `num`) group of every match by the placeholder.
void replaceValues(QString& text, const QRegularExpression& re, Keys keys, Keep keep, Quote quote = Quote::Double,
                   Scan scan = Scan::Everywhere)
{
    const QString placeholder = QLatin1StringView(Placeholder);
    QString out;
    qsizetype copied = 0;
    Matches matches(text, re, scan);
    QRegularExpressionMatch m;
    while (matches.next(m)) {
        const bool bare = m.capturedStart(u"num") >= 0;
        const QStringView group = bare ? u"num" : u"val";
        const QStringView val = m.capturedView(group);
        if (val.isEmpty() || val == placeholder)
            continue;
        if (keys == Keys::Secret && !detail::isSecretKey(m.capturedView(u"key")))
            continue;
        const qsizetype start = m.capturedStart(group);
        const bool quoted = !bare && start > 0 && (text.at(start - 1) == u'"' || text.at(start - 1) == u'\'');
        if (!quoted && isLiteral(val))
            continue; // isSecret=true, "secretText": null
        if (keep == Keep::CookieAttributes && patterns().cookieAttribute.match(m.capturedView(u"key")).hasMatch())
            continue;
        if (keep == Keep::ErrorCodes && normalisedKey(m.capturedView(u"key")) == u"code" && val.size() <= 64 &&
            patterns().harmlessCode.match(val).hasMatch()) {
            continue;
        }
        out += QStringView(text).mid(copied, start - copied);
        if (bare) {
            QString q;
            switch (quote) {
            case Quote::Double: q = u"\""_s; break;
            case Quote::Single: q = u"'"_s; break;
            case Quote::Escaped: q = m.captured(u"bs") + u'"'; break;
            case Quote::Percent: q = u"%22"_s; break;
            }
            out += q + placeholder + q;
        } else {
            out += placeholder;
        }
        copied = m.capturedEnd(group);
    }
    if (copied == 0)
        return;
    out += QStringView(text).mid(copied);
    text = std::move(out);
}

void replaceWhole(QString& text, const QRegularExpression& re)
{
    const QString placeholder = QLatin1StringView(Placeholder);
    text.replace(re, placeholder);
}

void replaceCookies(QString& text)
{
    const Patterns& p = patterns();
    const QString placeholder = QLatin1StringView(Placeholder);
    QString out;
    qsizetype copied = 0;
    auto it = p.cookie.globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        QString val = m.captured(u"val");
        if (val.contains(u'='))
            replaceValues(val, p.cookieValue, Keys::Any, Keep::CookieAttributes);
        else
            val = placeholder;
        const qsizetype start = m.capturedStart(u"val");
        out += QStringView(text).mid(copied, start - copied);
        out += val;
        copied = m.capturedEnd(u"val");
    }
    if (copied == 0)
        return;
    out += QStringView(text).mid(copied);
    text = std::move(out);
}

/// Objects whose "value" member is a secret whatever its name says: Graph's secret setting values
/// ({"@odata.type": "...SecretSettingValue", "value": ..., "valueState": ...}, plaintext when a
/// secret is being set) and OMA-URI settings with "isEncrypted": true (plaintext on restore).
/// Find the object around each marker by brace depth and drop its "value" member. Objects are
/// handled left to right and the output is built as it goes, so a text full of markers costs
/// linear time.
void replaceSecretObjectValues(QString& text)
{
    const Patterns& p = patterns();
    QString out;
    qsizetype copied = 0; // text[0, copied) is in `out`
    qsizetype floor = 0;  // objects before this were handled: scans stop here
    auto it = p.secretObjectMarker.globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        if (m.capturedStart() < floor)
            continue; // inside the object just handled
        qsizetype begin = m.capturedStart();
        for (int depth = 0; begin > floor; --begin) {
            const QChar c = text.at(begin - 1);
            if (c == u'}')
                ++depth;
            else if (c == u'{' && depth-- == 0)
                break;
        }
        qsizetype end = m.capturedEnd();
        for (int depth = 0; end < text.size(); ++end) {
            const QChar c = text.at(end);
            if (c == u'{')
                ++depth;
            else if (c == u'}' && depth-- == 0)
                break;
        }
        floor = end;
        QString object = text.mid(begin, end - begin);
        const qsizetype placeholders = object.count(QLatin1StringView(Placeholder));
        replaceValues(object, p.settingValueQuoted, Keys::Any, Keep::Nothing, Quote::Double);
        replaceValues(object, p.settingValueEscaped, Keys::Any, Keep::Nothing, Quote::Escaped);
        if (object.count(QLatin1StringView(Placeholder)) != placeholders) {
            out += QStringView(text).mid(copied, begin - copied);
            out += object;
            copied = end;
        }
    }
    if (copied == 0)
        return;
    out += QStringView(text).mid(copied);
    text = std::move(out);
}

} // namespace

QString redact(const QString& text)
{
    if (!detail::mayContainSecret(text))
        return text;
    const Patterns& p = patterns();
    QString s = text;
    replaceValues(s, p.authorization, Keys::Any, Keep::Nothing);
    replaceCookies(s);
    replaceValues(s, p.bearer, Keys::Any, Keep::Nothing);
    if (p.keyedCandidate.match(s).hasMatch()) {
        // Each pattern only where its quoting or separator occurs at all.
        const bool percent = s.contains(u'%');
        if (s.contains(u'\\'))
            replaceValues(s, p.jsonEscaped, Keys::Secret, Keep::ErrorCodes, Quote::Escaped);
        if (s.contains(u'"'))
            replaceValues(s, p.jsonQuoted, Keys::Secret, Keep::ErrorCodes, Quote::Double);
        if (s.contains(u'\''))
            replaceValues(s, p.jsonSingleQuoted, Keys::Secret, Keep::ErrorCodes, Quote::Single);
        if (percent)
            replaceValues(s, p.jsonEncoded, Keys::Secret, Keep::ErrorCodes, Quote::Percent);
        // No error-code exception for assignments: that is where authorization codes travel
        // (`?code=...&state=`, token request bodies).
        if (percent)
            replaceValues(s, p.encodedAssign, Keys::Secret, Keep::Nothing, Quote::Double, Scan::KeyedCandidates);
        if (s.contains(u'='))
            replaceValues(s, p.rawAssign, Keys::Secret, Keep::Nothing, Quote::Double, Scan::KeyedCandidates);
        if (s.contains(u':'))
            replaceValues(s, p.colon, Keys::Secret, Keep::ErrorCodes, Quote::Double, Scan::KeyedCandidates);
    }
    replaceSecretObjectValues(s);
    if (s.contains(QLatin1StringView("eyJ")))
        replaceWhole(s, p.jwt);
    return s;
}

QByteArray redact(const QByteArray& text)
{
    // The pre-check runs on the UTF-8 bytes. Lines that cannot match are returned as they came
    // (no conversion, and no lossy round trip for invalid UTF-8).
    if (!detail::mayContainSecret(text))
        return text;
    return redact(QString::fromUtf8(text)).toUtf8();
}

} // namespace pv::Redactor
