// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/common/Error.h"
#include "core/runs/Job.h"

namespace pv {

/// Where an asynchronous job reports, always on its worker thread (from start() or from the
/// worker's event loop).
class ItemSink
{
public:
    /// Item `index` of the list given to start() is done. Once per item; a second report, or an
    /// index out of range, is ignored with a warning.
    virtual void completed(int index, ItemResult result) = 0;
    /// The job has nothing in flight any more; items it never reported count as not attempted
    /// (a resume redoes them). Call exactly one of finished() and failed(), once.
    virtual void finished() = 0;
    /// A job-level error: the run ends failed with it; reported items keep their rows.
    virtual void failed(Error error) = 0;

protected:
    ~ItemSink() = default;
};

/// A job that keeps many items in flight on its worker thread's event loop (network jobs: one
/// QNetworkAccessManager per worker thread, reads grouped into `$batch`).
///
/// The engine calls plan(), then start() with the items this run must do (a resume passes only
/// the items its chain has not finished), then runs a QEventLoop on the worker thread (a pool
/// thread, never the GUI thread) until the job calls finished() or failed(). Each completion
/// is committed under the item's plan ordinal; completions of one event-loop turn share one
/// transaction. Rows are committed in plan order: a completion waits in memory until every item
/// before it has completed, so a live view that asks for "items after ordinal n" never misses a
/// row. A slow item therefore holds back the rows (and the progress) behind it; if the process
/// dies meanwhile, those items are redone by the resume. When the run ends, every reported item
/// is committed, in plan order, gaps (unreported items) left out.
///
/// Cancellation: context.isCancelled() is true as soon as it is asked for; the engine also
/// calls cancel() once on the worker thread, after which the job stops its in-flight work and
/// soon calls finished(). Exceptions: one thrown by plan() or start() fails the run; the job's
/// own callbacks must not throw (Qt does not carry exceptions through an event loop) and turn
/// errors into failed items or failed().
class AsyncJob
{
public:
    virtual ~AsyncJob() = default;
    virtual Result<QList<JobItem>> plan(const JobContext& context) = 0;
    /// `context` and `sink` stay valid until the job has called finished() or failed().
    virtual void start(const JobContext& context, const QList<JobItem>& items, ItemSink& sink) = 0;
    /// The run was cancelled: stop in-flight work, then call finished().
    virtual void cancel() {}
    /// The finish hook; see Job::finish().
    virtual Status finish(const JobContext& context, const RunEnd& end, QSqlDatabase& db)
    {
        Q_UNUSED(context) Q_UNUSED(end) Q_UNUSED(db)
        return {};
    }
};

} // namespace pv
