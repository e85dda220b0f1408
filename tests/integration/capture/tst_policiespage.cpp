// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// The Policies page over a graphsim tenant captured with the real capture kind, over HTTPS:
// the list, the General tab of a baseline, an endpoint-security firewall policy and a plain
// settings-catalog policy (values read independently from the stored JSON), and the Settings
// tab's search with firewall records. Screenshots in build/test-artifacts/ui/.
#include "CaptureTestEnv.h"

#include "core/runs/AccessGate.h"
#include "core/normalize/RowDiff.h"
#include "core/normalize/SnapshotDefinitions.h"
#include "core/store/PolicyCatalog.h"
#include "core/store/TenantRepository.h"
#include "tests/ui/UiTestSupport.h"
#include "ui/BannerNotifier.h"
#include "ui/MainWindow.h"
#include "ui/PoliciesModel.h"
#include "ui/PoliciesPage.h"
#include "ui/PolicySettingsModel.h"

#include <QAction>
#include <QClipboard>
#include <QComboBox>
#include <QGuiApplication>
#include <QTableView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QLocale>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableWidget>
#include <QTest>

using namespace pv;
using namespace pv::ui;
using namespace Qt::StringLiterals;

namespace {

graphsim::SimOptions smallTenant()
{
    graphsim::SimOptions options;
    options.tenantProfiles = {u"small"_s};
    return options;
}

struct Picked
{
    PolicySummary summary;
    QJsonObject content;
};

/// The test's own local-time rendering of a Graph timestamp (seconds, local zone).
QString localText(const QString& graphTime)
{
    QString text = graphTime;
    text.replace(QRegularExpression(u"(\\.\\d{3})\\d+"_s), u"\\1"_s);
    const QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
    return t.isValid() ? t.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_s) : u"—"_s;
}

} // namespace

class TestPoliciesPage final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { pv::test::initUiTestStyle(); }
    void listGeneralAndSettings();
};

void TestPoliciesPage::listGeneralAndSettings()
{
    CaptureTestEnv env(smallTenant());
    QString error;
    QVERIFY2(env.start(&error), qPrintable(error));
    auto run = env.backup();
    QVERIFY(run);
    QCOMPARE(run->status, RunStatus::Succeeded);

    // The three policies the General tab is pinned on, found in the store by the test itself.
    const PolicyCatalog catalog(env.database());
    auto all = catalog.list(env.scope(), QString(), false);
    QVERIFY(all && all->size() > 10);
    std::optional<Picked> baseline, firewall, plain;
    for (const PolicySummary& s : all.value()) {
        auto content = env.snapshots().versionContent(env.scope(), s.latestVersionId);
        QVERIFY(content);
        const QByteArray json = QJsonDocument(content.value()).toJson(QJsonDocument::Compact);
        if (!baseline && s.policy.typeKey == u"securityBaseline"_s)
            baseline = Picked{s, content.value()};
        else if (!firewall && s.policy.typeKey == u"endpointSecurity"_s && json.contains("mdmstore_firewallrules_{firewallrulename}\""))
            firewall = Picked{s, content.value()};
        else if (!plain && s.policy.typeKey == u"settingsCatalog"_s)
            plain = Picked{s, content.value()};
    }
    QVERIFY2(baseline && firewall && plain, "graphsim's small tenant lacks a baseline, a firewall policy or a settings-catalog policy");

    const AccessGate gate(env.database());
    const TenantRepository tenants(env.database());
    BannerNotifier notifier;
    MainWindow::Services services{env.runs(), gate, tenants, notifier, nullptr, nullptr, &env.snapshots()};
    services.database = env.database();
    MainWindow window(services);
    window.resize(1400, 860);
    window.show();
    QVERIFY(pv::test::waitForWindowLoaded(window));
    QVERIFY(window.selectTenant(env.tenantId()));
    window.showPolicies();
    PoliciesPage* page = window.policiesPage();
    QVERIFY(page);
    QCOMPARE(window.findChild<QStackedWidget*>(u"pageStack"_s)->currentWidget(), page);
    QTRY_COMPARE_WITH_TIMEOUT(page->model()->rowCount(), int(all->size()), 10000);
    QTRY_VERIFY(!page->isLoading());

    // The list: every policy with its name and versions; search and type filter narrow it.
    const PoliciesModel* list = page->model();
    const int fwRow = list->rowOf(firewall->summary.policy.id);
    QVERIFY(fwRow >= 0);
    QCOMPARE(list->index(fwRow, int(PoliciesModel::Column::Name)).data().toString(), firewall->summary.policy.displayName);
    QCOMPARE(list->index(fwRow, int(PoliciesModel::Column::Versions)).data().toInt(), 1);
    QCOMPARE(list->index(fwRow, int(PoliciesModel::Column::Type)).data().toString(), u"Endpoint security"_s);
    page->typeFilter()->setCurrentIndex(page->typeFilter()->findData(u"securityBaseline"_s));
    int baselines = 0;
    for (const PolicySummary& s : all.value())
        baselines += s.policy.typeKey == u"securityBaseline"_s ? 1 : 0;
    QCOMPARE(list->rowCount(), baselines);
    page->typeFilter()->setCurrentIndex(0);
    page->searchField()->setText(firewall->summary.policy.displayName);
    QVERIFY(list->rowCount() >= 1 && list->rowCount() < all->size());
    for (int row = 0; row < list->rowCount(); ++row)
        QVERIFY(list->index(row, 0).data().toString().contains(firewall->summary.policy.displayName, Qt::CaseInsensitive));
    page->searchField()->clear();
    QCOMPARE(list->rowCount(), int(all->size()));

    // General, for each of the three: values from the stored JSON, read by the test.
    const QHash<QString, QString> technologyNames{{u"mdm"_s, u"MDM"_s}, {u"microsoftSense"_s, u"Defender for Endpoint"_s}};
    for (const auto& [picked, shot] : {std::pair{*baseline, u"policies_general_baseline"_s},
                                       std::pair{*firewall, u"policies_general_firewall"_s},
                                       std::pair{*plain, u"policies_general_settingscatalog"_s}}) {
        page->tabs()->setCurrentIndex(0);
        page->selectPolicy(picked.summary.policy.id);
        QTRY_COMPARE(page->generalValue(u"name"_s)->text(), picked.content.value(u"name"_s).toString());
        QTRY_VERIFY(!page->isLoading());
        const QString description = picked.content.value(u"description"_s).toString();
        QCOMPARE(page->generalValue(u"description"_s)->text(), description.isEmpty() ? u"No description"_s : description);
        QStringList technologies;
        for (const QString& t : picked.content.value(u"technologies"_s).toString().split(u',', Qt::SkipEmptyParts))
            technologies << technologyNames.value(t, t);
        QCOMPARE(page->generalValue(u"technologies"_s)->text(), technologies.join(u" · "_s));
        QCOMPARE(page->generalValue(u"platforms"_s)->text(), u"Windows 10 and later"_s);
        const QString templateId = picked.content.value(u"templateReference"_s).toObject().value(u"templateId"_s).toString();
        if (templateId.isEmpty())
            QCOMPARE(page->generalValue(u"template"_s)->text(), u"None (not made from a template)"_s);
        else
            QVERIFY2(page->generalValue(u"template"_s)->text().endsWith(u"(id %1)"_s.arg(templateId)),
                     qPrintable(page->generalValue(u"template"_s)->text()));
        QCOMPARE(page->generalValue(u"scopeTags"_s)->text(), u"Default"_s);
        QCOMPARE(page->generalValue(u"created"_s)->text(), localText(picked.content.value(u"createdDateTime"_s).toString()));
        QCOMPARE(page->generalValue(u"modified"_s)->text(), localText(picked.content.value(u"lastModifiedDateTime"_s).toString()));
        QVERIFY(page->generalValue(u"modified"_s)->toolTip().endsWith(u'Z'));
        QVERIFY(pv::test::saveScreenshots(&window, shot));
    }
    // The baseline and the firewall policy come from templates, the plain one's type reads so.
    QVERIFY(!baseline->content.value(u"templateReference"_s).toObject().value(u"templateId"_s).toString().isEmpty());

    // Settings of the firewall policy: records with badges; the search keeps matches and
    // their ancestors (greyed), and finds a rule by its name.
    page->selectPolicy(firewall->summary.policy.id);
    page->tabs()->setCurrentIndex(1);
    const PolicySettingsModel* settings = page->settingsModel();
    QTRY_VERIFY(settings->rowCount() > 0 && !page->isLoading());
    const int total = settings->totalRows();
    QCOMPARE(settings->rowCount(), total);
    QString ruleName;
    int records = 0;
    for (int row = 0; row < settings->rowCount(); ++row) {
        const normalize::SettingRow& r = settings->settingRow(row);
        if (!r.record)
            continue;
        ++records;
        QVERIFY(!settings->index(row, int(PolicySettingsModel::Column::Badges)).data().toString().isEmpty());
        if (ruleName.isEmpty())
            ruleName = r.record->name;
    }
    QVERIFY(records > 0 && !ruleName.isEmpty());
    QVERIFY(pv::test::saveScreenshots(&window, u"policies_settings_firewall"_s));
    page->settingsSearchField()->setText(ruleName);
    QTRY_COMPARE(settings->filterText(), ruleName);
    QVERIFY(settings->rowCount() > 0 && settings->rowCount() < total);
    bool recordShown = false;
    bool collectionShown = false;
    for (int row = 0; row < settings->rowCount(); ++row) {
        const normalize::SettingRow& r = settings->settingRow(row);
        const bool ancestorOnly = settings->index(row, 0).data(PolicySettingsModel::AncestorOnlyRole).toBool();
        if (r.record && r.record->name == ruleName)
            recordShown = true;
        if (!ancestorOnly)
            QVERIFY2(QString(r.setting + r.value + r.definitionId + r.description + PolicySettingsModel::badgesText(r)).contains(ruleName, Qt::CaseInsensitive),
                     qPrintable(r.rowKey));
        else
            collectionShown = r.depth == 0 && r.kind == normalize::SettingRow::Kind::Collection;   // the rules above the rule
    }
    QVERIFY(recordShown);
    QVERIFY(collectionShown);
    // Copy rows: the selected rows as tab-separated text.
    auto* settingsView = page->findChild<QTableView*>(u"settingsTable"_s);
    settingsView->selectAll();
    page->findChild<QAction*>(u"copySettingsRows"_s)->trigger();
    const QStringList copied = QGuiApplication::clipboard()->text().split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(copied.size(), settings->rowCount());
    for (int row = 0; row < settings->rowCount(); ++row) {
        const QStringList cells = copied.at(row).split(u'\t');
        QCOMPARE(cells.size(), 4);
        QCOMPARE(cells.at(1).trimmed(), settings->settingRow(row).setting);
        QCOMPARE(cells.at(2), settings->settingRow(row).value);
    }
    QVERIFY(pv::test::saveScreenshots(&window, u"policies_settings_search"_s));
    page->settingsSearchField()->clear();
    QTRY_COMPARE(settings->rowCount(), total);

    // JSON: the stored canonical JSON, searchable.
    page->tabs()->setCurrentIndex(2);
    QCOMPARE(QJsonDocument::fromJson(page->jsonView()->toPlainText().toUtf8()).object(), firewall->content);
    page->jsonSearchField()->setText(ruleName);
    QCOMPARE(page->jsonView()->textCursor().selectedText(), ruleName);
    QVERIFY(pv::test::saveScreenshots(&window, u"policies_json"_s));

    // Versions: an admin edits settings in the portal; after a second backup the page lists two
    // versions of an edited policy and their setting-level difference.
    env.graph().sim().sim(u"mutate"_s, QJsonObject{{u"seed"_s, 5}, {u"policies"_s, 6}, {u"settings"_s, 6}, {u"assignments"_s, 0}});
    auto second = env.backup();
    QVERIFY(second);
    QCOMPARE(second->status, RunStatus::Succeeded);
    auto after = catalog.list(env.scope(), QString(), false);
    QVERIFY(after);
    std::optional<PolicySummary> edited;
    QList<normalize::RowChange> expected;
    for (const PolicySummary& s : after.value()) {
        if (s.versionCount != 2)
            continue;
        auto versions = env.snapshots().policyVersions(env.scope(), s.policy.id);
        QVERIFY(versions && versions->size() == 2);
        auto oldRows = normalize::versionRows(env.snapshots(), catalog, env.scope(), versions->at(0).id);
        auto newRows = normalize::versionRows(env.snapshots(), catalog, env.scope(), versions->at(1).id);
        QVERIFY(oldRows && newRows);
        const QList<normalize::RowChange> changes = normalize::diffRows(oldRows.value(), newRows.value());
        if (!edited || (expected.isEmpty() && !changes.isEmpty())) {
            edited = s;
            expected = changes;
        }
    }
    QVERIFY2(edited && !expected.isEmpty(), "no policy's settings changed in graphsim's mutation");
    QTRY_VERIFY(!page->isLoading());
    page->selectPolicy(edited->policy.id);
    page->tabs()->setCurrentIndex(3);
    QTRY_COMPARE(page->versionsTable()->rowCount(), 2);
    QTRY_VERIFY(!page->isLoading());
    QCOMPARE(page->diffFrom()->currentIndex(), 0);
    QCOMPARE(page->diffTo()->currentIndex(), 1);
    QTRY_COMPARE(page->diffTable()->rowCount(), int(expected.size()));
    QCOMPARE(page->diffTable()->item(0, 1)->text().trimmed(), expected.first().row().setting);
    QCOMPARE(page->diffTable()->item(0, 3)->text(), expected.first().kind == normalize::RowChange::Kind::Removed
                                                        ? QString() : expected.first().newValue());
    QVERIFY2(page->diffSummary()->text().startsWith(QString::number(expected.size()) + u" change"_s), qPrintable(page->diffSummary()->text()));
    QVERIFY(pv::test::saveScreenshots(&window, u"policies_versions"_s));
    // The same version on both sides: nothing changed.
    page->diffFrom()->setCurrentIndex(1);
    QTRY_COMPARE(page->diffSummary()->text(), u"No setting changed"_s);
    QCOMPARE(page->diffTable()->rowCount(), 0);
    QCOMPARE(env.graph().writes(), 0);
}

QTEST_MAIN(TestPoliciesPage)
#include "tst_policiespage.moc"
