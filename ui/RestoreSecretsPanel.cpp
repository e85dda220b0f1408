// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "ui/RestoreSecretsPanel.h"

#include "ui/MessageWidget.h"
#include "ui/UiFormat.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

namespace pv::ui {

RestoreSecretsPanel::RestoreSecretsPanel(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("restoreSecretsPanel"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(10);
    m_intro = new QLabel(tr("Some settings hold secrets (passwords, shared keys) that Graph never returns, and the "
                            "value captured in the snapshot is no longer valid. Type the values to restore them; "
                            "items left empty stay \"Cannot restore\". The values go to the system keychain only — "
                            "never to the database or the logs — and are deleted once the restore is done."),
                         this);
    m_intro->setObjectName(QStringLiteral("restoreSecretsIntro"));
    m_intro->setWordWrap(true);
    layout->addWidget(m_intro);
    m_message = new MessageWidget(this);
    m_message->setObjectName(QStringLiteral("restoreSecretsMessage"));
    layout->addWidget(m_message);

    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    m_form = new QWidget(scroll);
    m_layout = new QFormLayout(m_form);
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setHorizontalSpacing(16);
    m_layout->setVerticalSpacing(8);
    m_layout->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    scroll->setWidget(m_form);
    layout->addWidget(scroll, 1);

    auto* bar = new QHBoxLayout;
    bar->addStretch(1);
    m_replan = new QPushButton(tr("Use these values and &preview again"), this);
    m_replan->setObjectName(QStringLiteral("restoreReplanButton"));
    m_replan->setAutoDefault(false);
    bar->addWidget(m_replan);
    layout->addLayout(bar);
    connect(m_replan, &QPushButton::clicked, this, &RestoreSecretsPanel::replanRequested);
    updateButton();
}

RestoreSecretsPanel::~RestoreSecretsPanel() = default;

QString RestoreSecretsPanel::key(qint64 policyId, const QString& definitionId)
{
    return QString::number(policyId) + QLatin1Char('/') + definitionId;
}

void RestoreSecretsPanel::setItems(const QList<restore::PlanItem>& items)
{
    for (auto it = m_fields.cbegin(); it != m_fields.cend(); ++it)
        m_typed.insert(it.key(), it.value()->text());
    while (m_layout->rowCount() > 0)
        m_layout->removeRow(0);
    m_fields.clear();
    m_firstField = nullptr;
    m_message->hideMessage();
    QWidget* previous = nullptr;
    for (const restore::PlanItem& item : items) {
        const QJsonArray needed = item.diff.value(QStringLiteral("secretsNeeded")).toArray();
        if (needed.isEmpty())
            continue;
        auto* title = new QLabel(tr("%1 (%2)").arg(item.name, captureTypeText(item.typeKey)), m_form);
        title->setTextFormat(Qt::PlainText);
        QFont bold = title->font();
        bold.setBold(true);
        title->setFont(bold);
        m_layout->addRow(title);
        for (const QJsonValue& value : needed) {
            const QString definitionId = value.toString();
            auto* field = new QLineEdit(m_form);
            field->setObjectName(QStringLiteral("secret_%1_%2").arg(item.policyId).arg(definitionId));
            field->setEchoMode(QLineEdit::Password);
            field->setPlaceholderText(tr("New value"));
            field->setText(m_typed.value(key(item.policyId, definitionId)));
            field->setAccessibleName(tr("Value of %1").arg(definitionId));
            auto* label = new QLabel(definitionId, m_form);
            label->setTextFormat(Qt::PlainText);
            label->setToolTip(definitionId);
            label->setBuddy(field);
            m_layout->addRow(label, field);
            m_fields.insert(key(item.policyId, definitionId), field);
            connect(field, &QLineEdit::textChanged, this, &RestoreSecretsPanel::updateButton);
            if (previous)
                setTabOrder(previous, field);
            else
                m_firstField = field;
            previous = field;
        }
    }
    if (previous)
        setTabOrder(previous, m_replan);
    updateButton();
}

restore::SuppliedSecrets::Values RestoreSecretsPanel::values() const
{
    restore::SuppliedSecrets::Values values;
    for (auto it = m_fields.cbegin(); it != m_fields.cend(); ++it) {
        if (it.value()->text().isEmpty())
            continue;
        const qsizetype slash = it.key().indexOf(QLatin1Char('/'));
        values[it.key().left(slash)].insert(it.key().mid(slash + 1), it.value()->text());
    }
    return values;
}

QLineEdit* RestoreSecretsPanel::field(qint64 policyId, const QString& definitionId) const
{
    return m_fields.value(key(policyId, definitionId));
}

void RestoreSecretsPanel::focusFirst()
{
    if (m_firstField)
        m_firstField->setFocus(Qt::TabFocusReason);
    else
        m_replan->setFocus(Qt::TabFocusReason);
}

void RestoreSecretsPanel::setBusy(bool busy)
{
    m_busy = busy;
    updateButton();
}

void RestoreSecretsPanel::showError(const QString& message)
{
    m_message->showMessage(MessageWidget::Type::Error, message);
}

void RestoreSecretsPanel::updateButton()
{
    m_replan->setEnabled(!m_busy && !values().isEmpty());
    m_replan->setToolTip(m_replan->isEnabled() ? tr("Store the values in the keychain and preview again with them.")
                                               : tr("Type at least one value first."));
}

} // namespace pv::ui
