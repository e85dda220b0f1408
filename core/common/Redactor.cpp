// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/common/Redactor.h"

#include <QLatin1StringView>
#include <QRegularExpression>
#include <QStringList>

#include <array>

namespace pv::Redactor {
namespace {

using namespace Qt::StringLiterals;

// THE list of secret-bearing keys. Keep it in step with STYLE.md ("Errors, logging,
// secrets") and the Redactor.h comment; tests/unit/common/tst_redactor.cpp walks it.
// An underscore here also matches "-", "%5F", "%255F" or nothing, so `client_secret`
// covers clientSecret, client-secret and client%5Fsecret. Matching is case-insensitive.
// Longer keys first so the alternation tries `code_verifier` before `code`.
constexpr std::array<QLatin1StringView, 11> SecretKeys = {
    QLatin1StringView("client_assertion"), QLatin1StringView("client_secret"),
    QLatin1StringView("refresh_token"),    QLatin1StringView("access_token"),
    QLatin1StringView("code_verifier"),    QLatin1StringView("device_code"),
    QLatin1StringView("secret_text"), // Graph passwordCredential.secretText
    QLatin1StringView("id_token"),         QLatin1StringView("password"),
    QLatin1StringView("secret"),           QLatin1StringView("code"),
};

// Cheap pre-check: a line without any of these (case-insensitive) cannot hold a secret
// the patterns below would find, so most log lines skip the regular expressions entirely.
// Every key above contains one of them, also when its underscore is percent-encoded.
constexpr std::array<QLatin1StringView, 10> Needles = {
    QLatin1StringView("authorization"), QLatin1StringView("cookie"),    QLatin1StringView("eyj"),
    QLatin1StringView("secret"),        QLatin1StringView("assertion"), QLatin1StringView("token"),
    QLatin1StringView("code"),          QLatin1StringView("password"),  QLatin1StringView("bearer"),
    QLatin1StringView("valuestate"),
};

// A key starts a word: not preceded by a letter, digit, '_' or '-' (so errorCode, statusCode,
// encode, barcode and error_code keep their values) — unless what precedes is a
// percent-escape (`%26code%3D`) or a JSON/C escape (`\u0026code`, `\ncode`).
const QLatin1StringView KeyStart(
    R"((?:(?<![A-Za-z0-9_\-])|(?<=%[0-9A-Fa-f]{2})|(?<=%25[0-9A-Fa-f]{2})|(?<=\\u[0-9A-Fa-f]{4})|(?<=\\[nrt])))");

QString keyAlternation()
{
    QStringList parts;
    for (const QLatin1StringView key : SecretKeys) {
        QString p = QRegularExpression::escape(QString(key));
        p.replace(QStringLiteral("_"), QStringLiteral("(?:_|-|%5F|%255F)?"));
        parts << p;
    }
    return u"(?:"_s + parts.join(u'|') + u')';
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
    // the value's end is encoded: a raw '=' value runs to '&'/space/quote.
    QRegularExpression rawAssign;
    // key%3Dvalue / key%253Dvalue — a percent-encoded (or double-encoded) query inside a
    // parameter: the value ends at %26 / %2526.
    QRegularExpression encodedAssign;
    // "key":"value" and 'key':'value' — JSON (and Python-style dumps).
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
    // A `code` value kept because it is a Graph error code or a small number, not an auth code.
    QRegularExpression harmlessCode;
    QRegularExpression fastPath;

    Patterns()
    {
        const QString keys = keyAlternation();
        const QString start = QString(KeyStart);
        rawAssign = compile(start + u"(?<key>"_s + keys + uR"()(?<sep>\s*=\s*"?)(?<val>[^&\s"'<>\\]+))"_s);
        encodedAssign = compile(start + u"(?<key>"_s + keys +
                                uR"()(?<sep>%(?:25)?3D)(?<val>(?:[^&\s"'<>\\%]++|%(?!(?:25)?26))++))"_s);
        // Values are matched as "unrolled loops" with possessive runs: a group repeated per
        // character would need a backtracking frame per character, and PCRE's JIT stack runs out
        // on values of some ten thousand characters (Defender onboarding blobs are 175 KB):
        // the match would then fail and the secret stay.
        jsonQuoted = compile(u"\"(?<key>"_s + keys + uR"()(?<sep>"\s*:\s*")(?<val>[^"\\]*+(?:\\.[^"\\]*+)*+))"_s);
        jsonSingleQuoted = compile(u"'(?<key>"_s + keys + uR"()(?<sep>'\s*:\s*')(?<val>[^'\\]*+(?:\\.[^'\\]*+)*+))"_s);
        // Escaped n levels deep, the quotes are n backslashes + '"'. The value runs to the next
        // quote with exactly that many backslashes; a quote with more is escaped inside it.
        const QString escapedValue = uR"re((?<val>[^\\"]*+(?:(?:\\++(?!")|\k<bs>\\+")[^\\"]*+)*+))re"_s;
        jsonEscaped = compile(uR"re((?<!\\)(?<bs>\\++)")re"_s + u"(?<key>"_s + keys +
                              uR"re()(?<sep>\k<bs>"\s*:\s*\k<bs>"))re"_s + escapedValue);
        jsonEncoded = compile(u"%22(?<key>"_s + keys +
                              uR"()(?<sep>%22(?:%20)*%3A(?:%20)*%22)(?<val>(?:[^\s"&%]++|%5C%22|%(?!22))++))"_s);
        colon = compile(start + u"(?<key>"_s + keys + uR"()(?<sep>[ \t]*:[ \t]*)(?<val>[^\s"'&<>\\,;]+))"_s);

        // name=value or name="value" (Digest); the quotes may be escaped (a header inside JSON).
        const QString param = uR"([A-Za-z0-9_\-]+=(?:\\*"[^"\\\r\n]*\\*"(?=[,\s\\]|$)|[^\s"'\\,]+))"_s;
        authorization = compile(start + uR"((?<key>(?:proxy-)?authorization)(?<sep>["']?\s*[:=]\s*["']?))"_s +
                                uR"((?:(?<scheme>[A-Za-z][A-Za-z0-9_\-]{0,23})[ \t]+)?)"_s + u"(?<val>(?:"_s + param +
                                uR"((?:\s*,\s*)"_s + param + uR"()*|[^\s"'\\,]+)))"_s);
        bearer = compile(start + uR"((?<key>bearer)(?<sep>[ \t]+)(?<val>[A-Za-z0-9\-._~+/]{8,}=*))"_s);
        cookie = compile(start + uR"((?<key>set-cookie|cookie)(?<sep>["']?\s*[:=]\s*["']?))"_s +
                         uR"((?<val>[^=;\s"'\\]+=[^;\s"'\\]*(?:;[ \t]*[^=;\s"'\\]+(?:=[^;\s"'\\]*)?)*|[^\s"'\\;]+))"_s);
        cookieValue = compile(uR"((?<key>[^=;\s]+)(?<sep>=)(?<val>[^;]+))"_s);
        cookieAttribute = compile(uR"(^(?:path|domain|expires|max-age|samesite)$)"_s);
        jwt = compile(
            uR"(eyJ[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]*(?:\.[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+)?)"_s);
        settingValueQuoted = compile(uR"((?<key>"value")(?<sep>\s*:\s*")(?<val>[^"\\]*+(?:\\.[^"\\]*+)*+))"_s);
        settingValueEscaped =
            compile(uR"re((?<!\\)(?<bs>\\++)(?<key>"value\k<bs>")(?<sep>\s*:\s*\k<bs>"))re"_s + escapedValue);
        QStringList needles;
        for (const QLatin1StringView needle : Needles)
            needles << QRegularExpression::escape(QString(needle));
        fastPath = compile(needles.join(u'|'));
        harmlessCode = compile(uR"(^(?:[A-Za-z]+(?:[_.][A-Za-z]+)*|[0-9]{1,6})$)"_s);
    }
};

const Patterns& patterns()
{
    static const Patterns p; // thread-safe static init; matching const regexes is thread-safe
    return p;
}

bool mayContainSecret(QStringView text)
{
    // One JIT-compiled scan for all needles beats ten case-insensitive QString::contains.
    return patterns().fastPath.match(text).hasMatch();
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

/// Values a pattern's match may keep although it matched.
enum class Keep {
    Nothing,
    /// A `code` value that is a plain identifier (Graph's "InvalidAuthenticationToken") or a
    /// short number: authorization codes are long random strings, error codes make logs useful.
    ErrorCodes,
    /// Set-Cookie attributes (Path=/, Max-Age=…), which are not secrets.
    CookieAttributes,
};

/// Replaces the `val` group of every match by the placeholder.
void replaceValues(QString& text, const QRegularExpression& re, Keep keep)
{
    const QString placeholder = QLatin1StringView(Placeholder);
    QString out;
    qsizetype copied = 0;
    auto it = re.globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        const QStringView val = m.capturedView(u"val");
        if (val.isEmpty() || val == placeholder)
            continue;
        if (keep == Keep::CookieAttributes && patterns().cookieAttribute.match(m.capturedView(u"key")).hasMatch())
            continue;
        if (keep == Keep::ErrorCodes && normalisedKey(m.capturedView(u"key")) == u"code" && val.size() <= 64 &&
            patterns().harmlessCode.match(val).hasMatch()) {
            continue;
        }
        const qsizetype start = m.capturedStart(u"val");
        out += QStringView(text).mid(copied, start - copied);
        out += placeholder;
        copied = m.capturedEnd(u"val");
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
            replaceValues(val, p.cookieValue, Keep::CookieAttributes);
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

/// Graph's secret setting values ({"@odata.type": "...SecretSettingValue", "value": ...,
/// "valueState": ...}) carry the plaintext when a secret is being set. Find the object around
/// each marker by brace depth and drop its "value" member. Objects are handled left to right
/// and the output is built as it goes, so a text full of markers costs linear time.
void replaceSecretSettingValues(QString& text)
{
    if (!text.contains(QLatin1StringView("secretsettingvalue"), Qt::CaseInsensitive) &&
        !text.contains(QLatin1StringView("valuestate"), Qt::CaseInsensitive)) {
        return;
    }
    const Patterns& p = patterns();
    static const QRegularExpression marker = compile(QStringLiteral("SecretSettingValue|valueState"));
    QString out;
    qsizetype copied = 0; // text[0, copied) is in `out`
    qsizetype floor = 0;  // objects before this were handled: scans stop here
    auto it = marker.globalMatch(text);
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
        replaceValues(object, p.settingValueQuoted, Keep::Nothing);
        replaceValues(object, p.settingValueEscaped, Keep::Nothing);
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
    if (!mayContainSecret(text))
        return text;
    const Patterns& p = patterns();
    QString s = text;
    replaceValues(s, p.authorization, Keep::Nothing);
    replaceCookies(s);
    replaceValues(s, p.bearer, Keep::Nothing);
    replaceValues(s, p.jsonEscaped, Keep::ErrorCodes);
    replaceValues(s, p.jsonQuoted, Keep::ErrorCodes);
    replaceValues(s, p.jsonSingleQuoted, Keep::ErrorCodes);
    replaceValues(s, p.jsonEncoded, Keep::ErrorCodes);
    // No error-code exception for assignments: that is where authorization codes travel
    // (`?code=...&state=`, token request bodies).
    replaceValues(s, p.encodedAssign, Keep::Nothing);
    replaceValues(s, p.rawAssign, Keep::Nothing);
    replaceValues(s, p.colon, Keep::ErrorCodes);
    replaceSecretSettingValues(s);
    if (s.contains(QLatin1StringView("eyJ")))
        replaceWhole(s, p.jwt);
    return s;
}

QByteArray redact(const QByteArray& text)
{
    // UTF-8 -> UTF-16 is SIMD-fast in Qt; the JIT-compiled pre-check then decides. Lines that
    // cannot match are returned as they came (no lossy round trip for invalid UTF-8).
    const QString asText = QString::fromUtf8(text);
    if (!mayContainSecret(asText))
        return text;
    return redact(asText).toUtf8();
}

} // namespace pv::Redactor
