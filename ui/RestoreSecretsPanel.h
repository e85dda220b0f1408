// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/restore/RestorePlan.h"
#include "core/restore/SuppliedSecrets.h"

#include <QHash>
#include <QList>
#include <QWidget>

class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;

namespace pv::ui {

class MessageWidget;

/// Step 4 of the restore flow (only when the plan needs them): one password field per secret
/// setting an item could not restore without a value ("secretsNeeded" of its diff). "Preview
/// again" hands the values to the flow, which stores them in the keychain and re-plans.
class RestoreSecretsPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RestoreSecretsPanel)

public:
    explicit RestoreSecretsPanel(QWidget* parent = nullptr);
    ~RestoreSecretsPanel() override;

    /// The items of the plan; fields keep what was typed for the same policy and setting.
    void setItems(const QList<restore::PlanItem>& items);
    /// How many secret settings the plan still needs.
    int neededCount() const { return int(m_fields.size()); }
    /// The non-empty values, by PolicyVault id (decimal) and setting definition id.
    restore::SuppliedSecrets::Values values() const;
    /// Every field, keyed "<policyId>/<definitionId>" (tests fill them).
    QLineEdit* field(qint64 policyId, const QString& definitionId) const;
    /// Focuses the first field (or the button when there is none).
    void focusFirst();
    void setBusy(bool busy);
    void showError(const QString& message);

    QPushButton* replanButton() const { return m_replan; }

signals:
    void replanRequested();

private:
    static QString key(qint64 policyId, const QString& definitionId);
    void updateButton();

    QLabel* m_intro = nullptr;
    MessageWidget* m_message = nullptr;
    QWidget* m_form = nullptr;
    QFormLayout* m_layout = nullptr;
    QPushButton* m_replan = nullptr;
    QHash<QString, QLineEdit*> m_fields;
    QLineEdit* m_firstField = nullptr;
    QHash<QString, QString> m_typed;   ///< survives a re-plan, so a user types each value once
    bool m_busy = false;
};

} // namespace pv::ui
