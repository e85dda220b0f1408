// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "tests/ui/UiTestSupport.h"
#include "ui/MessageWidget.h"
#include "ui/TenantDialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace pv;
using namespace pv::ui;
using namespace Qt::StringLiterals;

class TestTenantDialog final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void emptyFormSaysNothingAndCannotAdd();
    void typedFormIsAdded();
    void endpoints_data();
    void endpoints();
    void storeErrorIsShownAndFormStaysEditable();

private:
    template<typename T>
    static T* child(QWidget& parent, const char* name)
    {
        return parent.findChild<T*>(QLatin1String(name));
    }
    static void fillRequired(TenantDialog& dialog);
};

void TestTenantDialog::initTestCase()
{
    pv::test::initUiTestStyle();
}

void TestTenantDialog::fillRequired(TenantDialog& dialog)
{
    QTest::keyClicks(child<QLineEdit>(dialog, "tenantNameEdit"), u"  Contoso Production "_s);
    QTest::keyClicks(child<QLineEdit>(dialog, "tenantIdEdit"), u"contoso.onmicrosoft.com"_s);
    QTest::keyClicks(child<QLineEdit>(dialog, "clientIdEdit"), u"11111111-2222-3333-4444-555555555555"_s);
}

void TestTenantDialog::emptyFormSaysNothingAndCannotAdd()
{
    TenantDialog dialog;
    dialog.show();
    auto* add = child<QPushButton>(dialog, "addTenantButton");
    QVERIFY(!add->isEnabled());
    auto* hint = child<QLabel>(dialog, "tenantDialogHint");
    QCOMPARE(hint->text(), QString());   // an empty form is not an error
    QVERIFY(!child<MessageWidget>(dialog, "tenantDialogMessage")->isVisible());
    QVERIFY(pv::test::saveScreenshots(&dialog, u"tenantdialog_empty"_s));

    const int height = dialog.height();
    QTest::keyClicks(child<QLineEdit>(dialog, "tenantNameEdit"), u"Contoso"_s);
    QVERIFY2(hint->text().contains(u"tenant ID"_s), qPrintable(hint->text()));
    QVERIFY(!add->isEnabled());
    QCOMPARE(dialog.height(), height);   // the hint has its space already: nothing jumps
}

void TestTenantDialog::typedFormIsAdded()
{
    TenantDialog dialog;
    dialog.show();
    QSignalSpy submitted(&dialog, &TenantDialog::submitted);
    fillRequired(dialog);
    auto* cloud = child<QComboBox>(dialog, "cloudCombo");
    cloud->setCurrentIndex(cloud->findData(u"usgov"_s));
    auto* auth = child<QComboBox>(dialog, "authMethodCombo");
    auth->setCurrentIndex(auth->findData(u"certificate"_s));
    child<QCheckBox>(dialog, "readOnlyCheck")->setChecked(true);
    // Certificate sign-in needs the certificate's file, and it must exist.
    QCOMPARE(dialog.problem(), u"Choose the certificate file (PEM or PFX) registered on the app."_s);
    const QString certificate = QStringLiteral(PV_TEST_DATA_DIR "/graph/README.md");
    child<QLineEdit>(dialog, "certificateFileEdit")->setText(certificate + u".missing"_s);
    QVERIFY(dialog.problem().startsWith(u"The certificate file"_s));
    child<QLineEdit>(dialog, "certificateFileEdit")->setText(certificate);
    QVERIFY(dialog.problem().isEmpty());
    QCOMPARE(child<QLabel>(dialog, "tenantDialogHint")->text(), QString());
    QVERIFY(!child<MessageWidget>(dialog, "tenantDialogMessage")->isVisible());
    QVERIFY(pv::test::saveScreenshots(&dialog, u"tenantdialog_filled"_s));

    auto* add = child<QPushButton>(dialog, "addTenantButton");
    QVERIFY(add->isEnabled());
    QTest::mouseClick(add, Qt::LeftButton);
    QCOMPARE(submitted.count(), 1);
    const auto tenant = submitted.at(0).at(0).value<TenantRecord>();
    QCOMPARE(tenant.name, u"Contoso Production"_s);   // trimmed
    QCOMPARE(tenant.entraTenantId, u"contoso.onmicrosoft.com"_s);
    QCOMPARE(tenant.clientId, u"11111111-2222-3333-4444-555555555555"_s);
    QCOMPARE(tenant.cloud, u"usgov"_s);
    QCOMPARE(tenant.authMethod, u"certificate"_s);
    QCOMPARE(tenant.certificatePath, certificate);
    QVERIFY(tenant.readOnly);
    QVERIFY(tenant.graphUrl.isEmpty() && tenant.authorityUrl.isEmpty());
    // Busy while the caller writes it: no second submission.
    QVERIFY(!add->isEnabled());
    QVERIFY(!child<QLineEdit>(dialog, "tenantNameEdit")->isEnabled());
    QTest::keyClick(&dialog, Qt::Key_Return);
    QCOMPARE(submitted.count(), 1);
    QVERIFY(dialog.isVisible());
}

void TestTenantDialog::endpoints_data()
{
    QTest::addColumn<QString>("graph");
    QTest::addColumn<QString>("authority");
    QTest::addColumn<bool>("ok");
    QTest::addRow("https both") << u"https://graph.contoso.test"_s << u"https://login.contoso.test"_s << true;
    QTest::addRow("loopback http") << u"http://127.0.0.1:8443"_s << u"http://localhost:8443"_s << true;
    QTest::addRow("ipv6 loopback") << u"http://[::1]:8443"_s << u"https://login.contoso.test"_s << true;
    QTest::addRow("graph only") << u"https://graph.contoso.test"_s << QString() << false;
    QTest::addRow("remote http") << u"http://graph.contoso.test"_s << u"https://login.contoso.test"_s << false;
    QTest::addRow("127 as a name") << u"http://127.0.0.1.evil.test"_s << u"https://login.contoso.test"_s << false;
    QTest::addRow("not a url") << u"graph"_s << u"login"_s << false;
}

void TestTenantDialog::endpoints()
{
    QFETCH(QString, graph);
    QFETCH(QString, authority);
    QFETCH(bool, ok);
    TenantDialog dialog;
    dialog.show();
    fillRequired(dialog);
    child<QGroupBox>(dialog, "customEndpointsBox")->setChecked(true);
    QTest::keyClicks(child<QLineEdit>(dialog, "graphUrlEdit"), graph);
    QTest::keyClicks(child<QLineEdit>(dialog, "authorityUrlEdit"), authority);
    QCOMPARE(dialog.problem().isEmpty(), ok);
    QCOMPARE(child<QPushButton>(dialog, "addTenantButton")->isEnabled(), ok);
    QCOMPARE(child<QLabel>(dialog, "tenantDialogHint")->text().isEmpty(), ok);
    if (ok) {
        QCOMPARE(dialog.tenant().graphUrl, graph);
        QCOMPARE(dialog.tenant().authorityUrl, authority);
    }
    // Unticked, the endpoints are not used at all.
    child<QGroupBox>(dialog, "customEndpointsBox")->setChecked(false);
    QVERIFY(dialog.problem().isEmpty());
    QVERIFY(dialog.tenant().graphUrl.isEmpty());
}

void TestTenantDialog::storeErrorIsShownAndFormStaysEditable()
{
    TenantDialog dialog;
    dialog.show();
    QSignalSpy submitted(&dialog, &TenantDialog::submitted);
    fillRequired(dialog);
    QTest::mouseClick(child<QPushButton>(dialog, "addTenantButton"), Qt::LeftButton);
    QCOMPARE(submitted.count(), 1);
    dialog.showError(u"A tenant named \"Contoso Production\" already exists."_s);
    auto* message = child<MessageWidget>(dialog, "tenantDialogMessage");
    QVERIFY(message->isVisible());
    QCOMPARE(message->type(), MessageWidget::Type::Error);
    QVERIFY(child<QLineEdit>(dialog, "tenantNameEdit")->isEnabled());
    QVERIFY(child<QPushButton>(dialog, "addTenantButton")->isEnabled());
    QVERIFY(pv::test::saveScreenshots(&dialog, u"tenantdialog_error"_s));
    // Typing keeps the store's answer visible until the next attempt.
    QTest::keyClicks(child<QLineEdit>(dialog, "tenantNameEdit"), u" 2"_s);
    QCOMPARE(message->type(), MessageWidget::Type::Error);
    QTest::mouseClick(child<QPushButton>(dialog, "addTenantButton"), Qt::LeftButton);
    QCOMPARE(submitted.count(), 2);
    QVERIFY(!message->isVisible());
}

QTEST_MAIN(TestTenantDialog)
#include "tst_tenantdialog.moc"
