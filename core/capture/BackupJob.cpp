// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/capture/BackupJob.h"

#include "core/capture/CaptureRequests.h"
#include "core/capture/GraphSession.h"
#include "core/capture/ItemRecorder.h"
#include "core/capture/SnapshotReferences.h"
#include "core/graph/ReadOnlyGraphClient.h"
#include "core/logging/Logging.h"
#include "core/store/SnapshotRepository.h"

#include <QCoreApplication>

#include <algorithm>

namespace pv::capture {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("pv::capture::BackupJob", text);
}

const QStringList PolicyTypes{QStringLiteral("settingsCatalog"), QStringLiteral("endpointSecurity"),
                              QStringLiteral("securityBaseline")};

/// `$batch` envelopes in flight at once: enough to keep the governor's concurrency cap busy
/// while envelopes wait for settings nextLinks.
constexpr int ChunksInFlight = 12;
constexpr int OperationsPerChunk = 20;

struct Listing
{
    bool done = false;
    std::optional<Result<graph::PagedItems>> result;
};

} // namespace

BackupJob::BackupJob(CaptureHooks hooks) : m_hooks(std::move(hooks)) {}

BackupJob::~BackupJob() = default;

QString BackupJob::itemKey(const QString& typeKey, const QString& graphId)
{
    return typeKey + QLatin1Char(':') + graphId;
}

Result<QList<JobItem>> BackupJob::plan(const JobContext& context)
{
    auto parameters = backupParameters(context.parameters);
    if (!parameters)
        return parameters.failure();
    m_types = parameters->types;
    m_full = parameters->full;
    auto session = GraphSession::open(context);
    if (!session)
        return session.failure();
    m_session = std::move(*session);

    // The lists, all at once. Filters and scope tags are listed even when not captured: the
    // snapshot stores them as references.
    const bool policies = std::any_of(PolicyTypes.begin(), PolicyTypes.end(),
                                      [&](const QString& t) { return m_types.contains(t); });
    QHash<QString, std::shared_ptr<Listing>> listings;
    const QStringList collections = policies ? QStringList{QStringLiteral("configurationPolicies"), QStringLiteral("assignmentFilters"), QStringLiteral("scopeTags")}
                                             : QStringList{QStringLiteral("assignmentFilters"), QStringLiteral("scopeTags")};
    for (const QString& collection : collections) {
        auto listing = std::make_shared<Listing>();
        listings.insert(collection, listing);
        const QString path = collection == u"configurationPolicies" ? QStringLiteral("/deviceManagement/configurationPolicies")
                                                                    : collectionOf(collection);
        m_session->client().getAllPages(path, [listing](Result<graph::PagedItems> pages) {
            listing->result.emplace(std::move(pages));
            listing->done = true;
        });
    }
    const bool listed = m_session->waitUntil(context, [&] {
        return std::all_of(listings.begin(), listings.end(), [](const auto& l) { return l->done; });
    });
    if (!listed) {
        // Cancelled while listing: nothing to do; the run ends cancelled.
        m_session->closeClient();
        return QList<JobItem>{};
    }

    // Every list failed the same way (no sign-in, no permission at all): the run fails with it.
    const Result<graph::PagedItems>& anyList = *listings.constBegin().value()->result;
    if (!anyList && std::all_of(listings.begin(), listings.end(), [&](const auto& l) {
            return !*l->result && l->result->error().code == anyList.error().code
                && l->result->error().httpStatus == anyList.error().httpStatus;
        }))
        return anyList.failure();

    // A resumed backup completes the snapshot its chain began; a first one opens it now that
    // there is something to put in it.
    SnapshotRepository& repo = m_session->snapshots();
    auto existing = repo.snapshotOfRun(m_session->scope(), context.runId);
    if (existing) {
        m_snapshotId = existing->id;
    } else if (existing.error().code == ErrorCode::NotFound) {
        auto begun = repo.beginSnapshot(m_session->scope(), context.runId, m_types);
        if (!begun)
            return begun.failure();
        m_snapshotId = *begun;
    } else {
        return existing.failure();
    }

    QList<Planned> planned;
    auto take = [&](const QString& typeKey, const QJsonObject& object) {
        Planned p;
        p.target.typeKey = typeKey;
        p.target.graphId = object.value(QStringLiteral("id")).toString();
        p.target.listed = object;
        p.displayName = PolicyContent::displayNameOf(object);
        p.modifiedAt = object.value(QStringLiteral("lastModifiedDateTime")).toString();
        if (!p.target.graphId.isEmpty())
            planned.append(p);
    };
    for (auto it = listings.constBegin(); it != listings.constEnd(); ++it) {
        const QString& collection = it.key();
        const Result<graph::PagedItems>& result = *it.value()->result;
        const QStringList types = collection == u"configurationPolicies" ? PolicyTypes : QStringList{collection};
        if (!result) {
            for (const QString& type : types) {
                if (m_types.contains(type))
                    m_listFailures.insert(type, result.error());
            }
            continue;
        }
        for (const QJsonValue& v : result->items) {
            const QJsonObject object = v.toObject();
            if (collection == u"assignmentFilters")
                m_filters.append(object);
            else if (collection == u"scopeTags")
                m_scopeTags.append(object);
            const QString typeKey = collection == u"configurationPolicies" ? PolicyContent::typeKeyOf(object) : collection;
            if (m_types.contains(typeKey))
                take(typeKey, object);
        }
    }

    // Deterministic order: type (as the request sorts them), display name, id.
    std::sort(planned.begin(), planned.end(), [&](const Planned& a, const Planned& b) {
        const auto ta = m_types.indexOf(a.target.typeKey);
        const auto tb = m_types.indexOf(b.target.typeKey);
        if (ta != tb)
            return ta < tb;
        const int byName = a.displayName.compare(b.displayName, Qt::CaseInsensitive);
        if (byName != 0)
            return byName < 0;
        return a.target.graphId < b.target.graphId;
    });
    QList<JobItem> items;
    for (const QString& type : std::as_const(m_types)) {
        if (m_listFailures.contains(type))
            items.append(JobItem{QStringLiteral("list:") + type, tr("List of %1").arg(type)});
    }
    for (const Planned& p : std::as_const(planned)) {
        const QString key = itemKey(p.target.typeKey, p.target.graphId);
        if (m_planned.contains(key))
            continue;   // Graph listed it twice (a page boundary moved): one item
        m_planned.insert(key, p);
        items.append(JobItem{key, p.displayName});
    }
    if (m_hooks.afterListing)
        m_hooks.afterListing();
    return items;
}

void BackupJob::start(const JobContext& context, const QList<JobItem>& items, ItemSink& sink)
{
    m_context = &context;
    m_items = &items;
    m_sink = &sink;
    m_outstanding = static_cast<int>(items.size());
    QList<int> chunk;
    int operations = 0;
    for (int i = 0; i < items.size(); ++i) {
        const QString& key = items.at(i).key;
        const auto planned = m_planned.find(key);
        if (planned == m_planned.end()) {
            // A list that did not arrive: its type is incomplete and the item says why.
            const QString type = key.mid(int(qstrlen("list:")));
            m_incomplete.insert(type);
            const Error error = m_listFailures.value(type);
            completeItem(i, ItemResult{ItemOutcome::Failed,
                                       tr("The list of %1 did not arrive completely, so this snapshot does not hold "
                                          "every %1 object: %2").arg(type, error.message),
                                       error.requestId});
            continue;
        }
        ++m_unreportedByType[planned->target.typeKey];
        prepareTarget(*planned);
        const int cost = std::max(1, operationsFor(planned->target));
        if (!chunk.isEmpty() && operations + cost > OperationsPerChunk) {
            m_chunks.append(chunk);
            chunk.clear();
            operations = 0;
        }
        chunk.append(i);
        operations += cost;
    }
    if (!chunk.isEmpty())
        m_chunks.append(chunk);
    startMore();
    if (m_outstanding == 0)
        storeReferences();
}

void BackupJob::prepareTarget(Planned& planned)
{
    ReadTarget& target = planned.target;
    target.readSettings = true;
    if (m_full || planned.modifiedAt.isEmpty() || !PolicyTypes.contains(target.typeKey))
        return;
    // Incremental: the settings of a policy whose lastModifiedDateTime did not move are the
    // ones already stored. Anything missing on our side means a full read.
    SnapshotRepository& repo = m_session->snapshots();
    const TenantScope& scope = m_session->scope();
    auto policy = repo.policyByGraphId(scope, target.typeKey, target.graphId);
    if (!policy || policy->deletedAt.isValid())
        return;
    auto modifiedAt = repo.graphModifiedAt(scope, policy->id);
    if (!modifiedAt || *modifiedAt != planned.modifiedAt)
        return;
    auto version = repo.latestVersion(scope, policy->id);
    if (!version)
        return;
    // Its content is loaded only when its envelope is sent (startMore): a re-capture of
    // thousands of policies never holds them all at once.
    planned.storedVersionId = version->id;
    target.readSettings = false;
}

void BackupJob::startMore()
{
    while (!m_cancelled && m_session && m_session->isOpen() && m_chunksInFlight < ChunksInFlight
           && m_nextChunk < m_chunks.size()) {
        const QList<int> chunk = m_chunks.at(m_nextChunk++);
        QList<ReadTarget> targets;
        for (int index : chunk) {
            const Planned& planned = m_planned[m_items->at(index).key];
            ReadTarget target = planned.target;
            if (!target.readSettings) {
                auto stored = m_session->snapshots().versionContent(m_session->scope(), planned.storedVersionId);
                if (stored && stored->contains(QStringLiteral("settings")))
                    target.stored = *stored;
                else
                    target.readSettings = true;   // what we hold is unreadable: read it again
            }
            targets.append(target);
        }
        ++m_chunksInFlight;
        auto remaining = std::make_shared<int>(static_cast<int>(chunk.size()));
        readObjects(m_session->client(), targets, [this, chunk, remaining](int i, Result<QJsonObject> object) {
            const int index = chunk.at(i);
            const Planned& planned = m_planned[m_items->at(index).key];
            completeItem(index, record(planned, object));
            if (--*remaining == 0) {
                --m_chunksInFlight;
                startMore();
            }
            if (m_outstanding == 0)
                storeReferences();
        });
    }
}

ItemResult BackupJob::record(const Planned& planned, const Result<QJsonObject>& object)
{
    RecordedItem recorded = recordObject(m_session->snapshots(), m_session->scope(), m_context->runId,
                                         planned.target.typeKey, planned.target.graphId, planned.displayName,
                                         planned.modifiedAt, object);
    if (recorded.versionId > 0) {
        if (Status s = m_session->snapshots().addToSnapshot(m_session->scope(), m_snapshotId, recorded.versionId); !s) {
            recorded.item.outcome = ItemOutcome::Failed;
            recorded.item.message = tr("It was stored but could not be added to the snapshot: %1").arg(s.error().message);
        }
    }
    if (recorded.item.outcome == ItemOutcome::Failed && !recorded.deletedInTenant)
        m_incomplete.insert(planned.target.typeKey);
    return recorded.item;
}

void BackupJob::completeItem(int index, ItemResult result)
{
    if (m_finished)
        return;
    const auto planned = m_planned.constFind(m_items->at(index).key);
    if (planned != m_planned.constEnd())
        --m_unreportedByType[planned->target.typeKey];
    --m_outstanding;
    m_sink->completed(index, std::move(result));
}

void BackupJob::storeReferences()
{
    if (m_finished || m_cancelled || m_storingReferences)
        return;
    m_storingReferences = true;
    if (!m_session || !m_session->isOpen() || m_snapshotId <= 0)
        return done();
    storeSnapshotReferences(*m_session, m_snapshotId, m_filters, m_scopeTags, m_full,
                            [this](Result<ReferenceSummary> summary) {
                                if (!summary)
                                    pv::log::warn(pv::log::Graph, QStringLiteral("snapshot %1: references not stored: %2")
                                                                      .arg(m_snapshotId).arg(summary.error().toString()));
                                done();
                            });
}

void BackupJob::done()
{
    if (m_finished)
        return;
    m_finished = true;
    m_sink->finished();
}

void BackupJob::cancel()
{
    m_cancelled = true;
    if (m_session)
        m_session->closeClient();   // drops every pending callback
    done();
}

Status BackupJob::finish(const JobContext& context, const RunEnd& end, QSqlDatabase& db)
{
    Q_UNUSED(context) Q_UNUSED(db)
    if (m_snapshotId <= 0 || !m_session)
        return {};
    QSet<QString> incomplete = m_incomplete;
    for (auto it = m_unreportedByType.constBegin(); it != m_unreportedByType.constEnd(); ++it) {
        if (it.value() > 0)
            incomplete.insert(it.key());   // cancelled or cut short: not every object is in
    }
    if (end.status == RunStatus::Cancelled && m_items == nullptr)
        incomplete.unite(QSet<QString>(m_types.begin(), m_types.end()));   // cancelled before reading
    QStringList types(incomplete.begin(), incomplete.end());
    types.sort();
    SnapshotRepository& repo = m_session->snapshots();
    if (Status s = repo.finishSnapshot(m_session->scope(), m_snapshotId, types.isEmpty(), types); !s)
        return s;
    auto marked = repo.markDeletedNotIn(m_session->scope(), m_snapshotId);
    if (!marked)
        return marked.failure();
    return {};
}

} // namespace pv::capture
