// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "ui/PolicySettingsTab.h"

#include "ui/PolicySettingsModel.h"
#include "ui/PolicyTabSupport.h"
#include "ui/SettingsHighlightDelegate.h"
#include "ui/UiFormat.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace pv::ui {

PolicySettingsTab::PolicySettingsTab(QWidget* parent)
    : QWidget(parent)
    , m_model(new PolicySettingsModel(this))
{
    setObjectName(QStringLiteral("policySettingsTab"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 8, 0, 0);
    layout->setSpacing(8);
    auto* bar = new QHBoxLayout;
    bar->setSpacing(8);
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("settingsSearch"));
    m_search->setPlaceholderText(tr("Search settings, values, definition ids, descriptions"));
    m_search->setClearButtonEnabled(true);
    bar->addWidget(m_search, 1);
    m_category = new QComboBox(this);
    m_category->setObjectName(QStringLiteral("settingsCategoryFilter"));
    m_category->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_category->setMinimumContentsLength(24);
    m_category->setToolTip(tr("Show the settings of one category"));
    bar->addWidget(m_category);
    m_count = new QLabel(this);
    m_count->setObjectName(QStringLiteral("settingsCount"));
    bar->addWidget(m_count);
    layout->addLayout(bar);

    m_view = makePolicyTable(this, QStringLiteral("settingsTable"));
    m_view->setModel(m_model);
    m_view->setItemDelegate(new SettingsHighlightDelegate(m_model, m_view));
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    QHeaderView* columns = m_view->horizontalHeader();
    columns->setSectionResizeMode(QHeaderView::Interactive);
    columns->setStretchLastSection(true);
    // Fixed widths from the font, not ResizeToContents: a 100,000-row table must not measure
    // every row.
    const int em = m_view->fontMetrics().horizontalAdvance(QLatin1Char('x'));
    columns->resizeSection(int(PolicySettingsModel::Column::Category), em * 12);
    columns->resizeSection(int(PolicySettingsModel::Column::Setting), em * 30);
    columns->resizeSection(int(PolicySettingsModel::Column::Value), em * 26);
    layout->addWidget(m_view, 1);
    m_empty = makeEmptyStateLabel(this, QStringLiteral("settingsEmptyState"));
    layout->addWidget(m_empty, 1);

    // Ctrl+C (and the context menu) copies the selected rows as tab-separated text: category,
    // setting, value, badges — pastes into a spreadsheet or a ticket as they read here.
    auto* copyRows = new QAction(tr("Copy rows"), m_view);
    copyRows->setObjectName(QStringLiteral("copySettingsRows"));
    copyRows->setShortcut(QKeySequence::Copy);
    copyRows->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_view->addAction(copyRows);
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);
    connect(copyRows, &QAction::triggered, this, [this] {
        const QString text = selectedRowsText();
        if (!text.isEmpty())
            QApplication::clipboard()->setText(text);
    });

    // Typing filters once the user pauses: a 100,000-row table is not re-filtered per key.
    m_debounce = new QTimer(this);
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(200);
    connect(m_search, &QLineEdit::textChanged, m_debounce, qOverload<>(&QTimer::start));
    connect(m_search, &QLineEdit::returnPressed, this, &PolicySettingsTab::applySearchNow);
    connect(m_debounce, &QTimer::timeout, this, [this] { m_model->setFilterText(m_search->text()); });
    connect(m_category, &QComboBox::currentIndexChanged, this,
            [this] { m_model->setCategoryFilter(m_category->currentData().toString()); });
    connect(m_model, &QAbstractItemModel::modelReset, this, &PolicySettingsTab::updateState);
    setTabOrder(m_search, m_category);
    setTabOrder(m_category, m_view);
    updateCategories();
    updateState();
}

void PolicySettingsTab::setRows(QList<normalize::SettingRow> rows, bool settingsKind)
{
    m_settingsKind = settingsKind;
    m_model->setRows(std::move(rows));
    updateCategories();
}

void PolicySettingsTab::applySearchNow()
{
    m_debounce->stop();
    m_model->setFilterText(m_search->text());
}

void PolicySettingsTab::updateCategories()
{
    const QSignalBlocker block(m_category);
    m_category->clear();
    m_category->addItem(tr("All categories"), QString());
    // The leaf names the category, elided to the combo's width (a combo clips, it does not
    // elide); the whole path is in the tooltip.
    const int width = m_category->fontMetrics().horizontalAdvance(QLatin1Char('x')) * m_category->minimumContentsLength();
    for (const QString& category : m_model->categories()) {
        const QString leaf = category.section(QStringLiteral(" > "), -1);
        m_category->addItem(leaf.isEmpty() ? tr("(No category)") : m_category->fontMetrics().elidedText(leaf, Qt::ElideRight, width),
                            category);
        m_category->setItemData(m_category->count() - 1, category, Qt::ToolTipRole);
    }
    const int current = m_category->findData(m_model->categoryFilter());
    m_category->setCurrentIndex(qMax(0, current));
    m_category->setEnabled(m_model->categories().size() > 1);
}

void PolicySettingsTab::updateState()
{
    const int total = m_model->totalRows();
    const int shown = m_model->rowCount();
    const bool filtered = !m_model->filterText().isEmpty() || !m_model->categoryFilter().isEmpty();
    m_count->setText(filtered ? tr("%1 of %2 rows").arg(shown).arg(total) : tr("%n row(s)", nullptr, total));
    if (total == 0 && !m_settingsKind) {
        m_empty->setText(emptyStateHtml(tr("No settings"),
                                        tr("This kind of object has no settings catalog; the JSON tab shows all of it.")));
    } else if (total == 0) {
        m_empty->setText(emptyStateHtml(tr("No settings"),
                                        tr("This policy configures no settings. Add settings to it in the Intune portal, "
                                           "then capture it again.")));
    } else if (shown == 0) {
        m_empty->setText(emptyStateHtml(tr("No setting matches"),
                                        tr("Nothing matches “%1” here. Clear the search or choose All categories.")
                                            .arg(m_model->filterText())));
    }
    m_empty->setVisible(shown == 0);
    m_view->setVisible(shown > 0);
    m_search->setEnabled(total > 0);
}

QString PolicySettingsTab::selectedRowsText() const
{
    QList<int> rows;
    for (const QModelIndex& index : m_view->selectionModel()->selectedRows())
        rows.append(index.row());
    std::sort(rows.begin(), rows.end());
    QStringList lines;
    for (const int row : std::as_const(rows)) {
        const normalize::SettingRow& r = m_model->settingRow(row);
        lines.append(QStringList{r.category, QString(QString(r.depth * 2, QLatin1Char(' ')) + r.setting), r.value,
                                 PolicySettingsModel::badgesText(r)}
                         .join(QLatin1Char('\t')));
    }
    return lines.isEmpty() ? QString() : lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

} // namespace pv::ui
