// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/runs/TenantService.h"

#include "core/runs/AccessGate.h"
#include "core/runs/RunService.h"
#include "core/runs/RunsLog.h"
#include "core/secrets/SecretStore.h"

#include <QDeadlineTimer>
#include <QStringList>
#include <QThread>

namespace pv {

namespace {

QString runList(const QList<RunRecord>& runs)
{
    QStringList ids;
    for (const RunRecord& run : runs)
        ids.append(QStringLiteral("%1 (%2)").arg(run.id).arg(runStatusName(run.status)));
    return ids.join(QStringLiteral(", "));
}

} // namespace

TenantService::TenantService(std::shared_ptr<Database> database, RunService& runs, SecretStore& secrets)
    : m_database(database), m_runs(runs), m_secrets(secrets), m_repository(std::move(database))
{
}

Result<TenantRecord> TenantService::add(const TenantRecord& tenant) const
{
    return m_repository.create(tenant);
}

QStringView TenantService::secretKind(const QString& authMethod)
{
    if (authMethod == QLatin1String("client_secret"))
        return SecretKind::ClientSecret;
    if (authMethod == QLatin1String("certificate"))
        return SecretKind::CertificatePassword;
    return {};
}

Status TenantService::storeSecret(const TenantRecord& tenant, const QByteArray& secret) const
{
    const QStringView kind = secretKind(tenant.authMethod);
    if (kind.isEmpty())
        return fail(ErrorCode::InvalidArgument,
                    QStringLiteral("The sign-in method %1 keeps no secret in PolicyVault").arg(tenant.authMethod));
    const QString key = SecretStore::key(tenant.uuid, kind);
    // A certificate without a password (an unencrypted PEM key) has nothing to store.
    if (secret.isEmpty()) {
        if (kind == SecretKind::ClientSecret)
            return fail(ErrorCode::InvalidArgument, QStringLiteral("The client secret is empty"));
        return m_secrets.remove(key);
    }
    return m_secrets.write(key, secret);
}

Result<TenantRecord> TenantService::add(const TenantRecord& tenant, const std::optional<QByteArray>& secret) const
{
    if (secret && secret->isEmpty() && secretKind(tenant.authMethod) == SecretKind::ClientSecret)
        return fail(ErrorCode::InvalidArgument, QStringLiteral("The client secret is empty"));
    Result<TenantRecord> created = m_repository.create(tenant);
    if (!created || !secret || secret->isEmpty())   // no certificate password: nothing to store
        return created;
    if (Status stored = storeSecret(*created, *secret); !stored) {
        qCWarning(lcRuns, "tenant %lld: its secret could not be stored, the tenant is removed again: %s",
                  static_cast<long long>(created->id), qUtf8Printable(stored.error().toString()));
        (void)remove(created->id);
        return fail(ErrorCode::Keychain, QStringLiteral("The tenant was not added: the keychain refused its secret (%1)")
                                             .arg(stored.error().message));
    }
    return created;
}

Result<TenantRecord> TenantService::update(const TenantRecord& tenant, const std::optional<QByteArray>& secret) const
{
    const Result<TenantRecord> before = m_repository.byId(tenant.id);
    if (!before)
        return before.failure();
    if (secret && secret->isEmpty() && secretKind(tenant.authMethod) == SecretKind::ClientSecret)
        return fail(ErrorCode::InvalidArgument, QStringLiteral("The client secret is empty"));
    Result<TenantRecord> updated = m_repository.update(tenant);
    if (!updated)
        return updated;
    Status stored;
    const QStringView oldKind = secretKind(before->authMethod);
    if (!oldKind.isEmpty() && oldKind != secretKind(updated->authMethod))
        stored = m_secrets.remove(SecretStore::key(updated->uuid, oldKind));
    if (stored && secret)
        stored = storeSecret(*updated, *secret);
    if (!stored)
        return fail(ErrorCode::Keychain, QStringLiteral("The tenant's profile was saved, but the keychain refused its "
                                                        "secret (%1)")
                                             .arg(stored.error().message));
    return updated;
}

Result<QList<RunRecord>> TenantService::activeRuns(qint64 tenantId) const
{
    auto scope = AccessGate(m_database).enter(tenantId);
    if (!scope)
        return scope.failure();
    QList<RunRecord> active;
    for (RunStatus status : {RunStatus::Queued, RunStatus::Running}) {
        RunFilter filter;
        filter.status = status;
        filter.limit = -1;
        auto runs = m_runs.runs(*scope, filter);
        if (!runs)
            return runs.failure();
        active += *runs;
    }
    return active;
}

Result<TenantService::Removed> TenantService::remove(qint64 tenantId, const RemoveOptions& options) const
{
    auto tenant = m_repository.byId(tenantId);
    if (!tenant)
        return tenant.failure();
    auto active = activeRuns(tenantId);
    if (!active)
        return active.failure();
    if (!active->isEmpty()) {
        if (!options.cancelActiveRuns)
            return fail(ErrorCode::Conflict, QStringLiteral("Tenant %1 has active runs: %2. Cancel them first.")
                                                 .arg(tenant->name, runList(*active)));
        auto scope = AccessGate(m_database).enter(tenantId);
        if (!scope)
            return scope.failure();
        for (const RunRecord& run : std::as_const(*active)) {
            // A run that ended meanwhile answers Conflict; that is what we want anyway.
            if (Status s = m_runs.cancel(*scope, run.id); !s && s.error().code != ErrorCode::Conflict)
                return s.failure();
        }
        // Runs of another process end when that process sees the request (between items);
        // poll the store, which is all another process and this one share.
        const QDeadlineTimer deadline(options.cancelTimeout);
        for (;;) {
            active = activeRuns(tenantId);
            if (!active)
                return active.failure();
            if (active->isEmpty())
                break;
            if (deadline.hasExpired())
                return fail(ErrorCode::Conflict, QStringLiteral("Runs of tenant %1 did not stop in time: %2")
                                                     .arg(tenant->name, runList(*active)));
            QThread::msleep(50);
        }
    }

    // The repository re-checks for active runs inside the delete's transaction.
    if (Status s = m_repository.remove(tenantId); !s)
        return s.failure();
    qCInfo(lcRuns, "tenant %lld (%s) removed", static_cast<long long>(tenantId), qUtf8Printable(tenant->uuid));
    if (Status s = m_secrets.removeAllForTenant(tenant->uuid); !s) {
        // The tenant is gone; its secrets stay listed for clean-up and go at the next start.
        qCWarning(lcRuns, "tenant %lld: its secrets could not be removed yet: %s", static_cast<long long>(tenantId),
                  qUtf8Printable(s.error().toString()));
        return Removed{true, s.error().message};
    }
    if (Status s = m_repository.secretCleanupDone(tenant->uuid); !s)
        return s.failure();
    return Removed{};
}

Result<int> TenantService::finishPendingCleanups() const
{
    auto pending = m_repository.pendingSecretCleanups();
    if (!pending)
        return pending.failure();
    int done = 0;
    for (const QString& uuid : std::as_const(*pending)) {
        if (Status s = m_secrets.removeAllForTenant(uuid); !s)
            return s.failure();
        if (Status s = m_repository.secretCleanupDone(uuid); !s)
            return s.failure();
        ++done;
    }
    return done;
}

} // namespace pv
