// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "ui/AboutDialog.h"

#include "core/logging/LoggingVersion.h"
#include "pv/Version.h"
#include "ui/UiFormat.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QStyle>
#include <QSysInfo>
#include <QTableWidget>
#include <QVBoxLayout>

namespace pv::ui {

namespace {
QString link(const QString& url, const QString& text, const QString& color)
{
    return QStringLiteral("<a href=\"%1\" style=\"color:%3\">%2</a>").arg(url.toHtmlEscaped(), text.toHtmlEscaped(), color);
}
} // namespace

QList<AboutDialog::Component> AboutDialog::components()
{
    const QString runtimeQt = QString::fromLatin1(qVersion());
    const QString builtQt = QStringLiteral(QT_VERSION_STR);
    return {
        {QStringLiteral("Qt"),
         runtimeQt == builtQt ? runtimeQt : tr("%1 (built with %2)").arg(runtimeQt, builtQt),
         QStringLiteral("LGPL-3.0-only"), QStringLiteral("https://www.gnu.org/licenses/lgpl-3.0.html"),
         QStringLiteral("https://www.qt.io/")},
        {QStringLiteral("QtKeychain"), QStringLiteral(PV_QTKEYCHAIN_VERSION), QStringLiteral("BSD-2-Clause"),
         QStringLiteral("https://opensource.org/license/bsd-2-clause"),
         QStringLiteral("https://github.com/frankosterfeld/qtkeychain")},
        {QStringLiteral("spdlog"), logging::spdlogVersion(), QStringLiteral("MIT"),
         QStringLiteral("https://opensource.org/license/mit"), QStringLiteral("https://github.com/gabime/spdlog")},
        {QStringLiteral("{fmt}"), logging::fmtVersion(), QStringLiteral("MIT"),
         QStringLiteral("https://github.com/fmtlib/fmt/blob/master/LICENSE"), QStringLiteral("https://fmt.dev/")},
    };
}

QString AboutDialog::versionReport()
{
    QStringList lines;
    lines << QStringLiteral("PolicyVault %1").arg(QString::fromLatin1(version::String));
    for (const Component& component : components())
        lines << QStringLiteral("%1 %2").arg(component.name, component.version);
    lines << QStringLiteral("%1 (%2)").arg(QSysInfo::prettyProductName(), QSysInfo::currentCpuArchitecture());
    return lines.join(u'\n');
}

AboutDialog::AboutDialog(QWidget* parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("aboutDialog"));
    setWindowTitle(tr("About PolicyVault"));

    auto* layout = new QVBoxLayout(this);
    layout->setSpacing(12);

    auto* header = new QHBoxLayout;
    header->setSpacing(16);
    auto* icon = new QLabel(this);
    const int iconSize = 3 * style()->pixelMetric(QStyle::PM_LargeIconSize, nullptr, this) / 2;
    icon->setPixmap(appIcon().pixmap(iconSize, iconSize));
    icon->setAlignment(Qt::AlignTop);
    header->addWidget(icon);
    auto* intro = new QVBoxLayout;
    intro->setSpacing(4);
    auto* name = new QLabel(tr("PolicyVault"), this);
    QFont nameFont = name->font();
    nameFont.setPointSizeF(nameFont.pointSizeF() * 1.6);
    nameFont.setBold(true);
    name->setFont(nameFont);
    intro->addWidget(name);
    auto* version = new QLabel(tr("Version %1").arg(QString::fromLatin1(version::String)), this);
    version->setObjectName(QStringLiteral("aboutVersionLabel"));
    version->setTextInteractionFlags(Qt::TextSelectableByMouse);
    intro->addWidget(version);
    auto* description = new QLabel(
        tr("Backs up, reviews, compares and restores Microsoft Intune configuration through Microsoft Graph."),
        this);
    description->setWordWrap(true);
    intro->addWidget(description);
    auto* licence = new QLabel(this);
    licence->setObjectName(QStringLiteral("aboutLicenceLabel"));
    licence->setWordWrap(true);
    licence->setOpenExternalLinks(true);
    setLinkText(licence, [](const QString& color) {
        return tr("Copyright © 2026 PolicyVault contributors. Free software under the %1.")
            .arg(link(QStringLiteral("https://www.gnu.org/licenses/gpl-3.0.html"),
                      tr("GNU General Public License, version 3 or later"), color));
    });
    intro->addWidget(licence);
    header->addLayout(intro, 1);
    layout->addLayout(header);

    auto* componentsTitle = new QLabel(tr("PolicyVault uses these libraries:"), this);
    layout->addWidget(componentsTitle);
    const QList<Component> list = components();
    m_table = new QTableWidget(int(list.size()), 3, this);
    m_table->setObjectName(QStringLiteral("aboutComponentsTable"));
    m_table->setHorizontalHeaderLabels({tr("Library"), tr("Version"), tr("Licence")});
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setShowGrid(false);
    m_table->setWordWrap(false);
    m_table->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_table->horizontalHeader()->setHighlightSections(false);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 10);
    for (int row = 0; row < list.size(); ++row) {
        const Component& component = list.at(row);
        auto* nameItem = new QTableWidgetItem(component.name);
        nameItem->setToolTip(component.homepage);
        m_table->setItem(row, 0, nameItem);
        m_table->setItem(row, 1, new QTableWidgetItem(component.version));
        m_table->setItem(row, 2, new QTableWidgetItem(component.licence));
        // The licence column links to the text; the name to the project.
        auto* licenceLink = new QLabel(m_table);
        setLinkText(licenceLink, [component](const QString& color) {
            return link(component.licenceUrl, component.licence, color);
        });
        licenceLink->setOpenExternalLinks(true);
        licenceLink->setContentsMargins(3, 0, 3, 0);
        licenceLink->setToolTip(component.licenceUrl);
        m_table->setCellWidget(row, 2, licenceLink);
    }
    // Name and version columns as wide as their text plus some air; the licence takes the rest.
    m_table->resizeColumnsToContents();
    const int air = 3 * m_table->fontMetrics().averageCharWidth();
    for (int column : {0, 1})
        m_table->setColumnWidth(column, m_table->columnWidth(column) + air);
    m_table->horizontalHeader()->setStretchLastSection(true);
    // Exactly as tall as its rows: a short fixed list neither scrolls nor leaves a gap.
    const int rowsHeight = m_table->verticalHeader()->defaultSectionSize() * int(list.size());
    m_table->setFixedHeight(rowsHeight + m_table->horizontalHeader()->sizeHint().height() + 2 * m_table->frameWidth());
    m_table->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_table->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    layout->addWidget(m_table);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->button(QDialogButtonBox::Close)->setDefault(true);
    auto* copy = buttons->addButton(tr("&Copy version information"), QDialogButtonBox::ActionRole);
    copy->setObjectName(QStringLiteral("aboutCopyButton"));
    copy->setAutoDefault(false);
    auto* aboutQt = buttons->addButton(tr("About &Qt"), QDialogButtonBox::HelpRole);
    aboutQt->setObjectName(QStringLiteral("aboutQtButton"));
    aboutQt->setAutoDefault(false);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(copy, &QPushButton::clicked, this, [] { QApplication::clipboard()->setText(versionReport()); });
    connect(aboutQt, &QPushButton::clicked, this, [this] { QMessageBox::aboutQt(this); });
    resize(560, sizeHint().height());
}

AboutDialog::~AboutDialog() = default;

void AboutDialog::setLinkText(QLabel* label, std::function<QString(const QString&)> html)
{
    label->setText(html(palette().color(QPalette::Link).name()));
    m_linkLabels.emplace_back(label, std::move(html));
}

void AboutDialog::changeEvent(QEvent* event)
{
    QDialog::changeEvent(event);
    if (event->type() != QEvent::PaletteChange)
        return;
    const QString color = palette().color(QPalette::Link).name();
    for (const auto& [label, html] : m_linkLabels)
        label->setText(html(color));
}

} // namespace pv::ui
