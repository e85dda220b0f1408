// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/demo/DemoTenant.h"

#include "core/demo/LoopbackHttp.h"
#include "core/logging/Logging.h"
#include "core/runs/TenantService.h"
#include "core/secrets/SecretStore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>

namespace pv {

namespace {

/// The profile fields graphsim decides; everything else (name, read-only) is the user's.
void applyEndpoint(TenantRecord* tenant, const DemoEndpoint& endpoint)
{
    const QString url = endpoint.httpsUrl.toString(QUrl::RemoveUserInfo | QUrl::StripTrailingSlash);
    tenant->entraTenantId = endpoint.entraTenantId;
    tenant->clientId = endpoint.clientId;
    tenant->authMethod = QStringLiteral("client_secret");
    tenant->cloud = QStringLiteral("global");
    tenant->graphUrl = url;
    tenant->authorityUrl = url;
    tenant->caCertificatePath = endpoint.caCertPath;
    tenant->certificatePath.clear();
}

bool sameProfile(const TenantRecord& a, const TenantRecord& b)
{
    return a.entraTenantId == b.entraTenantId && a.clientId == b.clientId && a.authMethod == b.authMethod
        && a.cloud == b.cloud && a.graphUrl == b.graphUrl && a.authorityUrl == b.authorityUrl
        && a.caCertificatePath == b.caCertificatePath && a.certificatePath == b.certificatePath;
}

/// The simulated tenant, whatever the user renamed it to; NotFound when there is none.
Result<TenantRecord> findDemoTenant(const TenantRepository& repository)
{
    auto tenants = repository.list();
    if (!tenants)
        return tenants.failure();
    for (const TenantRecord& tenant : tenants.value()) {
        if (tenant.simulated)
            return tenant;
    }
    return fail(ErrorCode::NotFound, QStringLiteral("no demo tenant"));
}

} // namespace

Result<TenantRecord> DemoTenant::syncProfile(const TenantRecord& tenant, const DemoEndpoint& endpoint,
                                             const TenantRepository& repository)
{
    TenantRecord wanted = tenant;
    applyEndpoint(&wanted, endpoint);
    if (sameProfile(wanted, tenant))
        return tenant;
    log::info(log::App, QStringLiteral("demo tenant: profile now points at %1").arg(wanted.graphUrl));
    return repository.update(wanted);
}

Result<DemoTenant::Setup> DemoTenant::ensure(const QString& dataDir, const TenantService& tenants,
                                             const TenantRepository& repository, SecretStore& secrets,
                                             const DemoServer::Options& options)
{
    auto endpoint = DemoServer::ensureRunning(dataDir, options);
    if (!endpoint)
        return endpoint.failure();
    Setup setup;
    setup.endpoint = endpoint.value();

    auto existing = findDemoTenant(repository);
    if (existing) {
        auto synced = syncProfile(existing.value(), setup.endpoint, repository);
        if (!synced)
            return synced.failure();
        setup.profileUpdated = !sameProfile(existing.value(), synced.value());
        setup.tenant = synced.value();
    } else if (existing.error().code == ErrorCode::NotFound) {
        if (auto taken = repository.byName(defaultName()); taken) {
            return fail(ErrorCode::Conflict,
                        QStringLiteral("a tenant named \"%1\" exists and is not the demo tenant; rename or remove it "
                                       "first")
                            .arg(defaultName()));
        }
        TenantRecord tenant;
        tenant.name = defaultName();
        tenant.simulated = true;
        applyEndpoint(&tenant, setup.endpoint);
        auto created = tenants.add(tenant);
        if (!created)
            return created.failure();
        setup.tenant = created.value();
        setup.created = true;
    } else {
        return existing.failure();
    }

    // The keychain entry like any tenant's, so a run signs in the ordinary way. Written only
    // when it differs: a keychain write may prompt.
    const QString key = SecretStore::key(setup.tenant.uuid, SecretKind::ClientSecret);
    auto stored = secrets.read(key);
    if (!stored || stored.value() != setup.endpoint.clientSecret) {
        if (!stored && stored.error().code != ErrorCode::NotFound)
            return stored.failure();
        if (const Status written = secrets.write(key, setup.endpoint.clientSecret); !written)
            return written.failure();
        setup.secretStored = true;
    }
    return setup;
}

std::function<Status(const TenantRecord&)> DemoTenant::prepareFor(const QString& dataDir,
                                                                  std::shared_ptr<Database> database)
{
    return [dataDir, database = std::move(database)](const TenantRecord& tenant) -> Status {
        if (!tenant.simulated)
            return {};
        auto endpoint = DemoServer::ensureRunning(dataDir);
        if (!endpoint)
            return endpoint.failure();
        auto synced = syncProfile(tenant, endpoint.value(), TenantRepository(database));
        if (!synced)
            return synced.failure();
        return {};
    };
}

Result<QList<DemoTenant::Change>> DemoTenant::change(const QString& dataDir, int count,
                                                     const DemoServer::Options& options)
{
    if (count <= 0)
        return fail(ErrorCode::InvalidArgument, QStringLiteral("the number of changes must be positive"));
    auto endpoint = DemoServer::ensureRunning(dataDir, options);
    if (!endpoint)
        return endpoint.failure();

    QList<Change> changes;
    // /_sim/mutate may do less than asked (a group already assigned, a setting without a
    // definition); ask again for the rest, a few times.
    for (int attempt = 0; attempt < 5 && changes.size() < count; ++attempt) {
        // Renames, settings and assignments alike; deletions rarer, so the tenant lasts.
        int renames = 0, settings = 0, assignments = 0, deletes = 0;
        for (qsizetype i = changes.size(); i < count; ++i) {
            const quint32 draw = QRandomGenerator::global()->bounded(10u);
            (draw < 3 ? renames : draw < 6 ? settings : draw < 9 ? assignments : deletes) += 1;
        }
        const QJsonObject request{{QStringLiteral("seed"), qint64(QRandomGenerator::global()->bounded(1u << 30))},
                                  {QStringLiteral("policies"), 0},
                                  {QStringLiteral("renames"), renames},
                                  {QStringLiteral("settings"), settings},
                                  {QStringLiteral("assignments"), assignments},
                                  {QStringLiteral("deletes"), deletes}};
        auto reply = demo::loopbackRequest(endpoint->httpPort, "POST", "/_sim/mutate",
                                           QJsonDocument(request).toJson(QJsonDocument::Compact),
                                           std::chrono::seconds(30));
        if (!reply)
            return reply.failure();
        if (reply->status != 200)
            return fail(ErrorCode::Http, QStringLiteral("graphsim refused the change: %1")
                                             .arg(QString::fromUtf8(reply->body.left(300))), reply->status);
        for (const QJsonValue& value : QJsonDocument::fromJson(reply->body).object().value(QStringLiteral("changed")).toArray()) {
            const QJsonObject object = value.toObject();
            changes.append(Change{object.value(QStringLiteral("policyId")).toString(),
                                  object.value(QStringLiteral("kind")).toString(),
                                  object.value(QStringLiteral("detail")).toString()});
        }
    }
    return changes;
}

} // namespace pv
