// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/common/TenantScope.h"
#include "core/runs/RunTypes.h"
#include "core/normalize/PolicyAssignments.h"
#include "core/normalize/PolicyGeneral.h"
#include "core/normalize/SettingRow.h"
#include "core/store/PolicyCatalog.h"
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
class QSplitter;
class QStackedWidget;
class QTabWidget;
class QTableView;
class QTableWidget;

namespace pv {
class Database;
class RunService;
class SnapshotRepository;
}

namespace pv::ui {

class MessageWidget;
class PoliciesModel;
class PolicyAssignmentsTab;
class PolicyCaptureAction;
class PolicyGeneralTab;
class PolicyJsonTab;
class PolicySettingsModel;
class PolicySettingsTab;
class PolicyVersionsTab;
class RunReader;

/// A tenant's captured policies (name, type, platform, technologies, last modified, last
/// captured, versions; search and type filter) and the selected one's detail: General (cards),
/// Settings, Assignments, JSON, Versions, and "Capture snapshot". Works on the local store only;
/// every read runs off the GUI thread. The splitter and the column widths are remembered
/// (QSettings).
class PoliciesPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PoliciesPage)

public:
    enum Tab { GeneralTab, SettingsTab, AssignmentsTab, JsonTab, VersionsTab };

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
    /// Starts "Capture snapshot" of the selected policy (the button's click).
    void captureSelected();
    /// Writes the splitter and column state to QSettings (also done when the page hides).
    void saveState() const;

    PoliciesModel* model() const { return m_model; }
    QTableView* view() const { return m_view; }
    QSplitter* splitter() const { return m_splitter; }
    PolicySettingsModel* settingsModel() const;
    PolicySettingsTab* settingsTab() const { return m_settingsTab; }
    PolicyAssignmentsTab* assignmentsTab() const { return m_assignmentsTab; }
    PolicyVersionsTab* versionsTab() const { return m_versionsTab; }
    QTabWidget* tabs() const { return m_tabs; }
    QLineEdit* searchField() const { return m_search; }
    QComboBox* typeFilter() const { return m_typeFilter; }
    QLineEdit* settingsSearchField() const;
    /// The General card's value label for `field` ("name", "description", "type", "platforms",
    /// "technologies", "template", "scopeTags", "created", "modified").
    QLabel* generalValue(const QString& field) const;
    QPlainTextEdit* jsonView() const;
    QLineEdit* jsonSearchField() const;
    QTableWidget* versionsTable() const;
    QComboBox* diffFrom() const;
    QComboBox* diffTo() const;
    QTableWidget* diffTable() const;
    QLabel* diffSummary() const;
    QPushButton* captureButton() const { return m_captureButton; }
    /// The capture banner ("Capturing … — View run").
    MessageWidget* captureBanner() const { return m_captureBanner; }
    /// The run the capture banner shows (0: none).
    qint64 captureRunId() const { return m_captureRunId; }
    /// The page's empty state (no tenant captured yet); visible instead of the list and detail.
    QLabel* emptyState() const { return m_empty; }

signals:
    /// "View run" on the capture banner.
    void openRunRequested(qint64 runId);

protected:
    void hideEvent(QHideEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    struct Detail
    {
        qint64 policyId = 0;
        QString typeKey;
        normalize::PolicyGeneral general;
        QList<normalize::SettingRow> rows;
        QList<normalize::AssignmentRow> assignments;
        QJsonObject content;
        QList<PolicyVersionRecord> versions;   ///< oldest first: number = index + 1
    };
    QWidget* buildDetail(QWidget* parent);
    void readSelected();
    void readTechnologies(const QList<PolicySummary>& policies);
    void showDetail(const Detail& detail);
    void clearDetail();
    void applyListFilter();
    void updateCount();
    void updateEmptyState();
    void restoreState();
    void onCaptureStarted(qint64 policyId, qint64 runId, bool reused);
    void onRunFinished(qint64 tenantId, qint64 runId, RunStatus status);

    const SnapshotRepository& m_snapshots;
    std::shared_ptr<Database> m_database;
    RunReader* m_reader = nullptr;
    PoliciesModel* m_model = nullptr;
    PolicyCaptureAction* m_capture = nullptr;
    std::optional<TenantScope> m_scope;
    int m_listRequested = 0;
    int m_listDelivered = 0;
    int m_detailRequested = 0;
    int m_detailDelivered = 0;
    int m_technologiesRequested = 0;
    int m_technologiesDelivered = 0;
    qint64 m_selectWhenListed = 0;
    qint64 m_captureRunId = 0;
    QList<int> m_pendingSplitterSizes;   ///< remembered sizes, applied when the splitter first shows
    bool m_splitterShown = false;
    int m_captureStarting = 0;

    QLabel* m_countLabel = nullptr;
    MessageWidget* m_message = nullptr;
    QLineEdit* m_search = nullptr;
    QComboBox* m_typeFilter = nullptr;
    QStackedWidget* m_body = nullptr;
    QLabel* m_empty = nullptr;
    QSplitter* m_splitter = nullptr;
    QTableView* m_view = nullptr;
    QLabel* m_detailTitle = nullptr;
    QPushButton* m_captureButton = nullptr;
    MessageWidget* m_captureBanner = nullptr;
    QTabWidget* m_tabs = nullptr;
    PolicyGeneralTab* m_generalTab = nullptr;
    PolicySettingsTab* m_settingsTab = nullptr;
    PolicyAssignmentsTab* m_assignmentsTab = nullptr;
    PolicyJsonTab* m_jsonTab = nullptr;
    PolicyVersionsTab* m_versionsTab = nullptr;
};

} // namespace pv::ui
