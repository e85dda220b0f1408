// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "bench/gui_stall/ClickUnderLock.h"

#include "core/runs/AccessGate.h"
#include "core/runs/RunService.h"
#include "core/store/Database.h"
#include "core/store/TenantRepository.h"
#include "tests/testutils/TestJob.h"
#include "ui/BannerNotifier.h"
#include "ui/MainWindow.h"
#include "ui/NotificationCentre.h"
#include "ui/NotificationsModel.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTextStream>
#include <QTimer>

#include <algorithm>
#include <cstdio>

int clickUnderLockBench(QApplication& app, const std::shared_ptr<pv::Database>& database, const pv::TenantScope& scope)
{
    pv::RunService runService(database);
    pv::test::registerTestJobKinds(runService);
    for (const QString& target : {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}) {
        if (!runService.start(scope, pv::RunRequest{QLatin1String(pv::test::TestKind), target, {}, QStringLiteral("bench")}))
            return 2;
    }
    runService.waitForIdle(std::chrono::minutes(1));

    const pv::AccessGate gate(database);
    const pv::TenantRepository tenants(database);
    pv::ui::BannerNotifier notifier;
    pv::ui::MainWindow window(pv::ui::MainWindow::Services{runService, gate, tenants, notifier});
    window.show();
    pv::ui::NotificationCentre* centre = window.notificationCentre();

    QSqlDatabase lock = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("bench-lock"));
    lock.setDatabaseName(database->path());

    QElapsedTimer clock;
    clock.start();
    qint64 lastTick = -1;
    qint64 maxGapNs = 0;
    bool measuring = false;
    QTimer heartbeat;
    heartbeat.setTimerType(Qt::PreciseTimer);
    heartbeat.setInterval(1);
    QObject::connect(&heartbeat, &QTimer::timeout, &app, [&] {
        const qint64 now = clock.nsecsElapsed();
        if (measuring && lastTick >= 0)
            maxGapNs = std::max(maxGapNs, now - lastTick);
        lastTick = now;
    });
    heartbeat.start();

    double clickMs = 0;
    double landedMs = 0;
    qint64 releasedAt = 0;
    QTimer driver;
    driver.setInterval(5);
    int phase = 0;
    QObject::connect(&driver, &QTimer::timeout, &app, [&] {
        switch (phase) {
        case 0:   // wait until the centre lists the three notifications
            if (centre->model()->rowCount() < 3 || centre->model()->isLoading())
                return;
            if (!lock.open() || !QSqlQuery(lock).exec(QStringLiteral("BEGIN IMMEDIATE"))) {
                QApplication::exit(2);
                return;
            }
            {
                QElapsedTimer click;
                click.start();
                centre->markAllRead();
                clickMs = double(click.nsecsElapsed()) / 1e6;
            }
            measuring = true;
            // Hold the lock for a second with the window live, then let go.
            QTimer::singleShot(1000, &app, [&] {
                measuring = false;
                QSqlQuery(lock).exec(QStringLiteral("COMMIT"));
                releasedAt = clock.nsecsElapsed();
                phase = 2;
            });
            phase = 1;
            return;
        case 1:
            return;
        case 2:
            if (centre->isWriting())
                return;
            landedMs = double(clock.nsecsElapsed() - releasedAt) / 1e6;
            QApplication::quit();
            return;
        }
    });
    driver.start();
    QTimer::singleShot(60 * 1000, &app, [] { QApplication::exit(3); });
    const int loop = QApplication::exec();
    lock.close();
    if (loop != 0)
        return loop;
    QTextStream(stdout) << QStringLiteral("click_ms=%1 gui_stall_max_ms_while_locked=%2 write_landed_after_release_ms=%3\n")
                               .arg(clickMs, 0, 'f', 2)
                               .arg(std::max(0.0, double(maxGapNs) / 1e6 - 1.0), 0, 'f', 1)
                               .arg(landedMs, 0, 'f', 1);
    return 0;
}
