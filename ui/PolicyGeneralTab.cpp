// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "ui/PolicyGeneralTab.h"

#include "ui/UiFormat.h"

#include <QFormLayout>
#include <QFrame>
#include <QLabel>
#include <QVBoxLayout>

namespace pv::ui {

namespace {

QString listOrDash(const QStringList& list)
{
    return list.isEmpty() ? QStringLiteral("—") : list.join(QStringLiteral(" · "));
}

} // namespace

PolicyGeneralTab::PolicyGeneralTab(QWidget* parent) : QScrollArea(parent)
{
    setObjectName(QStringLiteral("policyGeneralTab"));
    setWidgetResizable(true);
    setFrameShape(QFrame::NoFrame);
    auto* content = new QWidget(this);
    auto* column = new QVBoxLayout(content);
    column->setContentsMargins(12, 12, 12, 12);
    column->setSpacing(12);
    // Two cards: what the policy is, and where it comes from.
    const QList<QList<QPair<QString, QString>>> cards{
        {{QStringLiteral("name"), tr("Name")},
         {QStringLiteral("description"), tr("Description")},
         {QStringLiteral("type"), tr("Type")},
         {QStringLiteral("platforms"), tr("Platform")},
         {QStringLiteral("technologies"), tr("Technologies")}},
        {{QStringLiteral("template"), tr("Template")},
         {QStringLiteral("scopeTags"), tr("Scope tags")},
         {QStringLiteral("created"), tr("Created")},
         {QStringLiteral("modified"), tr("Last modified")}}};
    for (const auto& card : cards) {
        auto* frame = new QFrame(content);
        frame->setFrameShape(QFrame::StyledPanel);
        frame->setBackgroundRole(QPalette::Base);
        frame->setAutoFillBackground(true);
        auto* form = new QFormLayout(frame);
        form->setContentsMargins(12, 12, 12, 12);
        form->setHorizontalSpacing(16);
        form->setVerticalSpacing(8);
        form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
        for (const auto& [key, label] : card) {
            auto* value = new QLabel(frame);
            value->setObjectName(QStringLiteral("general_") + key);
            value->setWordWrap(true);
            value->setTextInteractionFlags(Qt::TextSelectableByMouse);
            auto* name = new QLabel(label, frame);
            name->setForegroundRole(QPalette::PlaceholderText);
            form->addRow(name, value);
            m_values.insert(key, value);
        }
        column->addWidget(frame);
    }
    column->addStretch(1);
    setWidget(content);
}

void PolicyGeneralTab::showGeneral(const normalize::PolicyGeneral& g, const QString& typeKey)
{
    auto set = [this](const QString& key, const QString& text, const QString& toolTip = QString()) {
        QLabel* label = m_values.value(key);
        label->setText(text);
        label->setToolTip(toolTip);
    };
    set(QStringLiteral("name"), g.name);
    set(QStringLiteral("description"), g.description.isEmpty() ? tr("No description") : g.description);
    set(QStringLiteral("type"), captureTypeText(typeKey));
    set(QStringLiteral("platforms"), listOrDash(g.platforms));
    set(QStringLiteral("technologies"), listOrDash(g.technologies));
    set(QStringLiteral("template"), g.templateId.isEmpty() ? tr("None (not made from a template)") : g.templateSummary());
    set(QStringLiteral("scopeTags"), listOrDash(g.scopeTags));
    auto time = [](const QDateTime& t) { return t.isValid() ? formatDateTime(t) : QStringLiteral("—"); };
    auto iso = [](const QDateTime& t) { return t.isValid() ? t.toUTC().toString(Qt::ISODateWithMs) : QString(); };
    set(QStringLiteral("created"), time(g.created), iso(g.created));
    set(QStringLiteral("modified"), time(g.modified), iso(g.modified));
}

void PolicyGeneralTab::clear()
{
    for (QLabel* label : std::as_const(m_values)) {
        label->clear();
        label->setToolTip(QString());
    }
}

} // namespace pv::ui
