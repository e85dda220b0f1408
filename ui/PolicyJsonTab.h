// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include <QJsonObject>
#include <QWidget>

class QLineEdit;
class QPlainTextEdit;

namespace pv::ui {

/// The Policies page's JSON tab: the stored canonical JSON, indented, with find (Enter: next
/// hit, wrapping) and Copy.
class PolicyJsonTab final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PolicyJsonTab)

public:
    explicit PolicyJsonTab(QWidget* parent = nullptr);

    void setContent(const QJsonObject& content);
    void clear();
    QPlainTextEdit* view() const { return m_json; }
    QLineEdit* searchField() const { return m_search; }

private:
    void find(bool fromStart);

    QLineEdit* m_search = nullptr;
    QPlainTextEdit* m_json = nullptr;
};

} // namespace pv::ui
