// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// The redactor against an independent corpus: Intune and Graph names and objects copied from real
// data into tests/data/redaction/ (see its README), not from the redactor's own rules. Secret names
// are planted as canaries in URLs, form bodies, JSON, log lines and quoted values; look-alikes in
// the same shapes must come out unchanged; real secret-bearing objects must lose exactly their value.
#include "core/common/Redactor.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QStringList>
#include <QTest>
#include <QUrl>

#include <functional>
#include <utility>

using namespace Qt::StringLiterals;

namespace {

const QString Marker = u"MARKER-keep-42"_s;
const QString Marker2 = u"STATE-keep-17"_s;
const QString Placeholder = QLatin1StringView(pv::Redactor::Placeholder);

QString dataPath(const QString& relative)
{
    return QStringLiteral(PV_TEST_DATA_DIR "/redaction/") + relative;
}

QByteArray readData(const QString& relative)
{
    QFile f(dataPath(relative));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(f.fileName()));
    return f.readAll();
}

const QJsonObject& corpus()
{
    static const QJsonObject c = [] {
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(readData(u"corpus.json"_s), &error);
        if (error.error != QJsonParseError::NoError)
            qFatal("corpus.json: %s", qPrintable(error.errorString()));
        return doc.object();
    }();
    return c;
}

QJsonArray section(const char* name)
{
    const QJsonArray a = corpus().value(QLatin1StringView(name)).toArray();
    if (a.isEmpty())
        qFatal("corpus.json has no %s", name);
    return a;
}

QStringList corpusKeys(const char* name)
{
    QStringList keys;
    for (const QJsonValue& entry : section(name))
        keys << entry.toObject().value(u"key"_s).toString();
    return keys;
}

QString percentEncode(const QString& s)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(s));
}

QString asJsonString(const QString& text)
{
    const QByteArray doc = QJsonDocument(QJsonObject{{u"message"_s, text}}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(doc);
}

/// Values planted under a key: a word-like value, one with spaces and a number.
struct Values
{
    QString word;
    QString spaced;
    QString number;

    QStringList pieces() const { return QStringList{word} + spaced.split(u' ') + QStringList{number}; }
};

Values valuesFor(int index)
{
    const QString tag = QString::number(index);
    return Values{u"Cnry7w"_s + tag + u"-9xQ.z~4"_s, u"CnryA"_s + tag + u"x CnryB"_s + tag + u"x CnryC"_s + tag + u'x',
                  QString::number(735119000 + index)};
}

/// Every shape a key and its value take in URLs, bodies, JSON and log lines, with harmless text
/// on both sides. Each shape holds one value of `v`.
QList<std::pair<QByteArray, QString>> shapes(const QString& key, const Values& v)
{
    const QString json =
        u"{\"m\":\""_s + Marker + u"\",\""_s + key + u"\":\""_s + v.word + u"\",\"s\":\""_s + Marker2 + u"\"}"_s;
    const QString url = u"https://login.example/cb?m="_s + Marker + u'&' + key + u'=' + v.word + u"&state="_s + Marker2;
    return {
        {"url", url},
        {"percent-encoded url", u"redirect_uri="_s + percentEncode(url)},
        {"form body", u"grant_type="_s + Marker + u'&' + key + u'=' + v.word + u"&scope="_s + Marker2},
        {"json", json},
        {"json, value with spaces", u"{\"m\": \""_s + Marker + u"\", \""_s + key + u"\" : \""_s + v.spaced +
                                        u"\", \"s\": \""_s + Marker2 + u"\"}"_s},
        {"json, number",
         u"{\"m\":\""_s + Marker + u"\",\""_s + key + u"\":"_s + v.number + u",\"s\":\""_s + Marker2 + u"\"}"_s},
        {"json in a json string", asJsonString(json)},
        {"percent-encoded json", percentEncode(json)},
        {"python dict",
         u"{'m': '"_s + Marker + u"', '"_s + key + u"': '"_s + v.spaced + u"', 's': '"_s + Marker2 + u"'}"_s},
        {"python dict, number", u"{'"_s + key + u"': "_s + v.number + u", 'm': '"_s + Marker + u"'} "_s + Marker2},
        {"quoted key = quoted value", Marker + u" '"_s + key + u"'='"_s + v.spaced + u"' "_s + Marker2},
        {"log key=value", u"request failed ("_s + Marker + u") with "_s + key + u'=' + v.word + u" then "_s + Marker2},
        {"log key=number", key + u'=' + v.number + u' ' + Marker + u' ' + Marker2},
        {"log key=\"value with spaces\"", key + u"=\""_s + v.spaced + u"\" "_s + Marker + u' ' + Marker2},
        {"log key='value with spaces'", Marker + u' ' + key + u"='"_s + v.spaced + u"', "_s + Marker2},
        {"header line", u"X-Marker: "_s + Marker + u"\r\n"_s + key + u": "_s + v.word + u"\r\nX-State: "_s + Marker2},
        {"key: \"value with spaces\"", key + u": \""_s + v.spaced + u"\"\n"_s + Marker + u' ' + Marker2},
    };
}

QJsonValue valueAt(const QJsonValue& root, const QJsonArray& path)
{
    QJsonValue v = root;
    for (const QJsonValue& step : path)
        v = step.isString() ? v.toObject().value(step.toString()) : v.toArray().at(step.toInt());
    return v;
}

/// `root` with the object at `path` changed by `edit`.
QJsonValue editedAt(const QJsonValue& root, const QJsonArray& path, qsizetype depth,
                    const std::function<void(QJsonObject&)>& edit)
{
    if (depth == path.size()) {
        QJsonObject o = root.toObject();
        edit(o);
        return o;
    }
    const QJsonValue step = path.at(depth);
    if (step.isString()) {
        QJsonObject o = root.toObject();
        o.insert(step.toString(), editedAt(o.value(step.toString()), path, depth + 1, edit));
        return o;
    }
    QJsonArray a = root.toArray();
    a.replace(step.toInt(), editedAt(a.at(step.toInt()), path, depth + 1, edit));
    return a;
}

QString serialised(const QJsonValue& v, QJsonDocument::JsonFormat format)
{
    const QJsonDocument doc = v.isArray() ? QJsonDocument(v.toArray()) : QJsonDocument(v.toObject());
    return QString::fromUtf8(doc.toJson(format));
}

/// Every string value under a member named one of `keys`, anywhere in `v`.
void collectValues(const QJsonValue& v, const QStringList& keys, QStringList& out)
{
    if (v.isArray()) {
        for (const QJsonValue& item : v.toArray())
            collectValues(item, keys, out);
    } else if (v.isObject()) {
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (keys.contains(it.key()) && it.value().isString())
                out << it.value().toString();
            collectValues(it.value(), keys, out);
        }
    }
}

} // namespace

class TestRedactorCorpus : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void secretKeysLoseTheirValues_data();
    void secretKeysLoseTheirValues();
    void lookAlikesKeepTheirValues_data();
    void lookAlikesKeepTheirValues();
    void secretValueShapesLoseExactlyTheValue_data();
    void secretValueShapesLoseExactlyTheValue();
    void secretDefinitionValuesAreRemoved_data();
    void secretDefinitionValuesAreRemoved();
    void secretSamplesLoseTheirSecrets_data();
    void secretSamplesLoseTheirSecrets();
    void cleanSamplesAreUnchanged_data();
    void cleanSamplesAreUnchanged();
};

void TestRedactorCorpus::secretKeysLoseTheirValues_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QStringList>("canaries");
    int index = 0;
    for (const QString& key : corpusKeys("secretKeys")) {
        const Values v = valuesFor(index++);
        for (const auto& [shape, text] : shapes(key, v)) {
            QTest::addRow("%s: %s", qPrintable(key), shape.constData()) << text << v.pieces();
            QTest::addRow("%s: %s, in a json string", qPrintable(key), shape.constData())
                << asJsonString(text) << v.pieces();
        }
    }
}

void TestRedactorCorpus::secretKeysLoseTheirValues()
{
    QFETCH(QString, input);
    QFETCH(QStringList, canaries);
    const QString out = pv::Redactor::redact(input);
    int planted = 0;
    for (const QString& canary : canaries) {
        if (!input.contains(canary))
            continue; // each shape holds one of the values
        ++planted;
        QVERIFY2(!out.contains(canary), qPrintable(u"canary "_s + canary + u" left in: "_s + out));
    }
    QVERIFY2(planted > 0, "test data must contain a canary");
    QVERIFY2(out.contains(Marker) && out.contains(Marker2), qPrintable(u"marker lost: "_s + out));
    QVERIFY2(out.contains(Placeholder), qPrintable(out));
    // JSON stays JSON: a number is replaced by a string.
    QJsonParseError inError;
    QJsonDocument::fromJson(input.toUtf8(), &inError);
    if (inError.error == QJsonParseError::NoError) {
        QJsonParseError outError;
        QJsonDocument::fromJson(out.toUtf8(), &outError);
        QVERIFY2(outError.error == QJsonParseError::NoError, qPrintable(outError.errorString() + u": "_s + out));
    }
}

void TestRedactorCorpus::lookAlikesKeepTheirValues_data()
{
    QTest::addColumn<QString>("input");
    int index = 0;
    for (const QString& key : corpusKeys("nonSecretKeys")) {
        const Values v = valuesFor(index++);
        for (const auto& [shape, text] : shapes(key, v)) {
            QTest::addRow("%s: %s", qPrintable(key), shape.constData()) << text;
            QTest::addRow("%s: %s, in a json string", qPrintable(key), shape.constData()) << asJsonString(text);
        }
    }
}

void TestRedactorCorpus::lookAlikesKeepTheirValues()
{
    QFETCH(QString, input);
    QCOMPARE(pv::Redactor::redact(input), input);
}

void TestRedactorCorpus::secretValueShapesLoseExactlyTheValue_data()
{
    // The real object with a canary as its value, and the same document as it must come out: only
    // that value replaced (a number by a string, so that JSON stays JSON).
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    for (const QJsonValue& entry : section("secretValueShapes")) {
        const QJsonObject shape = entry.toObject();
        const QString file = shape.value(u"file"_s).toString();
        const QJsonArray path = shape.value(u"path"_s).toArray();
        const QJsonObject doc = QJsonDocument::fromJson(readData(file)).object();
        QVERIFY2(valueAt(doc, path).toObject().contains(u"value"_s), qPrintable(file));

        QStringList states = shape.value(u"valueStates"_s).toVariant().toStringList();
        if (states.isEmpty())
            states << QString(); // no valueState member (OMA-URI)
        const QList<QJsonValue> canaries{QJsonValue(u"CnryShape-plain+text/=="_s),
                                         QJsonValue(u"CnryShape with spaces and \"quotes\""_s), QJsonValue(987654321)};
        for (const QString& state : states) {
            for (const QJsonValue& canary : canaries) {
                const auto plant = [&](const QJsonValue& value) {
                    return editedAt(doc, path, 0, [&](QJsonObject& o) {
                        o.insert(u"value"_s, value);
                        if (!state.isEmpty())
                            o.insert(u"valueState"_s, state);
                    });
                };
                const QJsonValue in = plant(canary);
                const QJsonValue out = plant(Placeholder);
                const QString name = file + u' ' + state + u' ' + canary.toVariant().toString().left(16);
                QTest::addRow("%s, indented", qPrintable(name))
                    << serialised(in, QJsonDocument::Indented) << serialised(out, QJsonDocument::Indented);
                QTest::addRow("%s, compact", qPrintable(name))
                    << serialised(in, QJsonDocument::Compact) << serialised(out, QJsonDocument::Compact);
                QTest::addRow("%s, in a json string", qPrintable(name))
                    << asJsonString(serialised(in, QJsonDocument::Compact))
                    << asJsonString(serialised(out, QJsonDocument::Compact));
            }
        }
    }
}

void TestRedactorCorpus::secretValueShapesLoseExactlyTheValue()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QCOMPARE(pv::Redactor::redact(input), expected);
}

void TestRedactorCorpus::secretDefinitionValuesAreRemoved_data()
{
    // A settings-catalog instance of each secret-typed definition as a create body sends it
    // (GRAPH_NOTES §1.3, §1.5), with a value as long as the definition allows.
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("definitionId");
    for (const QJsonValue& entry : section("secretDefinitions")) {
        const QString id = entry.toObject().value(u"settingDefinitionId"_s).toString();
        const int maximumLength = entry.toObject().value(u"maximumLength"_s).toInt();
        QString canary = u"CnryDefStart"_s;
        while (canary.size() < maximumLength - 10)
            canary += u"QUJDRA+/=="_s;
        canary = canary.left(maximumLength - 10) + u"CnryDefEnd"_s;
        for (const QString& state : {u"notEncrypted"_s, u"encryptedValueToken"_s}) {
            const QJsonObject setting{
                {u"@odata.type"_s, u"#microsoft.graph.deviceManagementConfigurationSetting"_s},
                {u"settingInstance"_s,
                 QJsonObject{
                     {u"@odata.type"_s, u"#microsoft.graph.deviceManagementConfigurationSimpleSettingInstance"_s},
                     {u"settingDefinitionId"_s, id},
                     {u"settingInstanceTemplateReference"_s, QJsonValue::Null},
                     {u"simpleSettingValue"_s,
                      QJsonObject{
                          {u"@odata.type"_s, u"#microsoft.graph.deviceManagementConfigurationSecretSettingValue"_s},
                          {u"valueState"_s, state},
                          {u"value"_s, canary}}}}}};
            const QString body = QString::fromUtf8(
                QJsonDocument(QJsonObject{{u"name"_s, Marker}, {u"settings"_s, QJsonArray{setting}}}).toJson());
            QTest::addRow("%s %s", qPrintable(id), qPrintable(state)) << body << id;
            QTest::addRow("%s %s, in a json string", qPrintable(id), qPrintable(state)) << asJsonString(body) << id;
        }
    }
}

void TestRedactorCorpus::secretDefinitionValuesAreRemoved()
{
    QFETCH(QString, input);
    QFETCH(QString, definitionId);
    const QString out = pv::Redactor::redact(input);
    QVERIFY2(!out.contains(u"CnryDefStart"_s) && !out.contains(u"CnryDefEnd"_s), qPrintable(out.left(400)));
    QVERIFY(out.contains(definitionId));
    QVERIFY(out.contains(Marker));
    QVERIFY(out.contains(u"SecretSettingValue"_s));
}

void TestRedactorCorpus::secretSamplesLoseTheirSecrets_data()
{
    QTest::addColumn<QString>("file");
    for (const QJsonValue& entry : section("secretSamples")) {
        const QString file = entry.toObject().value(u"file"_s).toString();
        QTest::addRow("%s", qPrintable(file)) << file;
    }
}

void TestRedactorCorpus::secretSamplesLoseTheirSecrets()
{
    // Every string under a secret name goes; every string under a look-alike name stays.
    QFETCH(QString, file);
    const QByteArray bytes = readData(file);
    const QJsonDocument doc = QJsonDocument::fromJson(bytes);
    QStringList secrets;
    QStringList kept;
    collectValues(doc.object(), corpusKeys("secretKeys"), secrets);
    collectValues(doc.object(), corpusKeys("nonSecretKeys"), kept);
    QVERIFY2(!secrets.isEmpty(), qPrintable(file));

    for (const QByteArray& text : {bytes, doc.toJson(QJsonDocument::Compact)}) {
        const QString out = pv::Redactor::redact(QString::fromUtf8(text));
        for (const QString& secret : std::as_const(secrets))
            QVERIFY2(!out.contains(secret), qPrintable(secret + u" left in: "_s + out));
        for (const QString& value : std::as_const(kept))
            QVERIFY2(out.contains(value), qPrintable(value + u" lost: "_s + out));
        // Look-alikes inside URLs in the sample (code_challenge=…&code_challenge_method=S256).
        for (const QString& key : corpusKeys("nonSecretKeys")) {
            const QRegularExpression assignment(u"(?<![A-Za-z0-9_])"_s + QRegularExpression::escape(key) +
                                                u"=[^&\"\\s]+"_s);
            for (auto it = assignment.globalMatch(QString::fromUtf8(text)); it.hasNext();) {
                const QString pair = it.next().captured();
                QVERIFY2(out.contains(pair), qPrintable(pair + u" lost: "_s + out));
            }
        }
        QJsonParseError error;
        QJsonDocument::fromJson(out.toUtf8(), &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
    }
}

void TestRedactorCorpus::cleanSamplesAreUnchanged_data()
{
    QTest::addColumn<QString>("file");
    for (const QJsonValue& entry : section("nonSecretSamples")) {
        const QString file = entry.toObject().value(u"file"_s).toString();
        QTest::addRow("%s", qPrintable(file)) << file;
    }
}

void TestRedactorCorpus::cleanSamplesAreUnchanged()
{
    QFETCH(QString, file);
    const QByteArray bytes = readData(file);
    const QString text = QString::fromUtf8(bytes);
    QCOMPARE(pv::Redactor::redact(text), text);
    const QString compact = QString::fromUtf8(QJsonDocument::fromJson(bytes).toJson(QJsonDocument::Compact));
    QCOMPARE(pv::Redactor::redact(compact), compact);
    QCOMPARE(pv::Redactor::redact(asJsonString(compact)), asJsonString(compact));
}

QTEST_GUILESS_MAIN(TestRedactorCorpus)
#include "tst_redactor_corpus.moc"
