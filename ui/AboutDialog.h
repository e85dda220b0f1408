// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include <QDialog>
#include <QList>
#include <QString>

#include <functional>
#include <utility>
#include <vector>

class QLabel;
class QTableWidget;

namespace pv::ui {

/// Help ▸ About PolicyVault: the version, the licence, and every third-party library with
/// its version and licence (Qt's LGPL asks for that notice). "Copy" puts the versions on the
/// clipboard for a support ticket.
class AboutDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AboutDialog)

public:
    struct Component
    {
        QString name;
        QString version;
        QString licence;      ///< SPDX identifier
        QString licenceUrl;
        QString homepage;
    };

    explicit AboutDialog(QWidget* parent = nullptr);
    ~AboutDialog() override;

    /// The third-party components, in the order shown.
    static QList<Component> components();
    /// Plain text with the app's and the components' versions and the OS.
    static QString versionReport();

protected:
    void changeEvent(QEvent* event) override;

private:
    QTableWidget* m_table = nullptr;
    /// Rich text keeps the link colour it was parsed with: labels with links are rebuilt, in the
    /// palette's link colour, when the palette changes (dark mode).
    void setLinkText(QLabel* label, std::function<QString(const QString& linkColor)> html);
    std::vector<std::pair<QLabel*, std::function<QString(const QString&)>>> m_linkLabels;
};

} // namespace pv::ui
