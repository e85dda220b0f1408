// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "ui/UiFormat.h"

#include "core/capture/CaptureRequests.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QLocale>
#include <QPainter>
#include <QPixmap>
#include <QStringList>

#include <mutex>
#include <utility>

// Q_INIT_RESOURCE must be used outside any namespace.
static void pvInitUiResources()
{
    Q_INIT_RESOURCE(policyvault);
}

namespace pv::ui {

namespace {
QIcon icon(const char* name)
{
    initResources();
    return QIcon(QStringLiteral(":/icons/%1.svg").arg(QLatin1String(name)));
}
} // namespace

void initResources()
{
    static std::once_flag once;
    std::call_once(once, [] { pvInitUiResources(); });
}

QString statusText(RunStatus status)
{
    switch (status) {
    case RunStatus::Queued: return QCoreApplication::translate("pv::ui::Format", "Queued");
    case RunStatus::Running: return QCoreApplication::translate("pv::ui::Format", "Running");
    case RunStatus::Succeeded: return QCoreApplication::translate("pv::ui::Format", "Succeeded");
    case RunStatus::PartiallySucceeded: return QCoreApplication::translate("pv::ui::Format", "Partially succeeded");
    case RunStatus::Failed: return QCoreApplication::translate("pv::ui::Format", "Failed");
    case RunStatus::Cancelled: return QCoreApplication::translate("pv::ui::Format", "Cancelled");
    case RunStatus::Interrupted: return QCoreApplication::translate("pv::ui::Format", "Interrupted");
    }
    return {};
}

QIcon statusIcon(RunStatus status)
{
    switch (status) {
    case RunStatus::Queued: return icon("status-queued");
    case RunStatus::Running: return icon("status-running");
    case RunStatus::Succeeded: return icon("status-succeeded");
    case RunStatus::PartiallySucceeded: return icon("status-partial");
    case RunStatus::Failed: return icon("status-failed");
    case RunStatus::Cancelled: return icon("status-cancelled");
    case RunStatus::Interrupted: return icon("status-interrupted");
    }
    return {};
}

QString outcomeText(ItemOutcome outcome)
{
    switch (outcome) {
    case ItemOutcome::Succeeded: return QCoreApplication::translate("pv::ui::Format", "Succeeded");
    case ItemOutcome::Failed: return QCoreApplication::translate("pv::ui::Format", "Failed");
    case ItemOutcome::Skipped: return QCoreApplication::translate("pv::ui::Format", "Skipped");
    case ItemOutcome::Unchanged: return QCoreApplication::translate("pv::ui::Format", "Unchanged");
    case ItemOutcome::Created: return QCoreApplication::translate("pv::ui::Format", "Created");
    case ItemOutcome::Updated: return QCoreApplication::translate("pv::ui::Format", "Updated");
    case ItemOutcome::Deleted: return QCoreApplication::translate("pv::ui::Format", "Deleted");
    case ItemOutcome::WouldCreate: return QCoreApplication::translate("pv::ui::Format", "Would create");
    case ItemOutcome::WouldUpdate: return QCoreApplication::translate("pv::ui::Format", "Would update");
    case ItemOutcome::WouldDelete: return QCoreApplication::translate("pv::ui::Format", "Would delete");
    case ItemOutcome::Conflict: return QCoreApplication::translate("pv::ui::Format", "Conflict");
    case ItemOutcome::CannotRestore: return QCoreApplication::translate("pv::ui::Format", "Cannot restore");
    case ItemOutcome::Uncertain: return QCoreApplication::translate("pv::ui::Format", "Uncertain");
    }
    return {};
}

bool isCaptureKind(const QString& kind)
{
    return kind == QLatin1String(capture::BackupKind) || kind == QLatin1String(capture::CapturePolicyKind);
}

QString outcomeText(ItemOutcome outcome, const QString& kind)
{
    if (isCaptureKind(kind)) {
        // The engine's names say what happened to the store; a reader of a backup wants to
        // know what happened to the policy since the last capture.
        if (outcome == ItemOutcome::Created)
            return QCoreApplication::translate("pv::ui::Format", "New");
        if (outcome == ItemOutcome::Updated)
            return QCoreApplication::translate("pv::ui::Format", "Changed");
    }
    return outcomeText(outcome);
}

QString captureTypeText(const QString& typeKey)
{
    static const std::pair<const char*, const char*> names[] = {
        {"settingsCatalog", QT_TRANSLATE_NOOP("pv::ui::Format", "Settings catalog")},
        {"endpointSecurity", QT_TRANSLATE_NOOP("pv::ui::Format", "Endpoint security")},
        {"securityBaseline", QT_TRANSLATE_NOOP("pv::ui::Format", "Security baselines")},
        {"assignmentFilters", QT_TRANSLATE_NOOP("pv::ui::Format", "Assignment filters")},
        {"scopeTags", QT_TRANSLATE_NOOP("pv::ui::Format", "Scope tags")},
    };
    for (const auto& [key, name] : names) {
        if (typeKey == QLatin1String(key))
            return QCoreApplication::translate("pv::ui::Format", name);
    }
    return typeKey;   // a type of a newer version: its key is still better than nothing
}

QIcon outcomeIcon(ItemOutcome outcome)
{
    switch (outcome) {
    case ItemOutcome::Succeeded:
    case ItemOutcome::Created:
    case ItemOutcome::Updated:
    case ItemOutcome::Deleted:
        return icon("status-succeeded");
    case ItemOutcome::Failed: return icon("status-failed");
    case ItemOutcome::Skipped: return icon("outcome-skipped");
    case ItemOutcome::Unchanged: return icon("outcome-unchanged");
    case ItemOutcome::WouldCreate:
    case ItemOutcome::WouldUpdate:
    case ItemOutcome::WouldDelete:
        return icon("outcome-planned");
    case ItemOutcome::Conflict:
    case ItemOutcome::CannotRestore:
    case ItemOutcome::Uncertain:
        return icon("status-partial");
    }
    return {};
}

QString formatDuration(std::chrono::milliseconds duration)
{
    using namespace std::chrono;
    const qint64 ms = duration.count() < 0 ? 0 : duration.count();
    if (ms < 1000)
        return QCoreApplication::translate("pv::ui::Format", "%1 ms").arg(ms);
    const qint64 totalSeconds = ms / 1000;
    if (totalSeconds < 60)
        return QCoreApplication::translate("pv::ui::Format", "%1 s").arg(QLocale().toString(double(ms) / 1000.0, 'f', totalSeconds < 10 ? 1 : 0));
    const qint64 totalMinutes = totalSeconds / 60;
    if (totalMinutes < 60)
        return QCoreApplication::translate("pv::ui::Format", "%1 min %2 s").arg(totalMinutes).arg(totalSeconds % 60, 2, 10, QLatin1Char('0'));
    return QCoreApplication::translate("pv::ui::Format", "%1 h %2 min").arg(totalMinutes / 60).arg(totalMinutes % 60, 2, 10, QLatin1Char('0'));
}

QString formatDateTime(const QDateTime& dateTime)
{
    if (!dateTime.isValid())
        return {};
    return QLocale().toString(dateTime.toLocalTime(), QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QString kindText(const QString& kindDisplayName)
{
    const QByteArray utf8 = kindDisplayName.toUtf8();
    return QCoreApplication::translate("pv::JobKind", utf8.constData());
}

QString emptyStateHtml(const QString& headline, const QString& nextStep)
{
    return QStringLiteral("<p style=\"font-size:large; font-weight:600\">%1</p><p>%2</p>")
        .arg(headline.toHtmlEscaped(), nextStep.toHtmlEscaped());
}

QIcon paletteIcon(const QString& resourcePath, const QPalette& palette, int size)
{
    initResources();
    const QIcon source(resourcePath);
    QIcon result;
    const auto add = [&](const QColor& color, QIcon::Mode mode) {
        for (const int scale : {1, 2}) {
            QPixmap pixmap = source.pixmap(QSize(size, size), qreal(scale));
            QPainter painter(&pixmap);
            painter.setCompositionMode(QPainter::CompositionMode_SourceIn);
            painter.fillRect(pixmap.rect(), color);
            painter.end();
            result.addPixmap(pixmap, mode);
        }
    };
    add(palette.color(QPalette::Active, QPalette::WindowText), QIcon::Normal);
    add(palette.color(QPalette::Active, QPalette::HighlightedText), QIcon::Selected);
    add(palette.color(QPalette::Disabled, QPalette::WindowText), QIcon::Disabled);
    return result;
}

QIcon appIcon()
{
    return icon("policyvault");
}

} // namespace pv::ui
