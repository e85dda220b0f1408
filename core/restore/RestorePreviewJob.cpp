// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/restore/RestorePreviewJob.h"

#include "core/capture/GraphSession.h"
#include "core/capture/ObjectReader.h"
#include "core/capture/PolicyContent.h"
#include "core/graph/ReadOnlyGraphClient.h"
#include "core/normalize/Normalizer.h"
#include "core/normalize/SnapshotDefinitions.h"
#include "core/restore/LiveFingerprint.h"
#include "core/restore/LiveReader.h"
#include "core/restore/RestorePlanRepository.h"
#include "core/runs/JobServices.h"
#include "core/store/Database.h"
#include "core/store/PolicyCatalog.h"
#include "core/store/TenantRepository.h"

#include <QCoreApplication>
#include <QSqlQuery>

#include <algorithm>

namespace pv::restore {

namespace {

const QString Policies = QStringLiteral("configurationPolicies");
const QString Filters = QStringLiteral("assignmentFilters");
const QString ScopeTags = QStringLiteral("scopeTags");

/// Live reads per `$batch` envelope, and envelopes in flight (as the backup does).
constexpr int OperationsPerChunk = 20;
constexpr int ChunksInFlight = 12;

/// The live collection that holds objects of `typeKey`.
QString collectionKey(const QString& typeKey)
{
    return tierOf(typeKey) == Tier::Policies ? Policies : typeKey;
}

QString templateIdOf(const QJsonObject& object)
{
    return object.value(QStringLiteral("templateReference")).toObject().value(QStringLiteral("templateId")).toString();
}

QString nameOf(const QJsonObject& object)
{
    return capture::PolicyContent::displayNameOf(object);
}

QString plural(int n, const char* one, const char* many)
{
    return QStringLiteral("%1 %2").arg(n).arg(QLatin1String(n == 1 ? one : many));
}

/// The run item's one-line message: what the restore would change.
QString summaryLine(const QJsonObject& diff)
{
    QStringList parts;
    if (const int n = int(diff.value(QStringLiteral("settings")).toArray().size()); n > 0)
        parts.append(plural(n, "setting", "settings"));
    QStringList fields;
    for (const QJsonValue& m : diff.value(QStringLiteral("metadata")).toArray())
        fields.append(m.toObject().value(QStringLiteral("field")).toString());
    if (!fields.isEmpty())
        parts.append(fields.join(QStringLiteral(", ")));
    const QString assign = diff.value(QStringLiteral("assignments")).toObject().value(QStringLiteral("summary")).toString();
    if (!assign.isEmpty())
        parts.append(assign);
    return parts.join(QStringLiteral("; "));
}

} // namespace

RestorePreviewJob::RestorePreviewJob() = default;
RestorePreviewJob::~RestorePreviewJob() = default;

Result<QList<JobItem>> RestorePreviewJob::plan(const JobContext& context)
{
    auto selection = previewSelection(context.parameters);
    if (!selection)
        return selection.failure();
    m_selection = *selection;
    auto session = capture::GraphSession::open(context);
    if (!session)
        return session.failure();
    m_session = std::move(*session);
    if (Status s = chooseSources(); !s)
        return s.failure();
    // The live lists go out first; the store work (contents, definitions) runs while they are
    // in flight.
    const auto listings = startLists();
    if (Status s = loadContents(); !s)
        return s.failure();
    if (!m_selection.secretsKey.isEmpty()) {
        if (!context.services->secrets)
            return fail(ErrorCode::Internal, QStringLiteral("this process has no secret store for the supplied secrets"));
        auto tenant = TenantRepository(m_session->database()).byId(context.tenantId);
        if (!tenant)
            return tenant.failure();
        auto supplied = SuppliedSecrets::load(*context.services->secrets, tenant->uuid, m_selection.secretsKey);
        if (!supplied)
            return fail(supplied.error().code, QStringLiteral("The supplied secret values are gone (%1); supply them again")
                                                   .arg(supplied.error().message));
        m_supplied = *supplied;
    }
    if (Status s = finishLists(context, *listings); !s)
        return s.failure();
    if (context.isCancelled())
        return QList<JobItem>{};
    QList<JobItem> items;
    for (const Source& source : std::as_const(m_sources))
        items.append(JobItem{source.itemKey, source.policy.displayName});
    return items;
}

Status RestorePreviewJob::chooseSources()
{
    const SnapshotRepository& repo = m_session->snapshots();
    const TenantScope& scope = m_session->scope();
    QList<QPair<PolicyRecord, qint64>> chosen;   // policy, version
    if (m_selection.policyVersionId > 0) {
        // "Restore this version": the version's policy, checked against the scope.
        QSqlQuery q(m_session->database()->connection());
        q.prepare(QStringLiteral("SELECT policy_id FROM policy_versions WHERE id = ?"));
        q.addBindValue(m_selection.policyVersionId);
        if (!q.exec())
            return fail(ErrorCode::Database, QStringLiteral("cannot read policy version %1").arg(m_selection.policyVersionId));
        if (!q.next())
            return fail(ErrorCode::NotFound, QStringLiteral("Policy version %1 does not exist").arg(m_selection.policyVersionId));
        auto policy = repo.policy(scope, q.value(0).toLongLong());
        if (!policy)
            return policy.failure();
        chosen.append({*policy, m_selection.policyVersionId});
        auto rendering = normalize::renderingSnapshot(repo, PolicyCatalog(m_session->database()), scope,
                                                      m_selection.policyVersionId);
        if (!rendering)
            return rendering.failure();
        m_renderingSnapshot = *rendering;
    } else {
        auto items = repo.snapshotItems(scope, m_selection.snapshotId);
        if (!items)
            return items.failure();
        m_snapshotId = m_selection.snapshotId;
        m_renderingSnapshot = m_snapshotId;
        const QSet<qint64> wanted(m_selection.policyIds.begin(), m_selection.policyIds.end());
        QSet<qint64> found;
        for (const auto& [policy, version] : std::as_const(*items)) {
            if (!wanted.isEmpty() && !wanted.contains(policy.id))
                continue;
            found.insert(policy.id);
            chosen.append({policy, version.id});
        }
        for (qint64 id : wanted) {
            if (!found.contains(id))
                return fail(ErrorCode::InvalidArgument,
                            QStringLiteral("Policy %1 is not in snapshot %2").arg(id).arg(m_selection.snapshotId));
        }
    }
    std::sort(chosen.begin(), chosen.end(), [](const auto& a, const auto& b) {
        const int ta = int(tierOf(a.first.typeKey)), tb = int(tierOf(b.first.typeKey));
        return ta != tb ? ta < tb : a.first.id < b.first.id;
    });
    for (const auto& [policy, versionId] : std::as_const(chosen)) {
        Source source;
        source.policy = policy;
        source.versionId = versionId;
        source.itemKey = planItemKey(policy.typeKey, policy.id);
        source.ordinal = int(m_sources.size());
        m_planGraphIds.insert(policy.graphId);
        m_sources.append(source);
    }
    return {};
}

Status RestorePreviewJob::loadContents()
{
    for (Source& source : m_sources) {
        auto content = m_session->snapshots().versionContent(m_session->scope(), source.versionId);
        if (!content)
            return content.failure();
        source.content = *content;
    }
    return loadReferences(m_renderingSnapshot);
}

Status RestorePreviewJob::loadReferences(qint64 renderingSnapshotId)
{
    if (renderingSnapshotId <= 0)
        return {};   // no snapshot renders it: settings read with their fallback names
    const SnapshotRepository& repo = m_session->snapshots();
    auto definitions = normalize::loadSnapshotDefinitions(repo, m_session->scope(), renderingSnapshotId);
    if (!definitions)
        return definitions.failure();
    m_definitions = std::move(*definitions);
    const QList<QPair<QString, QHash<QString, QString>*>> kinds{
        {QStringLiteral("scope_tag"), &m_names.scopeTags},
        {QStringLiteral("filter"), &m_names.filters},
        {QStringLiteral("group"), &m_names.groups}};
    for (const auto& [kind, names] : kinds) {
        auto refs = repo.references(m_session->scope(), renderingSnapshotId, kind);
        if (!refs)
            return refs.failure();
        for (auto it = refs->cbegin(); it != refs->cend(); ++it)
            names->insert(it.key(), nameOf(it.value()));
    }
    return {};
}

std::shared_ptr<RestorePreviewJob::Listings> RestorePreviewJob::startLists()
{
    // Only the collections the plan has objects of; scope tags also when policies or filters
    // refer to them, filters when assignments are restored (reference checks).
    QSet<QString> collections;
    for (const Source& s : std::as_const(m_sources))
        collections.insert(collectionKey(s.policy.typeKey));
    if (collections.contains(Policies) || collections.contains(Filters))
        collections.insert(ScopeTags);
    if (collections.contains(Policies) && m_selection.assignments)
        collections.insert(Filters);
    auto listings = std::make_shared<Listings>();
    for (const QString& collection : std::as_const(collections)) {
        auto listing = std::make_shared<Listing>();
        listings->insert(collection, listing);
        m_session->client().getAllPages(capture::collectionOf(collection), [listing](Result<graph::PagedItems> pages) {
            listing->result.emplace(std::move(pages));
            listing->done = true;
        });
    }
    return listings;
}

Status RestorePreviewJob::finishLists(const JobContext& context, const Listings& listings)
{
    const bool listed = m_session->waitUntil(context, [&] {
        return std::all_of(listings.begin(), listings.end(), [](const auto& l) { return l->done; });
    });
    if (!listed) {
        m_session->closeClient();   // cancelled: the run ends cancelled with nothing planned
        return {};
    }
    for (auto it = listings.cbegin(); it != listings.cend(); ++it) {
        const Result<graph::PagedItems>& result = *it.value()->result;
        if (!result)   // without the whole list, "deleted since" cannot be told: no plan at all
            return fail(result.error().code, QStringLiteral("Cannot list %1: %2").arg(it.key(), result.error().message),
                        result.error().httpStatus, result.error().requestId);
        QList<QJsonObject>& objects = m_live[it.key()];
        for (const QJsonValue& v : result->items) {
            const QJsonObject object = v.toObject();
            objects.append(object);
            m_liveIds[it.key()].insert(object.value(QStringLiteral("id")).toString());
            if (it.key() == ScopeTags)
                m_names.scopeTags.insert(object.value(QStringLiteral("id")).toString(), nameOf(object));
            else if (it.key() == Filters)
                m_names.filters.insert(object.value(QStringLiteral("id")).toString(), nameOf(object));
        }
    }
    return {};
}

RestorePreviewJob::Match RestorePreviewJob::match(const Source& source) const
{
    const QString collection = collectionKey(source.policy.typeKey);
    Match m;
    // By Graph id first: a rename under the same id is an update.
    if (m_liveIds.value(collection).contains(source.policy.graphId)) {
        m.liveId = source.policy.graphId;
        m.candidates = 1;
        return m;
    }
    // Deleted since: an object recreated under the same name and type (and technologies) is
    // the one to update, unless another object of this plan owns it by id.
    const QString name = nameOf(source.content);
    const QString technologies = source.content.value(QStringLiteral("technologies")).toString();
    for (const QJsonObject& live : m_live.value(collection)) {
        const QString id = live.value(QStringLiteral("id")).toString();
        if (m_planGraphIds.contains(id) || nameOf(live) != name)
            continue;
        if (collection == Policies
            && (capture::PolicyContent::typeKeyOf(live) != source.policy.typeKey
                || live.value(QStringLiteral("technologies")).toString() != technologies))
            continue;
        if (collection == Filters
            && live.value(QStringLiteral("platform")).toString() != source.content.value(QStringLiteral("platform")).toString())
            continue;
        ++m.candidates;
        m.liveId = id;
        m.byName = true;
    }
    if (m.candidates > 1)
        m.liveId.clear();
    return m;
}

void RestorePreviewJob::start(const JobContext& context, const QList<JobItem>& items, ItemSink& sink)
{
    Q_UNUSED(context)
    m_sink = &sink;
    if (m_sources.isEmpty() || !m_session || !m_session->isOpen()) {
        m_done = true;
        sink.finished();
        return;
    }
    // Every source is decided again, also those a resumed run's parent already reported (they
    // are not in `items`; -1: not reported to the sink): the plan this run stores must be
    // whole, and computed from one reading of the tenant.
    QHash<QString, int> sinkIndexOf;
    for (int i = 0; i < items.size(); ++i)
        sinkIndexOf.insert(items.at(i).key, i);
    QList<QPair<int, int>> todo;   // sink index, source index
    for (int i = 0; i < m_sources.size(); ++i)
        todo.append({sinkIndexOf.value(m_sources.at(i).itemKey, -1), i});
    m_outstanding = int(todo.size());
    readPrerequisites([this, todo] {
        for (const auto& [sinkIndex, sourceIndex] : todo) {
            const Source& source = m_sources.at(sourceIndex);
            const Match m = match(source);
            if (m.liveId.isEmpty()) {   // would_create or ambiguous: nothing to read
                ItemResult result;
                const PlanItem item = decide(source, m, std::nullopt, result);
                report(sinkIndex, source, item, result);
                continue;
            }
            m_reads.append(PendingRead{sinkIndex, sourceIndex, m});
        }
        pumpReads();
    });
}

void RestorePreviewJob::pumpReads()
{
    // Chunks of one $batch envelope each, a few in flight: each item is decided (normalizer
    // rows, hashes) as its chunk completes, while later chunks wait for the budget — one
    // readLive of everything would call back only at the very end.
    while (!m_done && m_chunksInFlight < ChunksInFlight && m_nextRead < m_reads.size()) {
        const qsizetype from = m_nextRead;
        QList<LiveTarget> targets;
        int operations = 0;
        while (m_nextRead < m_reads.size() && operations < OperationsPerChunk) {
            const PendingRead& r = m_reads.at(m_nextRead++);
            targets.append(LiveTarget{m_sources.at(r.sourceIndex).policy.typeKey, r.match.liveId});
            operations += liveReadOperations(targets.last().typeKey);
        }
        ++m_chunksInFlight;
        auto left = std::make_shared<int>(int(targets.size()));
        readLive(m_session->client(), targets, [this, from, left](int index, Result<QJsonObject> object) {
            if (m_done)
                return;
            const PendingRead& r = m_reads.at(from + index);
            const Source& source = m_sources.at(r.sourceIndex);
            ItemResult result;
            const PlanItem item = decide(source, r.match, std::optional<Result<QJsonObject>>(std::move(object)), result);
            if (--*left == 0)
                --m_chunksInFlight;
            report(r.sinkIndex, source, item, result);
            if (*left == 0)
                pumpReads();
        });
    }
}

void RestorePreviewJob::readPrerequisites(std::function<void()> then)
{
    // The templates of the policies (retired or not offered: cannot_restore) and, when
    // assignments are restored, whether their groups still exist. One $batch round.
    QStringList paths;
    QList<QPair<QString, QString>> owners;   // kind, id
    QSet<QString> seenTemplates, seenGroups;
    for (const Source& s : std::as_const(m_sources)) {
        const QString templateId = templateIdOf(s.content);
        if (!templateId.isEmpty() && !seenTemplates.contains(templateId.toLower())) {
            seenTemplates.insert(templateId.toLower());
            paths.append(QStringLiteral("/deviceManagement/configurationPolicyTemplates/") + capture::segment(templateId));
            owners.append({QStringLiteral("template"), templateId.toLower()});
        }
        if (!m_selection.assignments)
            continue;
        for (const QString& group : diff::referencesOf(s.content, true).groups) {
            if (seenGroups.contains(group))
                continue;
            seenGroups.insert(group);
            paths.append(QStringLiteral("/groups/") + capture::segment(group) + QStringLiteral("?$select=id,displayName"));
            owners.append({QStringLiteral("group"), group});
        }
    }
    if (paths.isEmpty())
        return then();
    m_session->client().batchGet(paths, [this, owners, then = std::move(then)](QList<Result<graph::GraphResponse>> results) {
        if (m_done)
            return;
        for (int i = 0; i < results.size() && i < owners.size(); ++i) {
            const auto& [kind, id] = owners.at(i);
            const Result<graph::GraphResponse>& r = results.at(i);
            const bool gone = !r && r.error().httpStatus == 404;
            if (kind == u"template") {
                TemplateState state;
                state.known = r.ok() || gone;
                state.exists = r.ok();
                if (r)
                    state.lifecycleState = r->body.value(QStringLiteral("lifecycleState")).toString();
                m_templates.insert(id, state);
            } else if (gone) {
                m_missingGroups.insert(id);
            } else if (r) {
                m_names.groups.insert(id, r->body.value(QStringLiteral("displayName")).toString());
            }
        }
        then();
    });
}

PlanItem RestorePreviewJob::decide(const Source& source, const Match& m, const std::optional<Result<QJsonObject>>& live,
                                   ItemResult& result) const
{
    PlanItem item;
    item.ordinal = source.ordinal;
    item.itemKey = source.itemKey;
    item.tier = tierOf(source.policy.typeKey);
    item.typeKey = source.policy.typeKey;
    item.policyId = source.policy.id;
    item.policyVersionId = source.versionId;
    item.graphId = source.policy.graphId;
    item.name = nameOf(source.content);
    if (item.name.isEmpty())
        item.name = source.policy.displayName;

    if (m.candidates > 1) {
        item.action = PlanAction::Conflict;
        item.reason = QStringLiteral("%1 live objects are named \"%2\" with this type; cannot tell which one to restore")
                          .arg(m.candidates).arg(item.name);
        result.outcome = previewOutcome(item.action);
        result.message = item.reason;
        return item;
    }
    QJsonObject liveObject;
    bool exists = false;
    if (live) {
        if (*live) {
            liveObject = live->value();
            exists = true;
        } else if (!isDeleted(live->error())) {
            // A read that failed is no decision: the item fails (a resume reads it again).
            result.outcome = ItemOutcome::Failed;
            result.message = QStringLiteral("Cannot read the live object: %1").arg(live->error().displayText());
            result.requestId = live->error().requestId;
            item.action = PlanAction::CannotRestore;
            item.reason.clear();
            item.ordinal = -1;   // not planned
            return item;
        }
    }
    QJsonObject diff;
    if (exists) {
        item.liveGraphId = m.liveId;
        item.liveFingerprint = liveFingerprint(source.policy.typeKey, liveObject);
        if (item.tier == Tier::Policies) {
            const QString liveType = capture::PolicyContent::typeKeyOf(liveObject);
            const QString liveTemplate = templateIdOf(liveObject);
            const QString capturedTemplate = templateIdOf(source.content);
            if (liveType != source.policy.typeKey || liveTemplate.compare(capturedTemplate, Qt::CaseInsensitive) != 0) {
                item.action = PlanAction::Conflict;
                item.reason = QStringLiteral("The live object is a %1 (template %2), the snapshot's a %3 (template %4)")
                                  .arg(liveType, liveTemplate.isEmpty() ? QStringLiteral("none") : liveTemplate,
                                       source.policy.typeKey,
                                       capturedTemplate.isEmpty() ? QStringLiteral("none") : capturedTemplate);
                result.outcome = previewOutcome(item.action);
                result.message = item.reason;
                return item;
            }
            const normalize::Normalizer normalizer(m_definitions);
            diff.insert(QStringLiteral("settings"), diff::settings(normalizer, liveObject, source.content));
        }
        diff.insert(QStringLiteral("metadata"), diff::metadata(source.policy.typeKey, liveObject, source.content, m_names));
        if (m_selection.assignments) {
            const QJsonObject assignments = diff::assignments(liveObject, source.content, m_names);
            if (!assignments.isEmpty())
                diff.insert(QStringLiteral("assignments"), assignments);
        }
    }
    const bool sameContent = exists
        && diff::contentHash(item.typeKey, liveObject, m_selection.assignments)
               == diff::contentHash(item.typeKey, source.content, m_selection.assignments);
    const QString blocked = cannotRestoreReason(source, exists ? &liveObject : nullptr, diff);
    const bool secretsDiffer = diff.contains(QStringLiteral("secretsNeeded")) || diff.contains(QStringLiteral("secretsSupplied"));
    diff.remove(QStringLiteral("secretsSupplied"));
    if (sameContent && !secretsDiffer) {
        item.action = PlanAction::Unchanged;
        item.reason = QStringLiteral("Same as the snapshot");
    } else if (!blocked.isEmpty()) {
        item.action = PlanAction::CannotRestore;
        item.reason = blocked;
    } else if (!exists) {
        item.action = PlanAction::WouldCreate;
        item.reason = QStringLiteral("Deleted since the snapshot: would be created");
    } else {
        item.action = PlanAction::WouldUpdate;
        const QString line = summaryLine(diff);
        item.reason = line.isEmpty() ? QStringLiteral("Content differs from the snapshot") : line;
        if (m.byName)
            item.reason += QStringLiteral(" (matched by name: the snapshot's object was deleted)");
    }
    item.diff = diff;
    result.outcome = previewOutcome(item.action);
    result.message = item.action == PlanAction::WouldUpdate ? QStringLiteral("Would update: ") + item.reason : item.reason;
    return item;
}

QString RestorePreviewJob::cannotRestoreReason(const Source& source, const QJsonObject* live, QJsonObject& diff) const
{
    QStringList reasons;
    // The template must still be offered.
    const QString templateId = templateIdOf(source.content);
    if (!templateId.isEmpty()) {
        const TemplateState state = m_templates.value(templateId.toLower());
        if (state.known && !state.exists)
            reasons.append(QStringLiteral("template %1 is not offered by the tenant").arg(templateId));
        else if (state.lifecycleState.compare(QLatin1String("retired"), Qt::CaseInsensitive) == 0)
            reasons.append(QStringLiteral("template %1 is retired").arg(templateId));
        // A create (nothing live) needs an active template: Graph refuses new policies from a
        // deprecated, superseded or draft one, while it lets existing ones be replaced
        // (GRAPH_NOTES §2; graphsim answers a POST 400), so the live restore would fail it.
        else if (!live && !state.lifecycleState.isEmpty()
                 && state.lifecycleState.compare(QLatin1String("active"), Qt::CaseInsensitive) != 0)
            reasons.append(QStringLiteral("template %1 is %2: new policies cannot be created from it")
                               .arg(templateId, state.lifecycleState));
    }
    // Secrets: the snapshot's token is resent only while it is still the live one.
    const QHash<QString, QString> captured = diff::secretTokens(source.content);
    if (!captured.isEmpty()) {
        const QHash<QString, QString> liveTokens = live ? diff::secretTokens(*live) : QHash<QString, QString>{};
        const QHash<QString, QString> supplied = m_supplied.contains(QString::number(source.policy.id))
                                                     ? m_supplied.value(QString::number(source.policy.id))
                                                     : m_supplied.value(source.policy.graphId);
        QStringList needed, given;
        for (auto it = captured.cbegin(); it != captured.cend(); ++it) {
            if (liveTokens.value(it.key()) == it.value())
                continue;
            bool has = false;
            for (auto s = supplied.cbegin(); s != supplied.cend(); ++s)
                has = has || s.key().compare(it.key(), Qt::CaseInsensitive) == 0;
            (has ? given : needed).append(it.key());
        }
        needed.sort();
        given.sort();
        if (!needed.isEmpty()) {
            diff.insert(QStringLiteral("secretsNeeded"), QJsonArray::fromStringList(needed));
            reasons.append(QStringLiteral("a secret value is needed for %1 (its captured token is no longer valid)")
                               .arg(needed.join(QStringLiteral(", "))));
        }
        if (!given.isEmpty()) {
            diff.insert(QStringLiteral("secretsSupplied"), true);
            QJsonArray rows = diff.value(QStringLiteral("settings")).toArray();
            for (const QString& definition : std::as_const(given))
                rows.append(QJsonObject{{QStringLiteral("rowKey"), definition},
                                        {QStringLiteral("setting"), definition},
                                        {QStringLiteral("old"), live ? QJsonValue(QStringLiteral("(secret)")) : QJsonValue()},
                                        {QStringLiteral("new"), QStringLiteral("(secret, supplied)")}});
            diff.insert(QStringLiteral("settings"), rows);
        }
    }
    // References: what the object names must exist live or be restored by this plan.
    const diff::References refs = diff::referencesOf(source.content, m_selection.assignments);
    QStringList unresolved;
    for (const QString& tag : refs.scopeTags) {
        if (tag != u"0" && !m_liveIds.value(ScopeTags).contains(tag) && !m_planGraphIds.contains(tag))
            unresolved.append(QStringLiteral("scope tag %1").arg(m_names.scopeTags.value(tag, tag)));
    }
    for (const QString& filter : refs.filters) {
        if (!m_liveIds.value(Filters).contains(filter) && !m_planGraphIds.contains(filter))
            unresolved.append(QStringLiteral("filter %1").arg(m_names.filters.value(filter, filter)));
    }
    for (const QString& group : refs.groups) {
        if (m_missingGroups.contains(group))
            unresolved.append(QStringLiteral("group %1").arg(m_names.groups.value(group, group)));
    }
    unresolved.sort();
    if (!unresolved.isEmpty())
        reasons.append(QStringLiteral("it refers to what exists neither in the tenant nor in this plan: %1")
                           .arg(unresolved.join(QStringLiteral(", "))));
    if (reasons.isEmpty())
        return {};
    QString text = reasons.join(QStringLiteral("; "));
    text[0] = text[0].toUpper();
    return text;
}

void RestorePreviewJob::report(int sinkIndex, const Source& source, const PlanItem& item, ItemResult result)
{
    Q_UNUSED(source)
    if (m_done)
        return;
    if (item.ordinal >= 0) {
        PlanItem planned = item;
        planned.storedDiff = storedDiffText(item.diff);   // now, not in the run-end transaction
        m_planned.insert(item.ordinal, planned);
    }
    if (sinkIndex >= 0)
        m_sink->completed(sinkIndex, std::move(result));
    if (--m_outstanding == 0) {
        m_done = true;
        m_sink->finished();
    }
}

void RestorePreviewJob::cancel()
{
    if (m_session)
        m_session->closeClient();
    if (!m_done && m_sink) {
        m_done = true;
        m_sink->finished();
    }
}

Status RestorePreviewJob::finish(const JobContext& context, const RunEnd& end, QSqlDatabase& db)
{
    // A cancelled or failed preview stores no plan: it would look executable with items
    // missing. An item whose live read failed is not in the plan (its run item failed; the
    // plan executes without it).
    if (end.status != RunStatus::Succeeded && end.status != RunStatus::PartiallySucceeded)
        return {};
    if (!m_session)
        return {};
    RestorePlan plan;
    plan.runId = context.runId;
    plan.tenantId = context.tenantId;
    plan.snapshotId = m_snapshotId;
    plan.options = context.parameters;
    return RestorePlanRepository(db).save(m_session->scope(), plan, m_planned.values());
}

JobKind previewKind()
{
    JobKind kind;
    kind.kind = QLatin1String(PreviewKind);
    kind.displayName = QCoreApplication::translate("pv::restore", "Restore preview");
    kind.writesToTenant = false;   // reads only: allowed on read-only tenants
    kind.createAsync = [] { return std::make_unique<RestorePreviewJob>(); };
    return kind;
}

} // namespace pv::restore
