// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

// The Policies page tests' set-up: graphsim's small tenant captured through the real capture
// kind over HTTPS, and a MainWindow on that store showing the Policies page.

#include "CaptureTestEnv.h"

#include "core/runs/AccessGate.h"
#include "core/store/PolicyCatalog.h"
#include "core/store/TenantRepository.h"
#include "tests/ui/UiTestSupport.h"
#include "ui/BannerNotifier.h"
#include "ui/MainWindow.h"
#include "ui/PoliciesPage.h"

#include <QImage>
#include <QJsonDocument>
#include <QWidget>

#include <memory>

struct PolicyBrowserFixture
{
    CaptureTestEnv env;
    std::unique_ptr<pv::AccessGate> gate;
    std::unique_ptr<pv::TenantRepository> tenants;
    pv::ui::BannerNotifier notifier;
    std::unique_ptr<pv::ui::MainWindow> window;

    PolicyBrowserFixture() : env(smallTenant()) {}

    static graphsim::SimOptions smallTenant()
    {
        graphsim::SimOptions options;
        options.tenantProfiles = {QStringLiteral("small")};
        return options;
    }

    /// Starts graphsim and the store, backs the tenant up once; false (with `error`) on failure.
    bool captureTenant(QString* error)
    {
        if (!env.start(error))
            return false;
        auto run = env.backup();
        if (!run || run->status != pv::RunStatus::Succeeded) {
            *error = QStringLiteral("the backup did not succeed");
            return false;
        }
        gate = std::make_unique<pv::AccessGate>(env.database());
        tenants = std::make_unique<pv::TenantRepository>(env.database());
        return true;
    }

    /// A (new) main window on the store, 1400 × 860, showing the Policies page of the tenant.
    pv::ui::PoliciesPage* openWindow(qint64 tenantId = 0)
    {
        window.reset();
        pv::ui::MainWindow::Services services{env.runs(), *gate, *tenants, notifier, nullptr, nullptr, &env.snapshots()};
        services.database = env.database();
        window = std::make_unique<pv::ui::MainWindow>(services);
        window->resize(1400, 860);
        window->show();
        if (!pv::test::waitForWindowLoaded(*window) || !window->selectTenant(tenantId > 0 ? tenantId : env.tenantId()))
            return nullptr;
        window->showPolicies();
        return window->policiesPage();
    }

    QList<pv::PolicySummary> policies()
    {
        auto all = pv::PolicyCatalog(env.database()).list(env.scope(), QString(), false);
        return all ? all.value() : QList<pv::PolicySummary>{};
    }

    QJsonObject content(const pv::PolicySummary& s)
    {
        auto c = env.snapshots().versionContent(env.scope(), s.latestVersionId);
        return c ? c.value() : QJsonObject{};
    }
};

/// Pixels of `widget` (grabbed as painted now) whose colour is `color` (exactly).
inline int pixelsOfColor(QWidget* widget, const QColor& color, const QRect& area = {})
{
    const QImage image = widget->grab(area.isNull() ? widget->rect() : area).toImage().convertToFormat(QImage::Format_RGB32);
    const QRgb wanted = color.rgb();
    int count = 0;
    for (int y = 0; y < image.height(); ++y) {
        const auto* line = reinterpret_cast<const QRgb*>(image.constScanLine(y));
        for (int x = 0; x < image.width(); ++x)
            count += (line[x] & 0xffffff) == (wanted & 0xffffff) ? 1 : 0;
    }
    return count;
}
