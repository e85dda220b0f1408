// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// diffRows joined on rowKey: inserting or removing a record touches only that record's rows.
#include "core/normalize/Normalizer.h"
#include "core/normalize/RowDiff.h"
#include "tests/unit/normalize/FirewallJson.h"
#include "tests/unit/normalize/NormalizeTestData.h"

#include <QTest>

using namespace Qt::StringLiterals;

using namespace pv::normalize;
namespace fw = pv::test::fw;

namespace {

struct Sample
{
    QJsonArray settings;
    DefinitionTable table;
};

Sample load(const QString& file)
{
    Sample s;
    s.settings = pv::test::sampleSettings(file);
    pv::test::fillFromSample(s.table, s.settings);
    return s;
}

/// settings[index]'s instance, then `path` of (value key, array index) steps down to a group
/// collection, with `edit` applied to its records array.
QJsonArray editRecords(QJsonArray settings, int index, const std::function<void(QJsonArray&)>& edit,
                       bool underChoice = false)
{
    QJsonObject item = settings.at(index).toObject();
    QJsonObject instance = item.value(QLatin1String("settingInstance")).toObject();
    if (underChoice) {   // choice → children[0] is the collection (hardened UNC paths)
        QJsonObject value = instance.value(QLatin1String("choiceSettingValue")).toObject();
        QJsonArray children = value.value(QLatin1String("children")).toArray();
        QJsonObject collection = children.at(0).toObject();
        QJsonArray records = collection.value(QLatin1String("groupSettingCollectionValue")).toArray();
        edit(records);
        collection.insert(QStringLiteral("groupSettingCollectionValue"), records);
        children.replace(0, collection);
        value.insert(QStringLiteral("children"), children);
        instance.insert(QStringLiteral("choiceSettingValue"), value);
    } else {
        QJsonArray records = instance.value(QLatin1String("groupSettingCollectionValue")).toArray();
        edit(records);
        instance.insert(QStringLiteral("groupSettingCollectionValue"), records);
    }
    item.insert(QStringLiteral("settingInstance"), instance);
    settings.replace(index, item);
    return settings;
}

QJsonObject renamedRecord(QJsonObject record, const QString& suffix, const QString& name)
{
    QJsonArray children = record.value(QLatin1String("children")).toArray();
    for (qsizetype i = 0; i < children.size(); ++i) {
        QJsonObject c = children.at(i).toObject();
        if (!c.value(QLatin1String("settingDefinitionId")).toString().endsWith(suffix))
            continue;
        QJsonObject v = c.value(QLatin1String("simpleSettingValue")).toObject();
        v.insert(QStringLiteral("value"), name);
        c.insert(QStringLiteral("simpleSettingValue"), v);
        children.replace(i, c);
    }
    record.insert(QStringLiteral("children"), children);
    return record;
}

} // namespace

class TestRowDiff final : public QObject
{
    Q_OBJECT

private slots:
    void identicalIsEmpty()
    {
        const Sample s = load(QStringLiteral("sc-settings-firewall-rules.json"));
        const QList<SettingRow> rows = Normalizer(s.table).settingsRows(s.settings);
        QVERIFY(diffRows(rows, rows).isEmpty());
    }

    void insertedRecordOnlyAddsItsRows_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("settingIndex");
        QTest::addColumn<bool>("underChoice");
        QTest::addColumn<QString>("nameSuffix");
        QTest::addColumn<int>("position");
        QTest::addRow("firewall rule at the front") << u"sc-settings-firewall-rules.json"_s << 0 << false << u"_name"_s << 0;
        QTest::addRow("firewall rule in the middle") << u"sc-settings-firewall-rules.json"_s << 0 << false << u"_name"_s << 1;
        QTest::addRow("UNC path at the front") << u"sc-settings-baseline.json"_s << 1 << true << u"_key"_s << 0;
    }
    void insertedRecordOnlyAddsItsRows()
    {
        QFETCH(QString, file);
        QFETCH(int, settingIndex);
        QFETCH(bool, underChoice);
        QFETCH(QString, nameSuffix);
        QFETCH(int, position);
        const Sample s = load(file);
        const QJsonArray inserted = editRecords(s.settings, settingIndex, [&](QJsonArray& records) {
            records.insert(position, renamedRecord(records.at(0).toObject(), nameSuffix, QStringLiteral("Inserted one")));
        }, underChoice);
        const Normalizer n(s.table);
        const QList<SettingRow> before = n.settingsRows(s.settings);
        const QList<SettingRow> after = n.settingsRows(inserted);
        const int recordRows = int(after.size() - before.size());
        QVERIFY(recordRows >= 2);
        const QList<RowChange> changes = diffRows(before, after);
        QCOMPARE(changes.size(), recordRows);
        QString recordKey;
        for (const RowChange& c : changes) {
            QCOMPARE(int(c.kind), int(RowChange::Kind::Added));
            if (c.newRow.kind == SettingRow::Kind::Record)
                recordKey = c.rowKey;
        }
        QVERIFY(recordKey.endsWith(QLatin1String("[Inserted one]")));
        for (const RowChange& c : changes)
            QVERIFY2(c.rowKey.startsWith(recordKey), qPrintable(c.rowKey));
    }

    void removedRecordOnlyRemovesItsRows()
    {
        const Sample s = load(QStringLiteral("sc-settings-firewall-rules.json"));
        const QJsonArray removed = editRecords(s.settings, 0, [](QJsonArray& records) { records.removeAt(0); });
        const Normalizer n(s.table);
        const QList<RowChange> changes = diffRows(n.settingsRows(s.settings), n.settingsRows(removed));
        QCOMPARE(changes.size(), 11);   // the record + its 10 children
        for (const RowChange& c : changes) {
            QCOMPARE(int(c.kind), int(RowChange::Kind::Removed));
            QVERIFY(c.rowKey.startsWith(fw::Root + u"[Allow Teams inbound]"_s));
        }
        QCOMPARE(changes.at(0).row().setting, QStringLiteral("Allow Teams inbound"));
    }

    void changedValueShowsOldAndNew()
    {
        const Sample s = load(QStringLiteral("sc-settings-firewall-rules.json"));
        const QJsonArray edited = editRecords(s.settings, 0, [](QJsonArray& records) {
            QJsonObject rule = records.at(1).toObject();
            QJsonArray children = rule.value(QLatin1String("children")).toArray();
            for (qsizetype i = 0; i < children.size(); ++i)
                if (children.at(i).toObject().value(QLatin1String("settingDefinitionId")).toString().endsWith(QLatin1String("_protocol")))
                    children.replace(i, fw::simple(fw::Root + u"_protocol"_s, 17));
            rule.insert(QStringLiteral("children"), children);
            records.replace(1, rule);
        });
        const Normalizer n(s.table);
        const QList<RowChange> changes = diffRows(n.settingsRows(s.settings), n.settingsRows(edited));
        // the Protocol row, and the rule's record row whose summary shows the protocol
        QCOMPARE(changes.size(), 2);
        const QString rule = fw::Root + u"[Block outbound SMB to Internet]"_s;
        QCOMPARE(changes.at(0).rowKey, rule);
        QCOMPARE(changes.at(1).rowKey, rule + u"/"_s + fw::Root + u"_protocol"_s);
        QCOMPARE(int(changes.at(1).kind), int(RowChange::Kind::Changed));
        QCOMPARE(changes.at(1).oldValue(), QStringLiteral("TCP"));
        QCOMPARE(changes.at(1).newValue(), QStringLiteral("UDP"));
    }

    void unnamedRecordsFallBackToPosition()
    {
        // A group collection whose records have no string child: keyed by position (last resort).
        const QString root = QStringLiteral("x_numbers");
        auto record = [&](int v) { return QJsonObject{{QStringLiteral("children"), QJsonArray{fw::simple(QString(root + u"_n"_s), v)}}}; };
        const QJsonObject coll{{QStringLiteral("@odata.type"), fw::type("GroupSettingCollectionInstance")},
                               {QStringLiteral("settingDefinitionId"), root},
                               {QStringLiteral("groupSettingCollectionValue"), QJsonArray{record(1), record(2)}}};
        DefinitionTable none;
        const QList<SettingRow> rows = Normalizer(none).settingsRows({coll});
        QCOMPARE(rows.size(), 5);
        QCOMPARE(rows.at(1).rowKey, root + u"[%231]"_s);
        QCOMPARE(rows.at(1).setting, QStringLiteral("Item 1"));
        QCOMPARE(rows.at(3).rowKey, root + u"[%232]"_s);
        QVERIFY(rows.at(2).definitionMissing);
        QCOMPARE(rows.at(2).setting, QStringLiteral("X numbers n"));
    }

    void reorderedSettingsAreNotChanges()
    {
        const Sample s = load(QStringLiteral("sc-settings-ordinary.json"));
        QJsonArray reversed;
        for (qsizetype i = s.settings.size() - 1; i >= 0; --i)
            reversed.append(s.settings.at(i));
        const Normalizer n(s.table);
        QVERIFY(diffRows(n.settingsRows(s.settings), n.settingsRows(reversed)).isEmpty());
        QJsonArray dropped = s.settings;
        dropped.removeAt(1);
        const QList<RowChange> changes = diffRows(n.settingsRows(s.settings), n.settingsRows(dropped));
        QCOMPARE(changes.size(), 1);
        QCOMPARE(int(changes.at(0).kind), int(RowChange::Kind::Removed));
        QCOMPARE(changes.at(0).oldValue(), QStringLiteral("30"));
    }
};

QTEST_GUILESS_MAIN(TestRowDiff)
#include "tst_rowdiff.moc"
