// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "ui/RunAuditPanel.h"

#include "ui/RunReader.h"
#include "ui/UiFormat.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QShowEvent>
#include <QStackedWidget>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace pv::ui {

namespace {
enum Column { Time, Action, Target, Details, Actor, ColumnCount };
}

RunAuditPanel::RunAuditPanel(RunReader& reader, QWidget* parent)
    : QWidget(parent)
    , m_reader(reader)
{
    setObjectName(QStringLiteral("runAuditPanel"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 8, 0, 0);
    layout->setSpacing(8);
    auto* header = new QHBoxLayout;
    auto* intro = new QLabel(tr("What this run recorded in the tamper-evident audit log: its start, each write's "
                                "intent before it was sent and its outcome after, and its end."),
                             this);
    intro->setWordWrap(true);
    intro->setForegroundRole(QPalette::PlaceholderText);
    header->addWidget(intro, 1);
    m_count = new QLabel(this);
    m_count->setObjectName(QStringLiteral("runAuditCount"));
    header->addWidget(m_count);
    layout->addLayout(header);
    m_stack = new QStackedWidget(this);
    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setObjectName(QStringLiteral("runAuditTable"));
    m_table->setHorizontalHeaderLabels({tr("Time"), tr("Action"), tr("Target"), tr("Details"), tr("By")});
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->setShowGrid(false);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideMiddle);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 10);
    QHeaderView* columns = m_table->horizontalHeader();
    columns->setHighlightSections(false);
    columns->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    columns->setSectionResizeMode(Details, QHeaderView::Stretch);
    const int em = m_table->fontMetrics().horizontalAdvance(QLatin1Char('x'));
    columns->resizeSection(Time, m_table->fontMetrics().horizontalAdvance(QStringLiteral("0000-00-00 00:00:00")) + 2 * em);
    columns->resizeSection(Action, em * 22);
    columns->resizeSection(Target, em * 24);
    columns->resizeSection(Actor, em * 12);
    m_stack->addWidget(m_table);
    m_empty = new QLabel(this);
    m_empty->setObjectName(QStringLiteral("runAuditEmpty"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_stack->addWidget(m_empty);
    layout->addWidget(m_stack, 1);
    clear();
}

RunAuditPanel::~RunAuditPanel() = default;

QString RunAuditPanel::detailsText(const QString& details)
{
    const QJsonDocument document = QJsonDocument::fromJson(details.toUtf8());
    if (!document.isObject())
        return details;
    QStringList parts;
    const QJsonObject object = document.object();
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QJsonValue value = it.value();
        const QString text = value.isString() ? value.toString()
                             : value.isDouble() ? QString::number(value.toDouble())
                             : value.isBool()   ? (value.toBool() ? QStringLiteral("true") : QStringLiteral("false"))
                                                : QString::fromUtf8(QJsonDocument::fromVariant(value.toVariant()).toJson(QJsonDocument::Compact));
        parts.append(tr("%1: %2").arg(it.key(), text));
    }
    return parts.join(QStringLiteral(" · "));
}

void RunAuditPanel::clear()
{
    m_scope.reset();
    m_runId = 0;
    ++m_requested;
    m_delivered = m_requested;
    showEntries({});
}

void RunAuditPanel::showRun(const TenantScope& scope, qint64 runId)
{
    const bool same = m_scope && m_scope->tenantId() == scope.tenantId() && m_runId == runId;
    m_scope = scope;
    m_runId = runId;
    if (!same)
        showEntries({});
    // A live restore changes many times a second; the log is read only while someone looks.
    if (isVisible())
        refresh();
    else
        m_stale = true;
}

void RunAuditPanel::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (m_stale)
        refresh();
}

void RunAuditPanel::refresh()
{
    m_stale = false;
    if (!m_scope || m_runId <= 0 || !m_log) {
        showEntries({});
        return;
    }
    const int generation = ++m_requested;
    const qint64 runId = m_runId;
    m_reader.submit<Result<QList<AuditEntry>>>(
        QStringLiteral("runAudit"), this,
        [log = m_log, scope = *m_scope, runId]() -> Result<QList<AuditEntry>> {
            return log->entriesOfRun(scope, runId);   // oldest first; another tenant's run: AccessDenied
        },
        [this, generation, runId](Result<QList<AuditEntry>> entries) {
            m_delivered = generation;
            if (generation != m_requested || runId != m_runId)
                return;
            if (!entries) {
                showEntries({});
                m_empty->setText(emptyStateHtml(tr("Could not read the audit log"), entries.error().displayText()));
                return;
            }
            showEntries(entries.value());
        });
}

void RunAuditPanel::showEntries(const QList<AuditEntry>& entries)
{
    m_entries = entries;
    m_table->setRowCount(int(entries.size()));
    for (int row = 0; row < entries.size(); ++row) {
        const AuditEntry& entry = entries.at(row);
        const QStringList cells{formatDateTime(entry.at), entry.action, entry.target, detailsText(entry.details), entry.actor};
        for (int column = 0; column < ColumnCount; ++column) {
            auto* item = new QTableWidgetItem(cells.at(column));
            item->setToolTip(column == Time ? entry.at.toUTC().toString(Qt::ISODateWithMs) : cells.at(column));
            m_table->setItem(row, column, item);
        }
    }
    m_count->setText(m_runId > 0 && m_log ? tr("%n audit row(s)", nullptr, int(entries.size())) : QString());
    if (!m_log)
        m_empty->setText(emptyStateHtml(tr("No audit log"), tr("This window was opened without the audit log.")));
    else
        m_empty->setText(emptyStateHtml(tr("No audit rows yet"),
                                        tr("A restore records its start, every write and its end here as it runs.")));
    m_stack->setCurrentWidget(entries.isEmpty() ? static_cast<QWidget*>(m_empty) : m_table);
}

} // namespace pv::ui
