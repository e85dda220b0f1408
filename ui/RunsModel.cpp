// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "ui/RunsModel.h"

#include "core/runs/RunService.h"
#include "ui/ModelRoles.h"
#include "ui/RunReader.h"
#include "ui/UiFormat.h"

#include <QDateTime>
#include <QTimer>

namespace pv::ui {

namespace {
constexpr int column(RunsModel::Column c)
{
    return static_cast<int>(c);
}

std::chrono::milliseconds runDuration(const RunRecord& run)
{
    if (!run.startedAt.isValid())
        return std::chrono::milliseconds(0);
    const QDateTime end = run.finishedAt.isValid() ? run.finishedAt : QDateTime::currentDateTimeUtc();
    return std::chrono::milliseconds(run.startedAt.msecsTo(end));
}

// What a reload can change about a run that is already listed.
bool sameState(const RunRecord& a, const RunRecord& b)
{
    return a.status == b.status && a.progressDone == b.progressDone && a.progressTotal == b.progressTotal
           && a.startedAt == b.startedAt && a.finishedAt == b.finishedAt && a.errorSummary == b.errorSummary
           && a.succeededCount == b.succeededCount && a.failedCount == b.failedCount
           && a.skippedCount == b.skippedCount;
}

QString progressText(const RunRecord& run)
{
    if (run.progressTotal <= 0)
        return isActive(run.status) ? RunsModel::tr("Planning…") : QString();
    return RunsModel::tr("%1 / %2").arg(run.progressDone).arg(run.progressTotal);
}
} // namespace

RunsModel::RunsModel(RunService& runService, QObject* parent)
    : QAbstractTableModel(parent)
    , m_runService(runService)
    , m_reader(new RunReader(runService, this))
    , m_durationTimer(new QTimer(this))
{
    connect(m_reader, &RunReader::runRead, this, &RunsModel::applyRun);
    connect(m_reader, &RunReader::readFailed, this, [this](qint64, const QString& message) { emit loadFailed(message); });
    connect(&m_runService, &RunService::runChanged, this, &RunsModel::onRunChanged);
    connect(&m_runService, &RunService::runFinished, this,
            [this](qint64 tenantId, qint64 runId, RunStatus) { onRunChanged(tenantId, runId); });
    // Running durations tick once a second; only the Duration cells of active rows change.
    m_durationTimer->setInterval(1000);
    connect(m_durationTimer, &QTimer::timeout, this, &RunsModel::tickDurations);
    m_durationTimer->start();
}

RunsModel::~RunsModel() = default;

void RunsModel::setScope(const std::optional<TenantScope>& scope)
{
    const bool sameTenant = m_scope && scope && m_scope->tenantId() == scope->tenantId();
    m_scope = scope;
    if (!sameTenant) {
        beginResetModel();
        m_runs.clear();
        m_rowById.clear();
        m_loading = m_scope.has_value();
        endResetModel();
    }
    reload();
}

void RunsModel::reload()
{
    if (!m_scope)
        return;
    const RunService* service = &m_runService;
    const TenantScope scope = *m_scope;
    m_reader->submit<Result<QList<RunRecord>>>(
        QStringLiteral("runs"), this, [service, scope] { return service->runs(scope); },
        [this, tenantId = scope.tenantId()](const Result<QList<RunRecord>>& runs) { applyList(tenantId, runs); });
}

void RunsModel::applyList(qint64 tenantId, const Result<QList<RunRecord>>& runs)
{
    // A list that was on its way while the tenant changed belongs to the old tenant.
    if (!m_scope || tenantId != m_scope->tenantId())
        return;
    const bool first = m_loading;
    m_loading = false;
    if (!runs) {
        emit loadFailed(runs.error().message);
        if (first)
            emit loaded();
        return;
    }
    if (first) {
        beginResetModel();
        m_runs = runs.value();
        rebuildIndex();
        endResetModel();
        emit loaded();
        return;
    }

    // A later reload: remove what is gone, update what changed, append what is new — rows
    // keep their place, so the selection and the scroll position stay.
    QHash<qint64, int> fresh;
    for (int i = 0; i < runs->size(); ++i)
        fresh.insert(runs->at(i).id, i);
    for (int row = int(m_runs.size()) - 1; row >= 0; --row) {
        if (fresh.contains(m_runs.at(row).id))
            continue;
        beginRemoveRows({}, row, row);
        m_runs.removeAt(row);
        endRemoveRows();
    }
    rebuildIndex();
    for (const RunRecord& run : runs.value()) {
        const int row = rowOf(run.id);
        if (row < 0 || !sameState(m_runs.at(row), run))
            applyRun(run);
    }
}

void RunsModel::refreshRun(qint64 runId)
{
    if (!m_scope)
        return;
    m_reader->readRun(*m_scope, runId);
}

bool RunsModel::isRefreshing() const
{
    return m_reader->isBusy();
}

void RunsModel::applyRun(const RunRecord& run)
{
    // A read that was on its way while the tenant changed belongs to the old list.
    if (!m_scope || run.tenantId != m_scope->tenantId())
        return;
    const int row = rowOf(run.id);
    if (row >= 0) {
        m_runs[row] = run;
        emit dataChanged(index(row, 0), index(row, columnCount() - 1));
        return;
    }
    const int newRow = int(m_runs.size());
    beginInsertRows({}, newRow, newRow);
    m_runs.append(run);
    m_rowById.insert(run.id, newRow);
    endInsertRows();
}

int RunsModel::rowOf(qint64 runId) const
{
    return m_rowById.value(runId, -1);
}

qint64 RunsModel::runIdAt(int row) const
{
    return row >= 0 && row < m_runs.size() ? m_runs.at(row).id : 0;
}

const RunRecord* RunsModel::record(int row) const
{
    return row >= 0 && row < m_runs.size() ? &m_runs.at(row) : nullptr;
}

int RunsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_runs.size());
}

int RunsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : column(Column::Count);
}

QVariant RunsModel::data(const QModelIndex& index, int role) const
{
    Q_ASSERT(checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid));
    const RunRecord& run = m_runs.at(index.row());
    const auto col = static_cast<Column>(index.column());

    if (role == IdRole)
        return run.id;

    switch (col) {
    case Column::Kind:
        if (role == Qt::DisplayRole || role == Qt::ToolTipRole)
            return kindText(m_runService.kindDisplayName(run.kind));
        if (role == UnderlyingDataRole)
            return run.kind;
        break;
    case Column::Status:
        if (role == Qt::DisplayRole)
            return statusText(run.status);
        if (role == Qt::DecorationRole)
            return statusIcon(run.status);
        if (role == Qt::ToolTipRole)
            return run.errorSummary.isEmpty() ? statusText(run.status) : run.errorSummary;
        if (role == UnderlyingDataRole)
            return static_cast<int>(run.status);
        break;
    case Column::Progress:
        if (role == Qt::DisplayRole)
            return progressText(run);
        if (role == UnderlyingDataRole)
            return run.progressTotal > 0 ? double(run.progressDone) / double(run.progressTotal) : 0.0;
        if (role == ProgressDoneRole)
            return run.progressDone;
        if (role == ProgressTotalRole)
            return run.progressTotal;
        break;
    case Column::Started:
        if (role == Qt::DisplayRole)
            return run.startedAt.isValid() ? formatDateTime(run.startedAt) : tr("Not started");
        if (role == UnderlyingDataRole)
            return run.startedAt.isValid() ? run.startedAt : run.createdAt;
        break;
    case Column::Duration:
        if (role == Qt::DisplayRole)
            return run.startedAt.isValid() ? formatDuration(runDuration(run)) : QString();
        if (role == UnderlyingDataRole)
            return qint64(runDuration(run).count());
        if (role == Qt::TextAlignmentRole)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case Column::Count:
        break;
    }
    return {};
}

QVariant RunsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (static_cast<Column>(section)) {
    case Column::Kind: return tr("Kind");
    case Column::Status: return tr("Status");
    case Column::Progress: return tr("Progress");
    case Column::Started: return tr("Started");
    case Column::Duration: return tr("Duration");
    case Column::Count: break;
    }
    return {};
}

void RunsModel::onRunChanged(qint64 tenantId, qint64 runId)
{
    if (!m_scope || tenantId != m_scope->tenantId())
        return;
    refreshRun(runId);
}

void RunsModel::tickDurations()
{
    int first = -1;
    int last = -1;
    for (int row = 0; row < m_runs.size(); ++row) {
        if (m_runs.at(row).status == RunStatus::Running) {
            if (first < 0)
                first = row;
            last = row;
        }
    }
    if (first >= 0)
        emit dataChanged(index(first, column(Column::Duration)), index(last, column(Column::Duration)),
                         {Qt::DisplayRole, UnderlyingDataRole});
}

void RunsModel::rebuildIndex()
{
    m_rowById.clear();
    for (int row = 0; row < m_runs.size(); ++row)
        m_rowById.insert(m_runs.at(row).id, row);
}

} // namespace pv::ui
