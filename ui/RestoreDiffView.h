// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/restore/RestorePlan.h"

#include <QWidget>

class QLabel;
class QStackedWidget;
class QTreeWidget;

namespace pv::ui {

class MessageWidget;

/// The differences of one plan item, read from the plan's diff JSON: each setting with its
/// value in the tenant now and after the restore, the changed properties (metadata), the
/// assignment change, and the secret values the item still needs.
class RestoreDiffView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RestoreDiffView)

public:
    explicit RestoreDiffView(QWidget* parent = nullptr);
    ~RestoreDiffView() override;

    void showItem(const restore::PlanItem& item);
    void clear();

    QTreeWidget* tree() const { return m_tree; }
    /// The banner with the reason (conflict, cannot restore, create).
    MessageWidget* reasonBanner() const { return m_reason; }

private:
    QLabel* m_title = nullptr;
    QLabel* m_subtitle = nullptr;
    MessageWidget* m_reason = nullptr;
    QStackedWidget* m_stack = nullptr;
    QTreeWidget* m_tree = nullptr;
    QLabel* m_empty = nullptr;
};

} // namespace pv::ui
