// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include <QWidget>

class QCheckBox;
class QLabel;

namespace pv::ui {

class MessageWidget;
class RestorePlanModel;

/// The last step of the restore flow: what the restore will write, to which tenant, and the
/// checkbox that names both ("I understand this writes 7 changes to tenant Contoso"), without
/// which Restore stays disabled. A read-only tenant says why it cannot be restored.
class RestoreConfirmPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RestoreConfirmPanel)

public:
    explicit RestoreConfirmPanel(QWidget* parent = nullptr);
    ~RestoreConfirmPanel() override;

    void setPlan(qint64 planRunId, const RestorePlanModel& plan, const QString& tenantName, bool assignments,
                 bool readOnlyTenant);
    /// The box is ticked (and can be: writes > 0, tenant writable).
    bool isConfirmed() const;
    void showError(const QString& message);
    void hideError();

    QCheckBox* confirmBox() const { return m_confirm; }
    QLabel* summary() const { return m_summary; }

signals:
    void confirmedChanged(bool confirmed);

private:
    QLabel* m_summary = nullptr;
    MessageWidget* m_message = nullptr;
    QCheckBox* m_confirm = nullptr;
    QLabel* m_note = nullptr;
};

} // namespace pv::ui
