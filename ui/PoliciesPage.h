// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/common/TenantScope.h"
#include "core/normalize/PolicyGeneral.h"
#include "core/normalize/RowDiff.h"
#include "core/normalize/SettingRow.h"
#include "core/store/SnapshotRepository.h"

#include <QHash>
#include <QJsonObject>
#include <QWidget>

#include <memory>
#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;
class QTableView;
class QTableWidget;
class QTimer;

namespace pv {
class Database;
class RunService;
class SnapshotRepository;
}

namespace pv::ui {

class MessageWidget;
class PoliciesModel;
class PolicySettingsModel;
class RunReader;

/// A tenant's captured policies (name, type, platform, last modified, versions; search and
/// type filter) and the selected one's detail: General (cards) and Settings (the normalizer's
/// rows, searchable). Works on the local store only; every read runs off the GUI thread.
class PoliciesPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PoliciesPage)

public:
    PoliciesPage(RunService& runService, const SnapshotRepository& snapshots, std::shared_ptr<Database> database,
                 QWidget* parent = nullptr);
    ~PoliciesPage() override;

    void setScope(const std::optional<TenantScope>& scope);
    /// Re-reads the list (and the selected policy) off the GUI thread.
    void reload();
    void selectPolicy(qint64 policyId);
    qint64 selectedPolicyId() const;
    /// True while the list or the selected policy is being read (tests wait for it).
    bool isLoading() const;

    PoliciesModel* model() const { return m_model; }
    QTableView* view() const { return m_view; }
    PolicySettingsModel* settingsModel() const { return m_settingsModel; }
    QTabWidget* tabs() const { return m_tabs; }
    QLineEdit* searchField() const { return m_search; }
    QComboBox* typeFilter() const { return m_typeFilter; }
    QLineEdit* settingsSearchField() const { return m_settingsSearch; }
    /// The General card's value label for `field` ("name", "description", "type", "platforms",
    /// "technologies", "template", "scopeTags", "created", "modified").
    QLabel* generalValue(const QString& field) const { return m_general.value(field); }
    QPlainTextEdit* jsonView() const { return m_json; }
    QLineEdit* jsonSearchField() const { return m_jsonSearch; }
    QTableWidget* versionsTable() const { return m_versions; }
    QComboBox* diffFrom() const { return m_diffFrom; }
    QComboBox* diffTo() const { return m_diffTo; }
    QTableWidget* diffTable() const { return m_diff; }
    QLabel* diffSummary() const { return m_diffSummary; }
    QPushButton* restoreVersionButton() const { return m_restoreVersion; }

signals:
    /// "Restore this version…" on the Versions tab.
    void restoreVersionRequested(qint64 policyId, qint64 versionId);

private:
    struct Detail
    {
        qint64 policyId = 0;
        QString typeKey;
        normalize::PolicyGeneral general;
        QList<normalize::SettingRow> rows;
        QJsonObject content;
        QList<PolicyVersionRecord> versions;   ///< oldest first: number = index + 1
    };
    void readSelected();
    void showDetail(const Detail& detail);
    void clearDetail();
    void applyListFilter();
    void updateCount();
    QWidget* buildGeneralTab();
    QWidget* buildSettingsTab();
    QWidget* buildJsonTab();
    void findInJson(bool fromStart);
    QWidget* buildVersionsTab();
    void showVersions(const QList<PolicyVersionRecord>& versions);
    void readDiff();

    const SnapshotRepository& m_snapshots;
    std::shared_ptr<Database> m_database;
    RunReader* m_reader = nullptr;
    PoliciesModel* m_model = nullptr;
    PolicySettingsModel* m_settingsModel = nullptr;
    std::optional<TenantScope> m_scope;
    int m_listRequested = 0;
    int m_listDelivered = 0;
    int m_detailRequested = 0;
    int m_detailDelivered = 0;
    qint64 m_selectWhenListed = 0;

    QLabel* m_countLabel = nullptr;
    MessageWidget* m_message = nullptr;
    QLineEdit* m_search = nullptr;
    QComboBox* m_typeFilter = nullptr;
    QTableView* m_view = nullptr;
    QTabWidget* m_tabs = nullptr;
    QHash<QString, QLabel*> m_general;
    QLineEdit* m_settingsSearch = nullptr;
    QTimer* m_settingsDebounce = nullptr;
    QLabel* m_settingsCount = nullptr;
    QTableView* m_settingsView = nullptr;
    QLineEdit* m_jsonSearch = nullptr;
    QPlainTextEdit* m_json = nullptr;
    QList<PolicyVersionRecord> m_shownVersions;
    QTableWidget* m_versions = nullptr;
    QPushButton* m_restoreVersion = nullptr;
    QComboBox* m_diffFrom = nullptr;
    QComboBox* m_diffTo = nullptr;
    QTableWidget* m_diff = nullptr;
    QLabel* m_diffSummary = nullptr;
    int m_diffRequested = 0;
    int m_diffDelivered = 0;
};

} // namespace pv::ui
