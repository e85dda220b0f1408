// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "ui/PolicyJsonTab.h"

#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace pv::ui {

PolicyJsonTab::PolicyJsonTab(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("policyJsonTab"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 8, 0, 0);
    layout->setSpacing(8);
    auto* bar = new QHBoxLayout;
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("jsonSearch"));
    m_search->setPlaceholderText(tr("Find in JSON (Enter: next)"));
    m_search->setClearButtonEnabled(true);
    bar->addWidget(m_search, 1);
    auto* copy = new QPushButton(tr("Copy"), this);
    copy->setObjectName(QStringLiteral("jsonCopyButton"));
    bar->addWidget(copy);
    layout->addLayout(bar);
    m_json = new QPlainTextEdit(this);
    m_json->setObjectName(QStringLiteral("policyJson"));
    m_json->setReadOnly(true);
    m_json->setTabChangesFocus(true);
    m_json->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_json->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    layout->addWidget(m_json, 1);
    connect(m_search, &QLineEdit::textChanged, this, [this] { find(true); });
    connect(m_search, &QLineEdit::returnPressed, this, [this] { find(false); });
    connect(copy, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(m_json->toPlainText()); });
}

void PolicyJsonTab::setContent(const QJsonObject& content)
{
    m_json->setPlainText(QString::fromUtf8(QJsonDocument(content).toJson(QJsonDocument::Indented)));
    find(true);
}

void PolicyJsonTab::clear()
{
    m_json->clear();
}

void PolicyJsonTab::find(bool fromStart)
{
    const QString needle = m_search->text();
    if (needle.isEmpty())
        return;
    if (fromStart)
        m_json->moveCursor(QTextCursor::Start);
    // Wraps around: Enter after the last hit starts again at the top.
    if (!m_json->find(needle) && !fromStart) {
        m_json->moveCursor(QTextCursor::Start);
        m_json->find(needle);
    }
}

} // namespace pv::ui
