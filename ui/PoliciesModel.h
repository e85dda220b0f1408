// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/store/PolicyCatalog.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

namespace pv::ui {

/// The Policies page's list: name, type, platform, technologies, last modified, last captured,
/// versions. It filters itself
/// (search text over the name and Graph id, one type or all) over a lower-cased index, so 5,000
/// policies filter without a proxy's per-row QVariant round trips.
class PoliciesModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PoliciesModel)

public:
    enum class Column { Name, Type, Platform, Technologies, LastModified, LastCaptured, Versions, Count };

    explicit PoliciesModel(QObject* parent = nullptr);

    void setPolicies(QList<PolicySummary> policies);
    void setFilter(const QString& text, const QString& typeKey);
    /// Fills the Technologies column (policy id → Graph's "mdm,microsoftSense"); read from the
    /// latest versions after the list is shown, so 5,000 policies list without reading content.
    void setTechnologies(const QHash<qint64, QString>& technologies);
    /// The visible row of the policy; -1 when hidden or unknown.
    int rowOf(qint64 policyId) const;
    const PolicySummary& summary(int visibleRow) const;
    int totalPolicies() const { return int(m_policies.size()); }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    void applyFilter();

    QList<PolicySummary> m_policies;
    QStringList m_searchIndex;
    QHash<qint64, QString> m_technologies;   ///< policy id → readable labels
    QList<int> m_visible;
    QString m_text;
    QString m_type;
};

} // namespace pv::ui
