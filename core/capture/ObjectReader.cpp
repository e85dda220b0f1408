// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/capture/ObjectReader.h"

#include "core/graph/ReadOnlyGraphClient.h"

#include <QJsonArray>
#include <QUrl>

#include <memory>

namespace pv::capture {

namespace {

const QString Settings = QStringLiteral("settings");
const QString Assignments = QStringLiteral("assignments");
const QString NextLink = QStringLiteral("@odata.nextLink");

bool isPolicy(const QString& typeKey)
{
    return typeKey == u"settingsCatalog" || typeKey == u"endpointSecurity" || typeKey == u"securityBaseline";
}

bool hasAssignments(const QString& typeKey)
{
    return isPolicy(typeKey) || typeKey == u"scopeTags";
}

bool readsObject(const ReadTarget& t)
{
    return t.listed.isEmpty() || (isPolicy(t.typeKey) && t.readSettings);
}

QString objectPath(const ReadTarget& t)
{
    QString path = collectionOf(t.typeKey) + QLatin1Char('/') + segment(t.graphId);
    if (isPolicy(t.typeKey))
        path += QStringLiteral("?$expand=settings");
    return path;
}

QString assignmentsPath(const ReadTarget& t)
{
    return collectionOf(t.typeKey) + QLatin1Char('/') + segment(t.graphId) + QStringLiteral("/assignments");
}

// One target's pending reads; calls back when both halves are in.
struct Pending
{
    int index = 0;
    int waiting = 0;
    std::optional<Failure> failure;
    QJsonObject object;
    QJsonArray assignments;
    bool done = false;
};

using Done = std::function<void(int, Result<QJsonObject>)>;

void settle(const std::shared_ptr<Pending>& p, const ReadTarget& target, const Done& done)
{
    if (--p->waiting > 0 || p->done)
        return;
    p->done = true;
    if (p->failure)
        return done(p->index, *p->failure);
    QJsonObject object;
    if (!readsObject(target)) {
        // Settings not re-read: the stored object, with everything the list says now on top
        // (a rename or a new description shows there even if Graph did not bump the time).
        object = target.stored;
        for (auto it = target.listed.constBegin(); it != target.listed.constEnd(); ++it)
            object.insert(it.key(), it.value());
    } else {
        object = p->object;
        if (!target.listed.isEmpty() && !isPolicy(target.typeKey))
            object = target.listed;
    }
    if (hasAssignments(target.typeKey))
        object.insert(Assignments, p->assignments);
    object.remove(Assignments + QStringLiteral("@odata.context"));
    done(p->index, object);
}

} // namespace

QString collectionOf(const QString& typeKey)
{
    if (typeKey == u"assignmentFilters")
        return QStringLiteral("/deviceManagement/assignmentFilters");
    if (typeKey == u"scopeTags")
        return QStringLiteral("/deviceManagement/roleScopeTags");
    return QStringLiteral("/deviceManagement/configurationPolicies");
}

QString segment(const QString& id)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(id));
}

int operationsFor(const ReadTarget& target)
{
    return (readsObject(target) ? 1 : 0) + (hasAssignments(target.typeKey) ? 1 : 0);
}

void readObjects(graph::ReadOnlyGraphClient& client, const QList<ReadTarget>& targets, Done done)
{
    QStringList paths;
    // paths[i] → (target index, which half)
    QList<QPair<int, bool>> owners;   // bool: true = assignments
    QList<std::shared_ptr<Pending>> pendings;
    for (int i = 0; i < targets.size(); ++i) {
        const ReadTarget& t = targets.at(i);
        auto p = std::make_shared<Pending>();
        p->index = i;
        if (readsObject(t)) {
            paths.append(objectPath(t));
            owners.append({i, false});
            ++p->waiting;
        }
        if (hasAssignments(t.typeKey)) {
            paths.append(assignmentsPath(t));
            owners.append({i, true});
            ++p->waiting;
        }
        if (p->waiting == 0)
            ++p->waiting;   // settled below with what the list gave
        pendings.append(p);
    }
    auto shared = std::make_shared<Done>(std::move(done));
    for (int i = 0; i < targets.size(); ++i) {
        if (operationsFor(targets.at(i)) == 0)
            settle(pendings.at(i), targets.at(i), *shared);
    }
    if (paths.isEmpty())
        return;
    graph::ReadOnlyGraphClient* c = &client;
    client.batchGet(paths, [c, targets, owners, pendings, shared](QList<Result<graph::GraphResponse>> results) {
        for (int r = 0; r < results.size(); ++r) {
            const auto [index, isAssignments] = owners.at(r);
            const std::shared_ptr<Pending>& p = pendings.at(index);
            const ReadTarget& target = targets.at(index);
            Result<graph::GraphResponse>& result = results[r];
            if (!result) {
                // The first failure names the item's fate; a 404 wins (the object is gone).
                if (!p->failure || result.error().httpStatus == 404)
                    p->failure = result.failure();
                settle(p, target, *shared);
                continue;
            }
            QJsonObject body = result->body;
            if (isAssignments) {
                if (body.contains(NextLink)) {
                    // More assignments than a page: follow the nextLink verbatim, as a
                    // "value" collection of this body.
                    QJsonObject entity{{QStringLiteral("value"), body.value(QStringLiteral("value"))},
                                       {QStringLiteral("value") + NextLink, body.value(NextLink)}};
                    c->completeExpanded(entity, QStringLiteral("value"), [p, target, shared](Result<QJsonObject> all) {
                        if (!all)
                            p->failure = all.failure();
                        else
                            p->assignments = all->value(QStringLiteral("value")).toArray();
                        settle(p, target, *shared);
                    });
                    continue;
                }
                p->assignments = body.value(QStringLiteral("value")).toArray();
                settle(p, target, *shared);
                continue;
            }
            if (!isPolicy(target.typeKey)) {
                p->object = body;
                settle(p, target, *shared);
                continue;
            }
            c->completeExpanded(body, Settings, [p, target, shared](Result<QJsonObject> complete) {
                if (!complete)
                    p->failure = complete.failure();
                else
                    p->object = *complete;
                settle(p, target, *shared);
            });
        }
    });
}

} // namespace pv::capture
