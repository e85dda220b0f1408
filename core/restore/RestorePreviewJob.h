// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/graph/Pager.h"
#include "core/normalize/DefinitionLookup.h"
#include "core/restore/PreviewDiff.h"
#include "core/restore/RestorePlan.h"
#include "core/restore/RestoreRequests.h"
#include "core/restore/SuppliedSecrets.h"
#include "core/runs/AsyncJob.h"
#include "core/store/SnapshotRepository.h"

#include <QMap>
#include <QSet>

#include <memory>
#include <optional>

namespace pv::capture {
class GraphSession;
}

namespace pv::restore {

/// Kind "restore_preview": plans a restore of a snapshot (or chosen policies of it, or one
/// policy version) into its tenant, reading the tenant live with the read-only client only. One
/// item per object, in tier order (scope tags, filters, policies; by PolicyVault id within a
/// tier), each with exactly one outcome: would_create, would_update, unchanged, conflict or
/// cannot_restore. The finish hook stores the plan (RestorePlanRepository) in the transaction
/// that ends the run. See core/restore/README.md.
class RestorePreviewJob final : public AsyncJob
{
public:
    RestorePreviewJob();
    ~RestorePreviewJob() override;

    Result<QList<JobItem>> plan(const JobContext& context) override;
    void start(const JobContext& context, const QList<JobItem>& items, ItemSink& sink) override;
    void cancel() override;
    Status finish(const JobContext& context, const RunEnd& end, QSqlDatabase& db) override;

private:
    /// One captured object to restore.
    struct Source
    {
        PolicyRecord policy;
        qint64 versionId = 0;
        QJsonObject content;
        QString itemKey;
        int ordinal = 0;
    };
    /// How a source was matched to a live object.
    struct Match
    {
        QString liveId;         ///< empty: nothing live (would_create) or ambiguous
        int candidates = 0;     ///< live objects of that name and type (ambiguous when > 1)
        bool byName = false;
    };
    struct TemplateState
    {
        bool known = false;     ///< the read answered (found or 404)
        bool exists = false;
        QString lifecycleState;
    };

    /// A live list on its way (getAllPages of one collection).
    struct Listing
    {
        bool done = false;
        std::optional<Result<graph::PagedItems>> result;
    };
    using Listings = QHash<QString, std::shared_ptr<Listing>>;   // collection type key → its list

    Status chooseSources();
    Status loadContents();
    Status loadReferences(qint64 renderingSnapshotId);
    std::shared_ptr<Listings> startLists();
    Status finishLists(const JobContext& context, const Listings& listings);
    Match match(const Source& source) const;
    void readPrerequisites(std::function<void()> then);
    void pumpReads();
    PlanItem decide(const Source& source, const Match& match, const std::optional<Result<QJsonObject>>& live,
                    ItemResult& result) const;
    /// Why `source` cannot be written, or empty; fills diff's "secretsNeeded" and adds supplied
    /// secrets to the settings diff.
    QString cannotRestoreReason(const Source& source, const QJsonObject* live, QJsonObject& diff) const;
    void report(int sinkIndex, const Source& source, const PlanItem& item, ItemResult result);

    std::unique_ptr<capture::GraphSession> m_session;
    PreviewSelection m_selection;
    qint64 m_snapshotId = 0;
    qint64 m_renderingSnapshot = 0;               // whose definitions and names render the diffs
    QList<Source> m_sources;                      // plan order
    normalize::DefinitionTable m_definitions;
    diff::Names m_names;
    SuppliedSecrets::Values m_supplied;
    QHash<QString, QList<QJsonObject>> m_live;    // collection type key → listed live objects
    QHash<QString, QSet<QString>> m_liveIds;      // collection type key → ids
    QSet<QString> m_planGraphIds;                 // Graph ids of every source of the plan
    QHash<QString, TemplateState> m_templates;    // template id (lower-case) → state
    QSet<QString> m_missingGroups;
    QMap<int, PlanItem> m_planned;                // ordinal → item (what finish() stores)
    /// A matched item whose live object is still to be read.
    struct PendingRead
    {
        int sinkIndex = 0;
        int sourceIndex = 0;
        Match match;
    };
    QList<PendingRead> m_reads;
    qsizetype m_nextRead = 0;
    int m_chunksInFlight = 0;
    ItemSink* m_sink = nullptr;
    int m_outstanding = 0;
    bool m_done = false;
};

/// The kind, for JobKinds.
JobKind previewKind();

} // namespace pv::restore
