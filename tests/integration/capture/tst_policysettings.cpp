// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// The Settings tab over graphsim's small tenant captured with the real capture kind: the
// category filter (combo of the categories present), search hits painted by the highlight
// delegate, ancestors of a match greyed, firewall badges painted as chips, Ctrl+C copying the
// selected rows. What is painted is checked on the grabbed pixels. Screenshots in
// build/test-artifacts/ui/.
#include "PolicyBrowserFixture.h"

#include "core/normalize/SnapshotDefinitions.h"
#include "ui/PoliciesModel.h"
#include "ui/PolicySettingsModel.h"
#include "ui/PolicySettingsTab.h"
#include "ui/SettingsHighlightDelegate.h"
#include "ui/Theme.h"

#include <QClipboard>
#include <QComboBox>
#include <QGuiApplication>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QSet>
#include <QTabWidget>
#include <QTableView>
#include <QTest>

using namespace pv;
using namespace pv::ui;
using namespace Qt::StringLiterals;

class TestPolicySettings final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void categoryFilter();
    void searchHighlightsHits();
    void firewallChipsAndCopy();

private:
    /// Selects the policy, shows the Settings tab and waits until its rows are in.
    void show(const PolicySummary& policy);

    std::unique_ptr<PolicyBrowserFixture> f;
    PoliciesPage* page = nullptr;
    std::optional<PolicySummary> multiCategory;   ///< a settings-catalog policy with rows of 2+ categories
    std::optional<PolicySummary> firewall;
};

void TestPolicySettings::initTestCase()
{
    pv::test::initUiTestStyle();
    f = std::make_unique<PolicyBrowserFixture>();
    QString error;
    QVERIFY2(f->captureTenant(&error), qPrintable(error));
    const PolicyCatalog catalog(f->env.database());
    for (const PolicySummary& s : f->policies()) {
        const QByteArray json = QJsonDocument(f->content(s)).toJson(QJsonDocument::Compact);
        if (!firewall && json.contains("mdmstore_firewallrules_{firewallrulename}\""))
            firewall = s;
        if (!multiCategory && s.policy.typeKey == u"settingsCatalog"_s) {
            auto rows = normalize::versionRows(f->env.snapshots(), catalog, f->env.scope(), s.latestVersionId);
            QVERIFY(rows);
            QSet<QString> categories;
            for (const normalize::SettingRow& r : rows.value())
                categories.insert(r.category);
            if (categories.size() >= 2)
                multiCategory = s;
        }
    }
    QVERIFY2(firewall && multiCategory, "graphsim's small tenant lacks a firewall policy or a multi-category policy");
    page = f->openWindow();
    QVERIFY(page);
    QTRY_VERIFY_WITH_TIMEOUT(page->model()->rowCount() > 0, 10000);
    QTRY_VERIFY(!page->isLoading());
}

void TestPolicySettings::show(const PolicySummary& policy)
{
    page->selectPolicy(policy.policy.id);
    page->tabs()->setCurrentWidget(page->settingsTab());
    QTRY_COMPARE(page->generalValue(u"name"_s)->text(), f->content(policy).value(u"name"_s).toString());
    QTRY_VERIFY(!page->isLoading());
}

void TestPolicySettings::categoryFilter()
{
    show(*multiCategory);
    PolicySettingsTab* tab = page->settingsTab();
    const PolicySettingsModel* model = tab->model();
    QComboBox* combo = tab->categoryFilter();
    // The combo lists exactly the categories of the rows (plus "All categories").
    QSet<QString> present;
    for (int row = 0; row < model->rowCount(); ++row)
        present.insert(model->settingRow(row).category);
    QCOMPARE(combo->count(), int(present.size()) + 1);
    QVERIFY(combo->isEnabled());
    QCOMPARE(combo->itemData(0).toString(), QString());
    const QString category = combo->itemData(2).toString();
    QVERIFY(present.contains(category));
    const QString leaf = category.section(u" > "_s, -1);
    QVERIFY2(combo->itemText(2) == leaf || (combo->itemText(2).endsWith(u'…') && leaf.startsWith(combo->itemText(2).chopped(1))),
             qPrintable(combo->itemText(2)));
    QCOMPARE(combo->itemData(2, Qt::ToolTipRole).toString(), category);
    int expected = 0;
    for (int row = 0; row < model->rowCount(); ++row)
        expected += model->settingRow(row).category == category ? 1 : 0;
    const int total = model->rowCount();
    combo->setCurrentIndex(2);
    QCOMPARE(model->categoryFilter(), category);
    int matches = 0;
    for (int row = 0; row < model->rowCount(); ++row) {
        const bool ancestor = model->index(row, 0).data(PolicySettingsModel::AncestorOnlyRole).toBool();
        if (!ancestor) {
            QCOMPARE(model->settingRow(row).category, category);
            ++matches;
        }
    }
    QCOMPARE(matches, expected);
    QVERIFY(model->rowCount() < total);
    QCOMPARE(tab->countLabel()->text(), u"%1 of %2 rows"_s.arg(model->rowCount()).arg(total));
    QVERIFY(pv::test::saveScreenshots(f->window.get(), u"policies_settings_category"_s));
    combo->setCurrentIndex(0);
    QCOMPARE(model->rowCount(), total);
}

void TestPolicySettings::searchHighlightsHits()
{
    show(*firewall);
    PolicySettingsTab* tab = page->settingsTab();
    const PolicySettingsModel* model = tab->model();
    QTableView* view = tab->view();
    const QColor hit = SettingsHighlightDelegate::hitColor(view->palette());
    QCOMPARE(pixelsOfColor(view->viewport(), hit), 0);   // nothing marked without a search
    // A value word that occurs in child rows (the protocol), so its ancestors show greyed.
    const QString needle = u"UDP"_s;
    QTest::keyClicks(tab->searchField(), needle);
    QTRY_COMPARE(model->filterText(), needle);   // after the debounce
    QVERIFY(model->rowCount() > 0 && model->rowCount() < model->totalRows());
    int ancestors = 0;
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex index = model->index(row, int(PolicySettingsModel::Column::Setting));
        if (index.data(PolicySettingsModel::AncestorOnlyRole).toBool()) {
            ++ancestors;
            QVERIFY(index.data(Qt::ForegroundRole).value<QColor>() != view->palette().color(QPalette::Text));
        }
    }
    QVERIFY(ancestors > 0);
    // The hits are painted: amber pixels in the value column of a matching row, none in a row
    // shown only as an ancestor.
    view->clearSelection();
    view->setCurrentIndex(QModelIndex());
    int matchRow = -1;
    int ancestorRow = -1;
    for (int row = 0; row < model->rowCount() && (matchRow < 0 || ancestorRow < 0); ++row) {
        const QModelIndex value = model->index(row, int(PolicySettingsModel::Column::Value));
        if (matchRow < 0 && value.data().toString().contains(needle))
            matchRow = row;
        if (ancestorRow < 0 && value.data(PolicySettingsModel::AncestorOnlyRole).toBool()
            && !value.data().toString().contains(needle, Qt::CaseInsensitive)
            && !model->index(row, int(PolicySettingsModel::Column::Setting)).data().toString().contains(needle, Qt::CaseInsensitive))
            ancestorRow = row;
    }
    QVERIFY(matchRow >= 0 && ancestorRow >= 0);
    view->scrollTo(model->index(matchRow, 0));
    const QRect matchRect = view->visualRect(model->index(matchRow, int(PolicySettingsModel::Column::Value)));
    QVERIFY(pixelsOfColor(view->viewport(), hit, matchRect) > 20);
    view->scrollTo(model->index(ancestorRow, 0));
    const QRect ancestorRect = view->visualRect(model->index(ancestorRow, int(PolicySettingsModel::Column::Value)));
    QCOMPARE(pixelsOfColor(view->viewport(), hit, ancestorRect), 0);
    // The delegate finds every hit, case-insensitively.
    QCOMPARE(SettingsHighlightDelegate::hits(u"udp, UDP and Udp"_s, u"udp"_s),
             (QList<QPair<int, int>>{{0, 3}, {5, 3}, {13, 3}}));
    view->scrollToTop();
    QVERIFY(pv::test::saveScreenshots(f->window.get(), u"policies_settings_highlight"_s));
    // Dark palette: the hit colour follows it.
    view->setPalette(pv::ui::darkPalette());
    view->scrollTo(model->index(matchRow, 0));
    QVERIFY(pixelsOfColor(view->viewport(), SettingsHighlightDelegate::hitColor(pv::ui::darkPalette()),
                          view->visualRect(model->index(matchRow, int(PolicySettingsModel::Column::Value)))) > 20);
    view->setPalette(QPalette());
    tab->searchField()->clear();
    tab->applySearchNow();
    QCOMPARE(model->rowCount(), model->totalRows());
}

void TestPolicySettings::firewallChipsAndCopy()
{
    show(*firewall);
    PolicySettingsTab* tab = page->settingsTab();
    const PolicySettingsModel* model = tab->model();
    QTableView* view = tab->view();
    // Badges are chips: the profile chip colour in a rule's badges cell, text rendering aside.
    int ruleRow = -1;
    for (int row = 0; row < model->rowCount() && ruleRow < 0; ++row) {
        if (model->settingRow(row).record && !model->settingRow(row).record->profiles.isEmpty())
            ruleRow = row;
    }
    QVERIFY(ruleRow >= 0);
    const normalize::FirewallRecord& rule = *model->settingRow(ruleRow).record;
    QCOMPARE(model->index(ruleRow, 0).data(PolicySettingsModel::ProfilesRole).toStringList(), rule.profiles);
    QCOMPARE(model->index(ruleRow, 0).data(PolicySettingsModel::InterfacesRole).toStringList(), rule.interfaces);
    view->scrollTo(model->index(ruleRow, 0));
    view->horizontalHeader()->resizeSection(int(PolicySettingsModel::Column::Setting), 160);
    view->horizontalHeader()->resizeSection(int(PolicySettingsModel::Column::Value), 160);
    const QRect badges = view->visualRect(model->index(ruleRow, int(PolicySettingsModel::Column::Badges)));
    QVERIFY(badges.width() > 80);
    QVERIFY2(pixelsOfColor(view->viewport(), QColor(0xdb, 0xe9, 0xfb), badges) > 50, "no profile chip painted");
    if (!rule.interfaces.isEmpty())
        QVERIFY2(pixelsOfColor(view->viewport(), QColor(0xdc, 0xf2, 0xe2), badges) > 50, "no interface chip painted");
    // A plain setting row has no chips.
    const QRect plain = view->visualRect(model->index(ruleRow + 1, int(PolicySettingsModel::Column::Badges)));
    QCOMPARE(pixelsOfColor(view->viewport(), QColor(0xdb, 0xe9, 0xfb), plain), 0);
    QVERIFY(pv::test::saveScreenshots(f->window.get(), u"policies_settings_chips"_s));

    // Ctrl+C copies the selected rows (the rule and its children) as tab-separated text.
    f->window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(f->window.get()));
    view->setFocus();
    view->clearSelection();
    view->selectionModel()->select(QItemSelection(model->index(ruleRow, 0), model->index(ruleRow + 2, 0)),
                                   QItemSelectionModel::Select | QItemSelectionModel::Rows);
    QGuiApplication::clipboard()->clear();
    QTest::keyClick(view, Qt::Key_C, Qt::ControlModifier);
    const QStringList lines = QGuiApplication::clipboard()->text().split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 3);
    const QStringList first = lines.first().split(u'\t');
    QCOMPARE(first.size(), 4);
    QCOMPARE(first.at(1).trimmed(), rule.name);
    QCOMPARE(first.at(2), rule.summary());
    QCOMPARE(first.at(3), PolicySettingsModel::badgesText(model->settingRow(ruleRow)));
    QCOMPARE(lines.at(1).split(u'\t').at(1).trimmed(), model->settingRow(ruleRow + 1).setting);
}

QTEST_MAIN(TestPolicySettings)
#include "tst_policysettings.moc"
