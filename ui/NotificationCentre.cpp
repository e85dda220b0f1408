// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "ui/NotificationCentre.h"

#include "core/runs/RunService.h"
#include "ui/BackgroundWriter.h"
#include "ui/ModelRoles.h"
#include "ui/NotificationsModel.h"
#include "ui/UiFormat.h"
#include "ui/UiLog.h"

#include <QDateTime>
#include <QFontMetrics>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QScreen>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace pv::ui {

NotificationCentre::NotificationCentre(RunService& runService, QWidget* parent)
    : QFrame(parent, Qt::Popup)
    , m_runService(runService)
    , m_model(new NotificationsModel(runService, this))
{
    setObjectName(QStringLiteral("notificationCentre"));
    m_writer = new BackgroundWriter(this);
    setFrameShape(QFrame::StyledPanel);
    resize(700, 380);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 10, 12, 12);
    layout->setSpacing(8);

    auto* title = new QLabel(tr("Notifications"), this);
    QFont titleFont = title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.15);
    title->setFont(titleFont);
    layout->addWidget(title);

    m_stack = new QStackedWidget(this);
    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("notificationsTable"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setShowGrid(false);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 10);
    QHeaderView* columns = m_view->horizontalHeader();
    columns->setHighlightSections(false);
    columns->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    columns->resizeSection(static_cast<int>(NotificationsModel::Column::Title), 220);
    columns->setSectionResizeMode(static_cast<int>(NotificationsModel::Column::Message), QHeaderView::Stretch);
    // Unread rows are bold, so size the time column for the widest bold time this locale prints.
    QFont bold = m_view->font();
    bold.setBold(true);
    const QString widestTime = formatDateTime(QDateTime(QDate(2026, 12, 28), QTime(23, 58, 58)));
    columns->resizeSection(static_cast<int>(NotificationsModel::Column::Time),
                           QFontMetrics(bold).horizontalAdvance(widestTime) + 2 * m_view->fontMetrics().averageCharWidth() + 8);
    m_stack->addWidget(m_view);
    m_emptyState = new QLabel(emptyStateHtml(tr("No notifications"),
                                             tr("When a run ends or is interrupted, you will find a note about it "
                                                "here.")),
                              this);
    m_emptyState->setObjectName(QStringLiteral("notificationsEmptyState"));
    m_emptyState->setAlignment(Qt::AlignCenter);
    m_emptyState->setWordWrap(true);
    m_stack->addWidget(m_emptyState);
    layout->addWidget(m_stack, 1);

    auto* buttons = new QHBoxLayout;
    m_markAllRead = new QPushButton(tr("Mark &all read"), this);
    m_markAllRead->setObjectName(QStringLiteral("markAllReadButton"));
    buttons->addWidget(m_markAllRead);
    buttons->addStretch(1);
    m_markRead = new QPushButton(tr("&Mark read"), this);
    m_markRead->setObjectName(QStringLiteral("markReadButton"));
    buttons->addWidget(m_markRead);
    m_viewRun = new QPushButton(tr("&View run"), this);
    m_viewRun->setObjectName(QStringLiteral("viewRunButton"));
    m_viewRun->setDefault(true);
    buttons->addWidget(m_viewRun);
    layout->addLayout(buttons);

    connect(m_viewRun, &QPushButton::clicked, this, &NotificationCentre::viewSelectedRun);
    connect(m_markRead, &QPushButton::clicked, this, &NotificationCentre::markSelectedRead);
    connect(m_markAllRead, &QPushButton::clicked, this, &NotificationCentre::markAllRead);
    connect(m_view, &QTableView::activated, this, &NotificationCentre::viewSelectedRun);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &NotificationCentre::updateButtons);
    connect(m_model, &NotificationsModel::unreadCountChanged, this, [this] {
        updateButtons();
        emit unreadCountChanged(unreadCount());
    });
    connect(m_model, &QAbstractItemModel::dataChanged, this, &NotificationCentre::updateButtons);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &NotificationCentre::updateEmptyState);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &NotificationCentre::updateEmptyState);
    connect(m_model, &QAbstractItemModel::modelReset, this, &NotificationCentre::updateEmptyState);
    updateEmptyState();
    updateButtons();
}

NotificationCentre::~NotificationCentre() = default;

bool NotificationCentre::isWriting() const
{
    return m_writer->isBusy();
}

void NotificationCentre::setScope(const std::optional<TenantScope>& scope)
{
    m_scope = scope;
    m_model->setScope(scope);
}

void NotificationCentre::popup(QWidget* anchor)
{
    if (anchor) {
        const QPoint bottomRight = anchor->mapToGlobal(QPoint(anchor->width(), anchor->height()));
        QPoint topLeft(bottomRight.x() - width(), bottomRight.y() + 2);
        if (const QScreen* screen = anchor->screen()) {
            const QRect available = screen->availableGeometry();
            topLeft.setX(qBound(available.left(), topLeft.x(), qMax(available.left(), available.right() - width())));
            topLeft.setY(qBound(available.top(), topLeft.y(), qMax(available.top(), available.bottom() - height())));
        }
        move(topLeft);
    }
    if (m_model->rowCount() > 0 && !m_view->selectionModel()->hasSelection())
        m_view->selectRow(0);
    show();
    raise();
    m_view->setFocus();
}

int NotificationCentre::unreadCount() const
{
    return m_scope ? m_model->unreadCount() : 0;
}

void NotificationCentre::viewSelectedRun()
{
    const QModelIndex current = selectedIndex();
    const NotificationRecord* record = current.isValid() ? m_model->record(current.row()) : nullptr;
    if (!record || !m_scope)
        return;
    const qint64 tenantId = record->tenantId;
    const qint64 runId = record->runId;
    markSelectedRead();
    hide();
    emit openRunRequested(tenantId, runId);
}

void NotificationCentre::markSelectedRead()
{
    const qint64 id = selectedNotificationId();
    if (id <= 0 || !m_scope)
        return;
    // Written first so that the count the view announces already counts this write as pending
    // (its result comes back queued, after this returns).
    writeInBackground([&service = m_runService, scope = *m_scope, id] { return service.markNotificationRead(scope, id); });
    m_model->markReadLocally(id);
}

void NotificationCentre::markAllRead()
{
    if (!m_scope)
        return;
    writeInBackground([&service = m_runService, scope = *m_scope] { return service.markAllNotificationsRead(scope); });
    m_model->markAllReadLocally();
}

void NotificationCentre::writeInBackground(std::function<Status()> write)
{
    m_writer->run<Status>(this, std::move(write), [this](const Status& written) {
        if (!written)
            qCWarning(lcUi, "could not mark notifications read: %s", qUtf8Printable(written.error().toString()));
        // Once nothing is pending, show what the store holds (after a failure: still unread).
        if (!m_writer->isBusy())
            m_model->writesLanded();
    });
}

QModelIndex NotificationCentre::selectedIndex() const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    return rows.isEmpty() ? QModelIndex() : rows.first();
}

qint64 NotificationCentre::selectedNotificationId() const
{
    const QModelIndex current = selectedIndex();
    return current.isValid() ? current.data(IdRole).toLongLong() : 0;
}

void NotificationCentre::updateButtons()
{
    const QModelIndex current = selectedIndex();
    m_viewRun->setEnabled(current.isValid());
    m_markRead->setEnabled(current.isValid() && current.data(UnreadRole).toBool());
    m_markAllRead->setEnabled(m_model->unreadCount() > 0);
}

void NotificationCentre::updateEmptyState()
{
    m_stack->setCurrentWidget(m_model->rowCount() > 0 ? static_cast<QWidget*>(m_view) : m_emptyState);
    updateButtons();
}

} // namespace pv::ui
