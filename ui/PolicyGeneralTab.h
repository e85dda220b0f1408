// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/normalize/PolicyGeneral.h"

#include <QHash>
#include <QScrollArea>

class QLabel;

namespace pv::ui {

/// The Policies page's General tab: two cards — what the policy is (name, description, type,
/// platform, technologies) and where it comes from (template, scope tags, created, modified as
/// local `YYYY-MM-DD HH:MM:SS`, ISO 8601 UTC in the tooltip).
class PolicyGeneralTab final : public QScrollArea
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PolicyGeneralTab)

public:
    explicit PolicyGeneralTab(QWidget* parent = nullptr);

    void showGeneral(const normalize::PolicyGeneral& general, const QString& typeKey);
    void clear();
    /// The value label of `field` ("name", "description", "type", "platforms", "technologies",
    /// "template", "scopeTags", "created", "modified").
    QLabel* value(const QString& field) const { return m_values.value(field); }

private:
    QHash<QString, QLabel*> m_values;
};

} // namespace pv::ui
