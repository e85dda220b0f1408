// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "tests/ui/UiTestSupport.h"

#include "core/runs/AccessGate.h"
#include "core/runs/RunService.h"
#include "core/runs/TenantService.h"
#include "core/secrets/InMemorySecretStore.h"
#include "core/store/TenantRepository.h"
#include "tests/testutils/TestJob.h"
#include "ui/MainWindow.h"
#include "ui/NotificationCentre.h"
#include "ui/NotificationsModel.h"
#include "ui/RunsModel.h"
#include "ui/RunsPage.h"
#include "ui/TenantSelector.h"
#include "ui/Theme.h"
#include "ui/Translations.h"

#include <QApplication>
#include <QDir>
#include <QFont>
#include <QPixmap>
#include <QSettings>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStyle>
#include <QStyleFactory>
#include <QTemporaryDir>
#include <QTest>
#include <QWidget>

namespace pv::test {

UiFixture::UiFixture(std::chrono::milliseconds recoveryInterval)
    : db(makeTestDatabase(QStringLiteral("Contoso")))
{
    if (!db.isValid())
        return;
    RunService::Options options;
    // Twice the production rate keeps the tests quick; the coalescing itself stays on.
    options.eventInterval = std::chrono::milliseconds(50);
    options.recoveryInterval = recoveryInterval;
    runs = std::make_unique<RunService>(db.database, options);
    registerTestJobKinds(*runs);
    gate = std::make_unique<AccessGate>(db.database);
    tenants = std::make_unique<TenantRepository>(db.database);
    secrets = std::make_unique<InMemorySecretStore>();
    tenantService = std::make_unique<TenantService>(db.database, *runs, *secrets);
    scope = enterTenant(db.database, db.tenantId);
}

UiFixture::~UiFixture()
{
    // Let workers finish before the database folder goes away; a test that failed half-way
    // may leave a long run behind: cancel it rather than wait for it.
    if (runs && scope) {
        if (auto all = runs->runs(*scope)) {
            for (const RunRecord& run : all.value()) {
                if (isActive(run.status))
                    (void)runs->cancel(*scope, run.id);
            }
        }
    }
    if (runs)
        runs->waitForIdle(std::chrono::seconds(30));
}

qint64 UiFixture::startTestRun(const QJsonObject& parameters, const QString& target)
{
    RunRequest request;
    request.kind = QLatin1String(TestKind);
    request.target = target;
    request.parameters = parameters;
    request.initiator = QStringLiteral("test");
    auto ref = runs->start(*scope, request);
    if (!ref) {
        qWarning("start failed: %s", qPrintable(ref.error().toString()));
        return 0;
    }
    return ref->runId;
}

RunRecord UiFixture::run(qint64 runId) const
{
    auto record = runs->run(*scope, runId);
    return record ? record.value() : RunRecord{};
}

ForeignWriteLock::ForeignWriteLock(const QString& databasePath)
    : m_connection(QStringLiteral("foreignWriteLock-%1").arg(quintptr(this)))
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
    db.setDatabaseName(databasePath);
    m_held = db.open() && QSqlQuery(db).exec(QStringLiteral("BEGIN IMMEDIATE"));
}

ForeignWriteLock::~ForeignWriteLock()
{
    release();
    QSqlDatabase::removeDatabase(m_connection);
}

void ForeignWriteLock::release()
{
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    if (m_held)
        QSqlQuery(db).exec(QStringLiteral("COMMIT"));
    m_held = false;
    db.close();
}

void RecordingTrayNotifier::showRunFinished(const QString& title, const QString& body, qint64 runId)
{
    setLastRunId(runId);
    messages.append({title, body, runId});
}

void RecordingTrayNotifier::showNotice(const QString& title, const QString& body)
{
    setLastRunId(0);
    messages.append({title, body, 0});
}

void initUiTestStyle()
{
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QApplication::setPalette(QApplication::style()->standardPalette());
    QFont font(QStringLiteral("DejaVu Sans"));
    font.setPointSize(9);
    QApplication::setFont(font);
    // As the app does: English plural forms ("1 item", "2 items") come from the translation.
    pv::ui::installTranslators(*QCoreApplication::instance());

    // QSettings() writes INI files under a folder of this test run (on every platform, so the
    // registry is not touched on Windows either).
    static QTemporaryDir settingsDir;
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, settingsDir.path());
    QSettings().clear();
}

bool waitForWindowLoaded(pv::ui::MainWindow& window)
{
    return QTest::qWaitFor(
        [&window] {
            return window.tenantSelector()->isLoaded() && !window.tenantSelector()->isLoading()
                   && !window.runsPage()->model()->isLoading() && !window.runsPage()->model()->isRefreshing()
                   && !window.notificationCentre()->model()->isLoading();
        },
        10000);
}

bool saveScreenshots(QWidget* widget, const QString& name)
{
    const QString dir = QStringLiteral(PV_TEST_ARTIFACTS_DIR "/ui");
    if (!QDir().mkpath(dir)) {
        qWarning("cannot create %s", qPrintable(dir));
        return false;
    }
    const qreal ratio = widget->devicePixelRatioF();
    const QString suffix = ratio >= 1.5 ? QStringLiteral("@%1x").arg(qRound(ratio)) : QString();

    bool ok = true;
    const auto save = [&](const QString& fileName) {
        // Layouts settle on the next event-loop turn (a label whose text just changed has not
        // been given its new width yet): grab what the user sees a moment later.
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
        const QPixmap pixmap = widget->grab();
        const QString path = dir + QLatin1Char('/') + fileName + suffix + QStringLiteral(".png");
        if (pixmap.isNull() || !pixmap.save(path)) {
            qWarning("cannot write %s", qPrintable(path));
            ok = false;
        }
    };
    save(name);

    // The widget's own palette propagates to its children at once (the application palette
    // would need an event loop turn); an empty palette afterwards inherits again.
    widget->setPalette(pv::ui::darkPalette());
    save(name + QStringLiteral("_dark"));
    widget->setPalette(QPalette());
    return ok;
}

} // namespace pv::test
