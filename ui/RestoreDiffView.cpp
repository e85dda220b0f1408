// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "ui/RestoreDiffView.h"

#include "ui/MessageWidget.h"
#include "ui/RestorePlanModel.h"
#include "ui/UiFormat.h"

#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QStackedWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace pv::ui {

namespace {

enum DiffColumn { What, Now, After, DiffColumnCount };

QString valueText(const QJsonValue& value)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined: return QStringLiteral("—");
    case QJsonValue::Bool: return value.toBool() ? RestoreDiffView::tr("True") : RestoreDiffView::tr("False");
    case QJsonValue::Double: return QString::number(value.toDouble());
    // "—" is "not there"; a value that is there but empty (a group instance's own row, a
    // cleared description) says so, as the CLI does, or an added row would read "— → —".
    case QJsonValue::String: return value.toString().isEmpty() ? RestoreDiffView::tr("(empty)") : value.toString();
    case QJsonValue::Array: return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    case QJsonValue::Object: break;
    }
    // An assignment or a complex value: its name when it has one, else the JSON.
    const QJsonObject object = value.toObject();
    for (const char* key : {"displayName", "name", "target", "groupName", "groupId"}) {
        const QJsonValue named = object.value(QLatin1String(key));
        if (named.isString() && !named.toString().isEmpty())
            return named.toString();
    }
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QTreeWidgetItem* addRow(QTreeWidgetItem* parent, const QString& what, const QString& now, const QString& after)
{
    auto* row = new QTreeWidgetItem(parent, {what, now, after});
    for (int column = 0; column < DiffColumnCount; ++column)
        row->setToolTip(column, row->text(column));
    return row;
}

} // namespace

RestoreDiffView::RestoreDiffView(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("restoreDiffView"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("restoreDiffTitle"));
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setTextFormat(Qt::PlainText);
    m_title->setWordWrap(true);
    layout->addWidget(m_title);
    m_subtitle = new QLabel(this);
    m_subtitle->setObjectName(QStringLiteral("restoreDiffSubtitle"));
    m_subtitle->setForegroundRole(QPalette::PlaceholderText);
    m_subtitle->setTextFormat(Qt::PlainText);
    layout->addWidget(m_subtitle);
    m_reason = new MessageWidget(this);
    m_reason->setObjectName(QStringLiteral("restoreDiffReason"));
    m_reason->setCloseable(false);
    layout->addWidget(m_reason);

    m_stack = new QStackedWidget(this);
    m_tree = new QTreeWidget(this);
    m_tree->setObjectName(QStringLiteral("restoreDiffTree"));
    m_tree->setColumnCount(DiffColumnCount);
    m_tree->setHeaderLabels({tr("Setting"), tr("In the tenant now"), tr("After the restore")});
    m_tree->setAlternatingRowColors(true);
    m_tree->setRootIsDecorated(true);
    m_tree->setUniformRowHeights(true);
    m_tree->setTextElideMode(Qt::ElideMiddle);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->header()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    // The setting's name takes what the two values leave: nothing scrolls sideways; long names
    // and values elide in the middle and the tooltips hold them whole.
    const int em = fontMetrics().horizontalAdvance(QLatin1Char('x'));
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(What, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(Now, QHeaderView::Interactive);
    m_tree->header()->setSectionResizeMode(After, QHeaderView::Interactive);
    m_tree->header()->resizeSection(Now, em * 18);
    m_tree->header()->resizeSection(After, em * 18);
    m_stack->addWidget(m_tree);
    m_empty = new QLabel(this);
    m_empty->setObjectName(QStringLiteral("restoreDiffEmpty"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_stack->addWidget(m_empty);
    layout->addWidget(m_stack, 1);
    clear();
}

RestoreDiffView::~RestoreDiffView() = default;

void RestoreDiffView::clear()
{
    m_title->setText(tr("No item selected"));
    m_subtitle->clear();
    m_reason->hideMessage();
    m_tree->clear();
    m_empty->setText(emptyStateHtml(tr("Select an item"), tr("Its differences with the tenant show here.")));
    m_stack->setCurrentWidget(m_empty);
}

void RestoreDiffView::showItem(const restore::PlanItem& item)
{
    using restore::PlanAction;
    m_title->setText(item.name);
    m_subtitle->setText(tr("%1 · %2").arg(captureTypeText(item.typeKey), RestorePlanModel::actionText(item.action)));
    switch (item.action) {
    case PlanAction::WouldCreate:
        m_reason->showMessage(MessageWidget::Type::Information,
                              item.reason.isEmpty() ? tr("This object no longer exists in the tenant: the restore creates it "
                                                         "again with the snapshot's content.")
                                                    : item.reason);
        break;
    case PlanAction::Conflict:
        m_reason->showMessage(MessageWidget::Type::Warning,
                              tr("Not restored (conflict): %1").arg(item.reason.isEmpty() ? tr("no reason recorded") : item.reason));
        break;
    case PlanAction::CannotRestore:
        m_reason->showMessage(MessageWidget::Type::Error,
                              tr("Cannot be restored: %1").arg(item.reason.isEmpty() ? tr("no reason recorded") : item.reason));
        break;
    case PlanAction::WouldUpdate:
    case PlanAction::Unchanged:
        m_reason->hideMessage();
        break;
    }

    m_tree->clear();
    const QJsonArray settings = item.diff.value(QStringLiteral("settings")).toArray();
    if (!settings.isEmpty()) {
        auto* group = new QTreeWidgetItem(m_tree, {tr("Settings (%1)").arg(settings.size())});
        for (const QJsonValue& value : settings) {
            const QJsonObject setting = value.toObject();
            QTreeWidgetItem* row = addRow(group, setting.value(QStringLiteral("setting")).toString(),
                                          valueText(setting.value(QStringLiteral("old"))),
                                          valueText(setting.value(QStringLiteral("new"))));
            row->setToolTip(What, tr("%1\n%2").arg(row->text(What), setting.value(QStringLiteral("rowKey")).toString()));
        }
    }
    const QJsonArray metadata = item.diff.value(QStringLiteral("metadata")).toArray();
    if (!metadata.isEmpty()) {
        auto* group = new QTreeWidgetItem(m_tree, {tr("Properties (%1)").arg(metadata.size())});
        for (const QJsonValue& value : metadata) {
            const QJsonObject field = value.toObject();
            addRow(group, field.value(QStringLiteral("field")).toString(), valueText(field.value(QStringLiteral("old"))),
                   valueText(field.value(QStringLiteral("new"))));
        }
    }
    const QJsonObject assignments = item.diff.value(QStringLiteral("assignments")).toObject();
    const QJsonArray added = assignments.value(QStringLiteral("added")).toArray();
    const QJsonArray removed = assignments.value(QStringLiteral("removed")).toArray();
    const QString summary = assignments.value(QStringLiteral("summary")).toString();
    if (!added.isEmpty() || !removed.isEmpty() || !summary.isEmpty()) {
        auto* group = new QTreeWidgetItem(m_tree, {summary.isEmpty() ? tr("Assignments") : tr("Assignments: %1").arg(summary)});
        group->setToolTip(What, group->text(What));
        group->setFirstColumnSpanned(true);
        for (const QJsonValue& value : added)
            addRow(group, tr("Added"), QStringLiteral("—"), valueText(value));
        for (const QJsonValue& value : removed)
            addRow(group, tr("Removed"), valueText(value), QStringLiteral("—"));
    }
    const QJsonArray secrets = item.diff.value(QStringLiteral("secretsNeeded")).toArray();
    if (!secrets.isEmpty()) {
        auto* group = new QTreeWidgetItem(m_tree, {tr("Secret values needed (%1)").arg(secrets.size())});
        for (const QJsonValue& value : secrets)
            addRow(group, value.toString(), tr("Not readable"), tr("Supply a value in the Secrets step"));
    }
    m_tree->expandAll();
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        QFont bold = m_tree->font();
        bold.setBold(true);
        m_tree->topLevelItem(i)->setFont(What, bold);
        m_tree->topLevelItem(i)->setFirstColumnSpanned(true);
    }
    if (m_tree->topLevelItemCount() == 0) {
        m_empty->setText(item.action == PlanAction::Unchanged
                             ? emptyStateHtml(tr("No differences"), tr("The tenant already matches the snapshot for this item."))
                             : emptyStateHtml(tr("No differences recorded"), QString()));
        m_stack->setCurrentWidget(m_empty);
    } else {
        m_stack->setCurrentWidget(m_tree);
    }
}

} // namespace pv::ui
