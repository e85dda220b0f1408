// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include <QFrame>

class QLabel;
class QPushButton;
class QToolButton;

namespace pv::ui {

/// An inline message banner (in the spirit of KeePassXC's MessageWidget / KMessageWidget):
/// errors and notices show in the page instead of in modal boxes. Optionally carries one
/// action button ("View run", "Retry", …).
class MessageWidget final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MessageWidget)

public:
    enum class Type { Information, Positive, Warning, Error };

    explicit MessageWidget(QWidget* parent = nullptr);
    ~MessageWidget() override;

    /// Shows `text` (plain text; shown as is) with an optional action.
    void showMessage(Type type, const QString& text, const QString& actionText = {});
    void hideMessage();

    Type type() const { return m_type; }
    QString text() const;
    bool isCloseable() const;
    void setCloseable(bool closeable);

signals:
    void actionTriggered();
    void closed();

protected:
    void paintEvent(QPaintEvent* event) override;

private:

    QLabel* m_icon = nullptr;
    QLabel* m_text = nullptr;
    QPushButton* m_action = nullptr;
    QToolButton* m_close = nullptr;
    Type m_type = Type::Information;
};

} // namespace pv::ui
