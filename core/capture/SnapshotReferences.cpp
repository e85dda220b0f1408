// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/capture/SnapshotReferences.h"

#include "core/capture/GraphSession.h"
#include "core/capture/ObjectReader.h"
#include "core/capture/PolicyContent.h"
#include "core/graph/ReadOnlyGraphClient.h"
#include "core/logging/Logging.h"
#include "core/store/Database.h"
#include "core/store/SnapshotRepository.h"

#include <QHash>
#include <QJsonObject>
#include <QPointer>

#include <memory>

namespace pv::capture {

namespace {

const QString Definition = QStringLiteral("definition");
const QString Category = QStringLiteral("category");
const QString Template = QStringLiteral("template");
const QString Group = QStringLiteral("group");

struct Wanted
{
    QString kind;
    QString key;
};

QString pathOf(const Wanted& w)
{
    if (w.kind == Definition)
        return QStringLiteral("/deviceManagement/configurationSettings/") + segment(w.key);
    if (w.kind == Category)
        return QStringLiteral("/deviceManagement/configurationCategories/") + segment(w.key);
    if (w.kind == Template)
        return QStringLiteral("/deviceManagement/configurationPolicyTemplates/") + segment(w.key);
    return QStringLiteral("/groups/") + segment(w.key) + QStringLiteral("?$select=id,displayName");
}

struct State
{
    GraphSession* session = nullptr;
    qint64 snapshotId = 0;
    bool full = false;
    // kind → key → content (known from the previous snapshot, or read now)
    QHash<QString, QHash<QString, QJsonObject>> content;
    QHash<QString, QSet<QString>> needed;
    ReferenceSummary summary;
    std::function<void(Result<ReferenceSummary>)> done;
};

// Reads what of `wanted` is not known yet, then calls `next`.
void fetch(const std::shared_ptr<State>& state, const QList<Wanted>& wanted, std::function<void()> next)
{
    QList<Wanted> missing;
    QStringList paths;
    for (const Wanted& w : wanted) {
        if (state->content.value(w.kind).contains(w.key))
            continue;
        missing.append(w);
        paths.append(pathOf(w));
    }
    if (paths.isEmpty())
        return next();
    state->session->client().batchGet(paths, [state, missing, next](QList<Result<graph::GraphResponse>> results) {
        for (int i = 0; i < results.size(); ++i) {
            const Wanted& w = missing.at(i);
            if (!results.at(i)) {
                state->summary.missing.append(QStringLiteral("%1 %2: %3").arg(w.kind, w.key, results.at(i).error().toString()));
                continue;
            }
            QJsonObject body = results.at(i)->body;
            state->content[w.kind].insert(w.key, body);
            ++state->summary.fetched;
        }
        next();
    });
}

Status writeAll(const std::shared_ptr<State>& state, const QJsonArray& filters, const QJsonArray& scopeTags)
{
    GraphSession& session = *state->session;
    return session.database()->writeTransaction([&](QSqlDatabase&) -> Status {
        for (auto kind = state->needed.constBegin(); kind != state->needed.constEnd(); ++kind) {
            for (const QString& key : kind.value()) {
                const auto found = state->content.value(kind.key()).constFind(key);
                if (found == state->content.value(kind.key()).constEnd())
                    continue;
                if (Status s = session.snapshots().addReference(session.scope(), state->snapshotId, kind.key(), key, *found); !s)
                    return s;
                ++state->summary.stored;
            }
        }
        const QList<QPair<QString, QJsonArray>> listed{{QStringLiteral("filter"), filters},
                                                       {QStringLiteral("scope_tag"), scopeTags}};
        for (const auto& [kind, objects] : listed) {
            for (const QJsonValue& v : objects) {
                const QJsonObject object = v.toObject();
                if (Status s = session.snapshots().addReference(session.scope(), state->snapshotId, kind,
                                                                object.value(QStringLiteral("id")).toString(), object);
                    !s)
                    return s;
                ++state->summary.stored;
            }
        }
        return {};
    });
}

} // namespace

void storeSnapshotReferences(GraphSession& session, qint64 snapshotId, const QJsonArray& filters,
                             const QJsonArray& scopeTags, bool full, std::function<void(Result<ReferenceSummary>)> done)
{
    auto state = std::make_shared<State>();
    state->session = &session;
    state->snapshotId = snapshotId;
    state->full = full;
    state->done = std::move(done);
    SnapshotRepository& repo = session.snapshots();
    const TenantScope& scope = session.scope();

    // What the snapshot's versions refer to (every version, the ones a resumed run's parent
    // recorded included).
    auto items = repo.snapshotItems(scope, snapshotId);
    if (!items)
        return state->done(items.failure());
    PolicyContent::References refs;
    for (const auto& [policy, version] : std::as_const(*items)) {
        auto object = repo.versionContent(scope, version.id);
        if (!object)
            return state->done(object.failure());
        auto found = PolicyContent::referencesOf(*object);
        if (found)
            refs.unite(*found);
    }
    state->needed[Definition] = refs.definitions;
    state->needed[Template] = refs.templates;
    state->needed[Group] = refs.groups;

    if (!full) {
        // The previous finished snapshot's catalog data: definitions, categories, templates.
        auto snapshots = repo.listSnapshots(scope);
        if (snapshots) {
            for (const SnapshotRecord& s : std::as_const(*snapshots)) {
                if (s.id == snapshotId || !s.finishedAt.isValid())
                    continue;
                for (const QString& kind : {Definition, Category, Template}) {
                    auto known = repo.references(scope, s.id, kind);
                    if (known)
                        state->content[kind] = *known;
                }
                break;
            }
        }
    }

    QList<Wanted> first;
    for (const QString& kind : {Definition, Template, Group}) {
        QStringList keys(state->needed.value(kind).begin(), state->needed.value(kind).end());
        keys.sort();
        for (const QString& key : keys)
            first.append({kind, key});
    }
    fetch(state, first, [state, filters, scopeTags] {
        // Categories of every needed definition, now that the definitions are in.
        QSet<QString> categories;
        for (const QString& id : state->needed.value(Definition)) {
            const QString category = state->content.value(Definition).value(id).value(QStringLiteral("categoryId")).toString();
            if (!category.isEmpty())
                categories.insert(category);
        }
        state->needed[Category] = categories;
        QList<Wanted> second;
        QStringList keys(categories.begin(), categories.end());
        keys.sort();
        for (const QString& key : keys)
            second.append({Category, key});
        fetch(state, second, [state, filters, scopeTags] {
            if (Status s = writeAll(state, filters, scopeTags); !s)
                return state->done(s.failure());
            for (const QString& m : std::as_const(state->summary.missing))
                pv::log::warn(pv::log::Graph, QStringLiteral("snapshot %1: reference not stored: %2").arg(state->snapshotId).arg(m));
            state->done(state->summary);
        });
    });
}

} // namespace pv::capture
