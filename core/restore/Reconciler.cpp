// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/restore/Reconciler.h"

#include "core/capture/ObjectReader.h"
#include "core/graph/ReadOnlyGraphClient.h"
#include "core/restore/LiveRead.h"

#include <QJsonArray>
#include <QPointer>
#include <QTimer>
#include <QUrl>

namespace pv::restore {

Reconciler::Reconciler(graph::ReadOnlyGraphClient& client, QObject* parent) : QObject(parent), m_client(client) {}

QString Reconciler::listByNamePath(const QString& typeKey, const QString& name)
{
    // `name eq` on configurationPolicies is documented practice (GRAPH_NOTES §1.1); a
    // `displayName` filter on filters and scope tags is not: those collections are paged whole
    // (they are small) and matched by name here.
    if (!isPolicyType(typeKey))
        return capture::collectionOf(typeKey);
    QString quoted = name;
    quoted.replace(QLatin1Char('\''), QStringLiteral("''"));
    const QString filter = QStringLiteral("%1 eq '%2'").arg(nameProperty(typeKey), quoted);
    return capture::collectionOf(typeKey) + QStringLiteral("?$filter=")
        + QString::fromLatin1(QUrl::toPercentEncoding(filter));
}

void Reconciler::create(const QString& typeKey, const QString& name, const QDateTime& sentAt,
                        const QString& expectedHash, std::function<void(Result<Verdict>)> done)
{
    createAttempt(typeKey, name, sentAt, expectedHash, 1, std::move(done));
}

void Reconciler::createAttempt(const QString& typeKey, const QString& name, const QDateTime& sentAt,
                               const QString& expectedHash, int attempt, std::function<void(Result<Verdict>)> done)
{
    QPointer<Reconciler> self(this);
    m_client.getAllPages(listByNamePath(typeKey, name), [=, this](Result<graph::PagedItems> pages) {
        if (!self)
            return;
        if (!pages)
            return done(pages.failure());
        const QDateTime since = sentAt.addSecs(-SkewSeconds);
        QStringList candidates;
        for (const QJsonValue& v : pages->items) {
            const QJsonObject o = v.toObject();
            if (o.value(nameProperty(typeKey)).toString() != name)
                continue;   // $filter eq is case-insensitive on Graph; the name we sent is exact
            const QDateTime created = QDateTime::fromString(o.value(QStringLiteral("createdDateTime")).toString(), Qt::ISODateWithMs);
            if (created.isValid() && created < since)
                continue;   // older than the write: not ours
            candidates.append(o.value(QStringLiteral("id")).toString());
        }
        // Each candidate read in full; the ones whose content is what was sent are ours.
        struct Tally
        {
            int waiting = 0;
            QStringList matches;
            std::optional<Failure> failure;
        };
        auto tally = std::make_shared<Tally>();
        tally->waiting = static_cast<int>(candidates.size());
        auto settle = [=]() {
            if (!self)
                return;
            if (tally->failure)
                return done(*tally->failure);
            if (tally->matches.size() == 1)
                return done(Verdict{WriteState::Applied, tally->matches.first(),
                                    QStringLiteral("reconciled: the create was applied (found %1)").arg(tally->matches.first())});
            if (tally->matches.size() > 1)
                return done(Verdict{WriteState::Conflict, {},
                                    QStringLiteral("reconciled: %1 objects named like this one with the content sent were "
                                                   "created since it was sent: %2")
                                        .arg(tally->matches.size())
                                        .arg(tally->matches.join(QStringLiteral(", ")))});
            if (attempt < 2) {
                QTimer::singleShot(ReReadDelayMs, self, [=] {
                    if (self)
                        self->createAttempt(typeKey, name, sentAt, expectedHash, attempt + 1, done);
                });
                return;
            }
            done(Verdict{WriteState::NotApplied, {},
                         QStringLiteral("reconciled: no object with the content sent was created (read twice)")});
        };
        if (candidates.isEmpty())
            return settle();
        for (const QString& id : std::as_const(candidates)) {
            readLive(m_client, typeKey, id, [=](Result<QJsonObject> object) {
                if (!object) {
                    if (object.error().httpStatus != 404)
                        tally->failure = object.failure();
                } else if (comparableHash(typeKey, *object, false) == expectedHash) {
                    tally->matches.append(id);
                }
                if (--tally->waiting == 0)
                    settle();
            });
        }
    });
}

void Reconciler::update(const QString& typeKey, const QString& graphId, const QString& expectedHash,
                        std::function<void(Result<Verdict>)> done)
{
    QPointer<Reconciler> self(this);
    readLive(m_client, typeKey, graphId, [=](Result<QJsonObject> object) {
        if (!self)
            return;
        if (!object) {
            if (object.error().httpStatus == 404)
                return done(Verdict{WriteState::NotApplied, {}, QStringLiteral("reconciled: the object no longer exists")});
            return done(object.failure());
        }
        if (comparableHash(typeKey, *object, false) == expectedHash)
            return done(Verdict{WriteState::Applied, {}, QStringLiteral("reconciled: the object holds what was sent")});
        done(Verdict{WriteState::NotApplied, {}, QStringLiteral("reconciled: the object does not hold what was sent")});
    });
}

void Reconciler::assign(const QString& typeKey, const QString& graphId, const QString& expectedAssignmentsHash,
                        std::function<void(Result<Verdict>)> done)
{
    QPointer<Reconciler> self(this);
    readLive(m_client, typeKey, graphId, [=](Result<QJsonObject> object) {
        if (!self)
            return;
        if (!object) {
            if (object.error().httpStatus == 404)
                return done(Verdict{WriteState::NotApplied, {}, QStringLiteral("reconciled: the object no longer exists")});
            return done(object.failure());
        }
        if (assignmentsHash(object->value(QStringLiteral("assignments")).toArray()) == expectedAssignmentsHash)
            return done(Verdict{WriteState::Applied, {}, QStringLiteral("reconciled: the assignments are the ones sent")});
        done(Verdict{WriteState::NotApplied, {}, QStringLiteral("reconciled: the assignments are not the ones sent")});
    });
}

} // namespace pv::restore
