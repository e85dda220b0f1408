// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// "Open Demo Tenant" in the window: the empty page's button and the File menu run the demo
// set-up (the real graphsim, started in the background) off the GUI thread and select the
// simulated tenant; a failure shows in the banner and loses nothing.
#include "core/demo/DemoServer.h"
#include "core/demo/DemoTenant.h"
#include "core/runs/AccessGate.h"
#include "core/runs/ProcessInfo.h"
#include "core/runs/RunService.h"
#include "core/runs/TenantService.h"
#include "core/secrets/InMemorySecretStore.h"
#include "core/store/Database.h"
#include "core/store/TenantRepository.h"
#include "tests/ui/UiTestSupport.h"
#include "ui/BannerNotifier.h"
#include "ui/DemoTenantAction.h"
#include "ui/MainWindow.h"
#include "ui/MessageWidget.h"

#include <QAction>
#include <QComboBox>
#include <QPushButton>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace pv;
using namespace pv::ui;
using namespace Qt::StringLiterals;

class TestDemoTenant final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();
    void withoutSetupTheDemoIsHidden();
    void emptyWindowOpensTheDemoTenant();
    void menuOpensItAgainWithoutASecondTenant();
    void failureShowsInTheBanner();

private:
    /// An empty store with everything the window needs.
    struct EmptyStore
    {
        QTemporaryDir dir;
        std::shared_ptr<Database> database;
        std::unique_ptr<RunService> runs;
        std::unique_ptr<AccessGate> gate;
        std::unique_ptr<TenantRepository> tenants;
        InMemorySecretStore secrets;
        std::unique_ptr<TenantService> tenantService;

        EmptyStore()
        {
            auto opened = Database::open(Database::Options{dir.filePath(u"store.db"_s)});
            if (!opened)
                return;
            database = opened.value();
            runs = std::make_unique<RunService>(database);
            gate = std::make_unique<AccessGate>(database);
            tenants = std::make_unique<TenantRepository>(database);
            tenantService = std::make_unique<TenantService>(database, *runs, secrets);
        }
        QString dataDir() const { return dir.path(); }
        MainWindow::Services services(Notifier& notifier)
        {
            MainWindow::Services services{*runs, *gate, *tenants, notifier, nullptr, tenantService.get()};
            services.openDemoTenant = [this]() -> Result<TenantRecord> {
                auto setup = DemoTenant::ensure(dataDir(), *tenantService, *tenants, secrets);
                if (!setup)
                    return setup.failure();
                return setup->tenant;
            };
            return services;
        }
    };

    std::unique_ptr<EmptyStore> m_store;
};

void TestDemoTenant::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    pv::test::initUiTestStyle();
    // A graphsim a crashed test leaves behind ends by itself.
    qputenv("POLICYVAULT_DEMO_IDLE_EXIT_S", "90");
}

void TestDemoTenant::cleanup()
{
    if (!m_store)
        return;
    if (auto running = DemoServer::running(m_store->dataDir())) {
        const qint64 pid = running->pid;
        QVERIFY(DemoServer::stop(m_store->dataDir()).ok());
        QVERIFY(!isProcessAlive(ProcessIdentity{pid, 0, {}}));
    }
    m_store.reset();
}

void TestDemoTenant::withoutSetupTheDemoIsHidden()
{
    m_store = std::make_unique<EmptyStore>();
    QVERIFY(m_store->database);
    BannerNotifier notifier;
    MainWindow window({*m_store->runs, *m_store->gate, *m_store->tenants, notifier, nullptr, m_store->tenantService.get()});
    window.show();
    QVERIFY(pv::test::waitForWindowLoaded(window));
    QVERIFY(window.findChild<QPushButton*>(u"noTenantAddButton"_s)->isVisible());
    QVERIFY(!window.findChild<QPushButton*>(u"noTenantDemoButton"_s)->isVisible());
    QVERIFY(!window.findChild<QAction*>(u"actionOpenDemoTenant"_s)->isVisible());
    QCOMPARE(window.demoTenantAction(), nullptr);
}

void TestDemoTenant::emptyWindowOpensTheDemoTenant()
{
    m_store = std::make_unique<EmptyStore>();
    QVERIFY(m_store->database);
    BannerNotifier notifier;
    MainWindow window(m_store->services(notifier));
    window.resize(1000, 600);
    window.show();
    QVERIFY(pv::test::waitForWindowLoaded(window));
    auto* button = window.findChild<QPushButton*>(u"noTenantDemoButton"_s);
    QVERIFY(button->isVisible());
    QVERIFY(pv::test::saveScreenshots(&window, u"mainwindow_no_tenant_demo"_s));

    QTest::mouseClick(button, Qt::LeftButton);
    QVERIFY(window.demoTenantAction()->isBusy());   // off the GUI thread: the click returned at once
    QVERIFY(!button->isEnabled());
    // graphsim generates its keys on first start: a generous limit, not a pause.
    auto* combo = window.findChild<QComboBox*>(u"tenantCombo"_s);
    QTRY_VERIFY_WITH_TIMEOUT(combo->currentText() == u"demo"_s, 60000);
    QTRY_VERIFY(!window.demoTenantAction()->isBusy());
    QCOMPARE(window.statusBar()->currentMessage(), u"The demo tenant demo is ready."_s);
    const TenantRecord stored = m_store->tenants->byName(u"demo"_s).value();
    QVERIFY(stored.simulated);
    QCOMPARE(window.currentTenantId(), stored.id);
    auto running = DemoServer::running(m_store->dataDir());
    QVERIFY(running.ok());
    QCOMPARE(stored.graphUrl, running->httpsUrl.toString());
    QCOMPARE(m_store->secrets.read(SecretStore::key(stored.uuid, SecretKind::ClientSecret)).value(), running->clientSecret);
}

void TestDemoTenant::menuOpensItAgainWithoutASecondTenant()
{
    m_store = std::make_unique<EmptyStore>();
    QVERIFY(m_store->database);
    BannerNotifier notifier;
    MainWindow window(m_store->services(notifier));
    window.show();
    QVERIFY(pv::test::waitForWindowLoaded(window));
    QAction* open = window.findChild<QAction*>(u"actionOpenDemoTenant"_s);
    QVERIFY(open->isVisible() && open->isEnabled());
    open->trigger();
    auto* combo = window.findChild<QComboBox*>(u"tenantCombo"_s);
    QTRY_VERIFY_WITH_TIMEOUT(combo->currentText() == u"demo"_s, 60000);
    QTRY_VERIFY(open->isEnabled());
    open->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(!window.demoTenantAction()->isBusy(), 60000);
    QCOMPARE(combo->count(), 1);
    QCOMPARE(m_store->tenants->list()->size(), 1);
    QCOMPARE(combo->currentText(), u"demo"_s);
}

void TestDemoTenant::failureShowsInTheBanner()
{
    m_store = std::make_unique<EmptyStore>();
    QVERIFY(m_store->database);
    BannerNotifier notifier;
    MainWindow::Services services = m_store->services(notifier);
    services.openDemoTenant = []() -> Result<TenantRecord> {
        return fail(ErrorCode::Unsupported, u"graphsim, which serves the demo tenant, was not found"_s);
    };
    MainWindow window(services);
    window.show();
    QVERIFY(pv::test::waitForWindowLoaded(window));
    auto* button = window.findChild<QPushButton*>(u"noTenantDemoButton"_s);
    QTest::mouseClick(button, Qt::LeftButton);
    auto* message = window.findChild<MessageWidget*>(u"windowMessage"_s);
    QTRY_VERIFY(message->isVisible());
    QCOMPARE(message->type(), MessageWidget::Type::Error);
    QVERIFY2(message->text().contains(u"graphsim, which serves the demo tenant, was not found"_s), qPrintable(message->text()));
    QVERIFY(button->isEnabled());
    QCOMPARE(m_store->tenants->list()->size(), 0);
}

QTEST_MAIN(TestDemoTenant)
#include "tst_demotenant.moc"
