// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "ui/SnapshotPoliciesModel.h"

#include <QDateTime>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QStackedWidget;
class QTableView;
class QTableWidget;
class QTimer;

namespace pv::ui {

class MessageWidget;

/// One snapshot: when, complete or not (naming the incomplete types), counts and changes per
/// type, and its policies with type, version and change since the previous snapshot.
class SnapshotDetailPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SnapshotDetailPanel)

public:
    explicit SnapshotDetailPanel(QWidget* parent = nullptr);
    ~SnapshotDetailPanel() override;

    void showDetail(const SnapshotDetailData& data);
    /// `loading`: a snapshot is selected and its detail is on its way.
    void clear(bool loading = false);
    qint64 snapshotId() const { return m_snapshotId; }

    SnapshotPoliciesModel* policiesModel() const { return m_model; }
    QSortFilterProxyModel* policiesProxy() const { return m_proxy; }

    QPushButton* restoreButton() const { return m_restore; }
    /// Policy ids of the selected rows that the snapshot holds (deleted rows left out).
    QList<qint64> selectedPolicyIds() const;

signals:
    void openRunRequested(qint64 runId);
    /// "Restore…": the snapshot, and the policies selected in it (empty: the whole snapshot).
    void restoreRequested(qint64 snapshotId, const QList<qint64>& policyIds);

protected:
    void changeEvent(QEvent* event) override;

private:
    void updateFacts();
    void fillTypes(const SnapshotDetailData& data);
    void updatePolicyCount();
    void updateRestoreButton();

    qint64 m_snapshotId = 0;
    qint64 m_runId = 0;     ///< the backup run that wrote the shown snapshot
    QDateTime m_takenAt;
    SnapshotPoliciesModel* m_model = nullptr;
    QSortFilterProxyModel* m_proxy = nullptr;
    QTimer* m_searchTimer = nullptr;
    QLabel* m_title = nullptr;
    QLabel* m_facts = nullptr;
    QPushButton* m_restore = nullptr;
    bool m_restorable = false;   ///< finished, and holds something
    MessageWidget* m_banner = nullptr;
    QLabel* m_notCaptured = nullptr;
    QTableWidget* m_types = nullptr;
    QLineEdit* m_search = nullptr;
    QLabel* m_policyCount = nullptr;
    QStackedWidget* m_stack = nullptr;
    QTableView* m_policies = nullptr;
    QLabel* m_emptyState = nullptr;
};

} // namespace pv::ui
