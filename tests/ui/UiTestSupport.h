// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/common/TenantScope.h"
#include "core/runs/RunTypes.h"
#include "tests/testutils/TestDatabase.h"
#include "ui/Notifier.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <chrono>
#include <memory>
#include <optional>

class QWidget;

namespace pv::ui {
class MainWindow;
}

namespace pv {
class AccessGate;
class InMemorySecretStore;
class RunService;
class TenantRepository;
class TenantService;
}

namespace pv::test {

/// Everything a screen test needs: a real database in a temporary folder with one tenant,
/// a real RunService with the test job kinds, the access gate, the tenant repository and a
/// TenantService over an in-memory secret store.
struct UiFixture
{
    TestDatabase db;
    std::unique_ptr<RunService> runs;
    std::unique_ptr<AccessGate> gate;
    std::unique_ptr<TenantRepository> tenants;
    std::unique_ptr<InMemorySecretStore> secrets;
    std::unique_ptr<TenantService> tenantService;
    std::optional<TenantScope> scope;

    /// `recoveryInterval`: how often the RunService's supervisor recovers dead owners' runs
    /// (0: only when asked), so a test can decide which process recovers them.
    explicit UiFixture(std::chrono::milliseconds recoveryInterval = std::chrono::seconds(2));
    ~UiFixture();
    UiFixture(const UiFixture&) = delete;
    UiFixture& operator=(const UiFixture&) = delete;

    bool isValid() const { return db.isValid() && runs && scope.has_value(); }
    /// Starts a "test" run with these parameters; target makes it distinct (dedupe key).
    qint64 startTestRun(const QJsonObject& parameters, const QString& target);
    /// The run as stored now (a default record when it cannot be read).
    RunRecord run(qint64 runId) const;
};

/// Holds the store's write lock from a second connection, as another process (the CLI) would,
/// until release() or destruction: screens must stay responsive meanwhile.
class ForeignWriteLock
{
public:
    explicit ForeignWriteLock(const QString& databasePath);
    ~ForeignWriteLock();
    ForeignWriteLock(const ForeignWriteLock&) = delete;
    ForeignWriteLock& operator=(const ForeignWriteLock&) = delete;

    bool isHeld() const { return m_held; }
    void release();

private:
    QString m_connection;
    bool m_held = false;
};

/// A notifier with a tray as far as the window can tell (offscreen has none): it records what
/// it was asked to show.
class RecordingTrayNotifier final : public pv::ui::Notifier
{
public:
    struct Message
    {
        QString title;
        QString body;
        qint64 runId = 0;   ///< 0 for a notice
    };

    void showRunFinished(const QString& title, const QString& body, qint64 runId) override;
    void showNotice(const QString& title, const QString& body) override;
    bool canRunInBackground() const override { return true; }

    QList<Message> messages;
};

/// Fusion style and a deterministic font, so screenshots look the same on every machine, and
/// the app's translators. Settings (QSettings) go to a temporary folder, never the real profile.
void initUiTestStyle();

/// Waits until the window has read its tenants and the current tenant's runs and notifications
/// (all of it is read off the GUI thread); false on timeout.
bool waitForWindowLoaded(pv::ui::MainWindow& window);

/// Saves `widget` as <name>.png (and <name>@2x.png when run with QT_SCALE_FACTOR=2), then
/// again with the dark palette as <name>_dark.png, under PV_TEST_ARTIFACTS_DIR/ui/. Returns
/// false (with a warning) when a file could not be written.
bool saveScreenshots(QWidget* widget, const QString& name);

} // namespace pv::test
