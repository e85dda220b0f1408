// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/common/TenantScope.h"
#include "ui/RestoreSource.h"

#include <QWidget>

#include <optional>

class QCheckBox;
class QLabel;
class QStackedWidget;
class QTreeWidget;
class QTreeWidgetItem;

namespace pv {
class SnapshotRepository;
}

namespace pv::ui {

class RunReader;

/// Step 1 of the restore flow: the objects of the snapshot, grouped by type and checkable
/// (or the one policy version), and whether assignments are restored too. Reads off the GUI
/// thread through the flow's reader.
class RestoreItemsStep final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RestoreItemsStep)

public:
    RestoreItemsStep(RunReader& reader, const SnapshotRepository& snapshots, QWidget* parent = nullptr);
    ~RestoreItemsStep() override;

    void load(const TenantScope& scope, const RestoreSource& source);
    bool isLoading() const { return m_loading; }
    /// Objects listed (after loading).
    int itemCount() const { return m_itemCount; }
    /// Checked policy ids, in list order.
    QList<qint64> checkedPolicyIds() const;
    bool allChecked() const { return checkedPolicyIds().size() == m_itemCount; }
    bool assignments() const;
    /// Something can be previewed: loaded, and at least one object checked.
    bool canPreview() const;

    QTreeWidget* tree() const { return m_tree; }
    QCheckBox* assignmentsBox() const { return m_assignments; }

signals:
    void selectionChanged();

private:
    struct Row
    {
        qint64 policyId = 0;
        QString name;
        QString typeKey;
        QString detail;   ///< version number and capture time
    };
    void fill(const QList<Row>& rows, const QList<qint64>& preselected, bool fixed);
    void showEmpty(const QString& headline, const QString& nextStep);
    void updateCount();

    RunReader& m_reader;
    const SnapshotRepository& m_snapshots;
    bool m_loading = false;
    int m_itemCount = 0;
    int m_generation = 0;
    QLabel* m_intro = nullptr;
    QLabel* m_count = nullptr;
    QStackedWidget* m_stack = nullptr;
    QTreeWidget* m_tree = nullptr;
    QLabel* m_empty = nullptr;
    QCheckBox* m_assignments = nullptr;
};

} // namespace pv::ui
