// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/store/SnapshotRepository.h"

#include <QAbstractTableModel>
#include <QList>

#include <optional>

namespace pv::ui {

/// One policy of a snapshot's detail: what it holds, or what it no longer holds (deleted).
struct SnapshotPolicyRow
{
    qint64 policyId = 0;
    QString displayName;
    QString typeKey;
    QString platform;
    qint64 versionId = 0;
    int versionNumber = 0;          ///< 1 = the policy's first version; 0 for a deleted row
    QDateTime capturedAt;           ///< when that version was first captured
    /// Against the previous snapshot of its type; nullopt for a row that is gone (deleted).
    std::optional<PolicyChange> change;
};

/// Everything the detail panel of one snapshot shows, read in one go off the GUI thread.
struct SnapshotDetailData
{
    SnapshotDetail detail;
    SnapshotChanges changes;
    QList<SnapshotPolicyRow> policies;   ///< held ones, then the deleted ones
};

/// Reads SnapshotDetailData (for RunReader::submit: it runs on the reader's thread).
Result<SnapshotDetailData> readSnapshotDetail(const SnapshotRepository& snapshots, const TenantScope& scope,
                                              qint64 snapshotId);

/// The policies of one snapshot with type, version and change; deleted ones last.
class SnapshotPoliciesModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SnapshotPoliciesModel)

public:
    enum class Column { Name, Type, Platform, Version, Change, Captured, Count };

    explicit SnapshotPoliciesModel(QObject* parent = nullptr);
    ~SnapshotPoliciesModel() override;

    void setRows(QList<SnapshotPolicyRow> rows);
    const QList<SnapshotPolicyRow>& rows() const { return m_rows; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString changeText(const std::optional<PolicyChange>& change);

private:
    QList<SnapshotPolicyRow> m_rows;
};

} // namespace pv::ui
