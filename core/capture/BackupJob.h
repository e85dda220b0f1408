// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/capture/ObjectReader.h"
#include "core/capture/PolicyContent.h"
#include "core/runs/AsyncJob.h"

#include <QHash>
#include <QJsonArray>
#include <QSet>
#include <QStringList>

#include <functional>
#include <memory>

namespace pv::capture {

class GraphSession;

/// Test seams of the capture jobs; production code leaves them empty.
struct CaptureHooks
{
    /// Called on the worker thread after a backup listed the tenant and before it reads the
    /// objects (tests change the tenant there: a policy deleted between list and read).
    std::function<void()> afterListing;
};

/// Kind "backup": captures the tenant's objects of the requested types into a snapshot.
///
/// plan() lists every collection (configurationPolicies — told apart into settingsCatalog,
/// endpointSecurity and securityBaseline by template family — assignmentFilters, roleScopeTags)
/// and makes one item per object, ordered by type, display name and id; a collection that did
/// not arrive whole becomes a failed item "list:<type>" and its type is incomplete. start()
/// reads the objects through `$batch` with many envelopes in flight, records each one's version
/// (created / updated / unchanged) and adds it to the snapshot as it completes. When every item
/// is done it stores the snapshot's references (definitions, categories, templates, filters,
/// scope tags, group names). The finish hook closes the snapshot — incomplete, naming the types,
/// when a list, an item or a cancel left a type short — and marks deleted what a complete type
/// no longer holds. A resumed backup adds to the snapshot of its chain's root run.
class BackupJob final : public AsyncJob
{
public:
    explicit BackupJob(CaptureHooks hooks = {});
    ~BackupJob() override;

    Result<QList<JobItem>> plan(const JobContext& context) override;
    void start(const JobContext& context, const QList<JobItem>& items, ItemSink& sink) override;
    void cancel() override;
    Status finish(const JobContext& context, const RunEnd& end, QSqlDatabase& db) override;

    /// An item key: "<typeKey>:<graphId>", or "list:<typeKey>" for a list that failed.
    static QString itemKey(const QString& typeKey, const QString& graphId);

private:
    struct Planned
    {
        ReadTarget target;
        QString displayName;
        QString modifiedAt;      ///< lastModifiedDateTime from the list
        /// Incremental (target.readSettings false): the version whose settings stand in. Its
        /// content is loaded only when the item's chunk is sent, so a re-capture holds the
        /// stored content of the chunks in flight, not of the whole tenant.
        qint64 storedVersionId = 0;
    };

    void startMore();
    void completeItem(int index, ItemResult result);
    ItemResult record(const Planned& planned, const Result<QJsonObject>& object);
    void prepareTarget(Planned& planned);
    ReadTarget targetToRead(const Planned& planned) const;
    void storeReferences();
    void done();

    CaptureHooks m_hooks;
    std::unique_ptr<GraphSession> m_session;
    const JobContext* m_context = nullptr;
    QStringList m_types;
    bool m_full = false;
    qint64 m_snapshotId = 0;
    QHash<QString, Planned> m_planned;            ///< item key → what to read
    QHash<QString, Error> m_listFailures;         ///< type key → why its list is short
    QJsonArray m_filters;                         ///< listed, stored as references
    QJsonArray m_scopeTags;
    QSet<QString> m_incomplete;                   ///< types a failure left short

    // start() onwards
    const QList<JobItem>* m_items = nullptr;
    ItemSink* m_sink = nullptr;
    QList<QList<int>> m_chunks;                   ///< item indexes per `$batch` request
    int m_nextChunk = 0;
    int m_chunksInFlight = 0;
    int m_outstanding = 0;                        ///< items not reported yet
    QHash<QString, int> m_unreportedByType;
    bool m_cancelled = false;
    bool m_finished = false;
};

} // namespace pv::capture
