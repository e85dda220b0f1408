// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "ui/RestoreConfirmPanel.h"

#include "ui/MessageWidget.h"
#include "ui/RestorePlanModel.h"

#include <QCheckBox>
#include <QLabel>
#include <QVBoxLayout>

namespace pv::ui {

using restore::PlanAction;

RestoreConfirmPanel::RestoreConfirmPanel(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("restoreConfirmPanel"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(12);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("restoreConfirmSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::RichText);
    layout->addWidget(m_summary);
    m_message = new MessageWidget(this);
    m_message->setObjectName(QStringLiteral("restoreConfirmMessage"));
    m_message->setCloseable(false);
    layout->addWidget(m_message);
    m_confirm = new QCheckBox(this);
    m_confirm->setObjectName(QStringLiteral("restoreConfirmCheck"));
    layout->addWidget(m_confirm);
    m_note = new QLabel(tr("Before the first write the restore saves every object it overwrites into a new "
                           "\"pre-restore\" snapshot, so this restore can itself be undone. Right before each write "
                           "it reads the object again: one that changed since the preview is left alone and "
                           "reported as a conflict. Nothing is deleted."),
                        this);
    m_note->setObjectName(QStringLiteral("restoreConfirmNote"));
    m_note->setWordWrap(true);
    m_note->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_note);
    layout->addStretch(1);
    connect(m_confirm, &QCheckBox::toggled, this, &RestoreConfirmPanel::confirmedChanged);
}

RestoreConfirmPanel::~RestoreConfirmPanel() = default;

void RestoreConfirmPanel::setPlan(qint64 planRunId, const RestorePlanModel& plan, const QString& tenantName,
                                  bool assignments, bool readOnlyTenant)
{
    const int creates = plan.count(PlanAction::WouldCreate);
    const int updates = plan.count(PlanAction::WouldUpdate);
    const int skipped = plan.count(PlanAction::Conflict) + plan.count(PlanAction::CannotRestore);
    const int writes = creates + updates;
    QStringList lines;
    lines.append(tr("Restore the plan of preview run %1 into tenant <b>%2</b>:").arg(planRunId).arg(tenantName.toHtmlEscaped()));
    lines.append(QStringLiteral("<ul style=\"margin-top:4px\">"));
    // Only what will happen: "create 0 objects" is a line to read for nothing.
    if (creates > 0)
        lines.append(QStringLiteral("<li>%1</li>").arg(tr("create %n object(s) deleted since the snapshot", nullptr, creates)));
    if (updates > 0)
        lines.append(QStringLiteral("<li>%1</li>").arg(tr("update %n object(s) to their snapshot content", nullptr, updates)));
    if (skipped > 0)
        lines.append(QStringLiteral("<li>%1</li>").arg(tr("skip %n item(s) with a conflict or that cannot be restored", nullptr, skipped)));
    lines.append(QStringLiteral("<li>%1</li>").arg(assignments ? tr("assignments are replaced with the snapshot's")
                                                              : tr("assignments are left as they are")));
    lines.append(QStringLiteral("</ul>"));
    m_summary->setText(lines.join(QString()));

    m_confirm->setChecked(false);
    m_confirm->setText(tr("I understand this writes %n change(s) to tenant %1", nullptr, writes).arg(tenantName));
    m_confirm->setEnabled(writes > 0 && !readOnlyTenant);
    if (readOnlyTenant) {
        m_message->showMessage(MessageWidget::Type::Warning,
                               tr("%1 is a read-only tenant profile: PolicyVault previews restores into it but never "
                                  "writes. Edit the tenant to allow restores.")
                                   .arg(tenantName));
        m_confirm->setToolTip(tr("Read-only tenants cannot be restored."));
    } else if (writes == 0) {
        m_message->showMessage(MessageWidget::Type::Positive,
                               tr("Everything already matches the snapshot. There is nothing to restore."));
        m_confirm->setToolTip(tr("The plan writes nothing."));
    } else {
        m_message->hideMessage();
        m_confirm->setToolTip(QString());
    }
}

bool RestoreConfirmPanel::isConfirmed() const
{
    return m_confirm->isEnabled() && m_confirm->isChecked();
}

void RestoreConfirmPanel::showError(const QString& message)
{
    m_message->showMessage(MessageWidget::Type::Error, message);
}

void RestoreConfirmPanel::hideError()
{
    if (m_message->type() == MessageWidget::Type::Error)
        m_message->hideMessage();
}

} // namespace pv::ui
