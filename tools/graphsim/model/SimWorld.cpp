// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "tools/graphsim/model/SimWorld.h"

#include "tools/graphsim/model/DefinitionCatalog.h"
#include "tools/graphsim/model/ODataMetadata.h"
#include "tools/graphsim/model/Router.h"
#include "tools/graphsim/model/SimRandom.h"
#include "tools/graphsim/model/SimTenant.h"
#include "tools/graphsim/model/TenantGenerator.h"
#include "tools/graphsim/model/TenantMutator.h"

#include <QFile>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSaveFile>

namespace graphsim {

class SimWorldPrivate
{
public:
    explicit SimWorldPrivate(SimClock& c) : clock(c), signer(makeKey())
    {
        catalogLoaded = catalog.load(&catalogError);
    }

    static QByteArray makeKey()
    {
        // A fresh key per world: skip tokens from another world (or another run) are rejected.
        QByteArray key(32, '\0');
        QRandomGenerator::system()->fillRange(reinterpret_cast<quint32*>(key.data()), key.size() / 4);
        return key;
    }

    SimTenant* tenant(const QString& id)
    {
        for (SimTenant& t : tenants) {
            if (t.tenantId.compare(id, Qt::CaseInsensitive) == 0)
                return &t;
        }
        return nullptr;
    }

    SimClock& clock;
    DefinitionCatalog catalog;
    bool catalogLoaded = false;
    QString catalogError;
    SkipTokenSigner signer;
    QList<SimTenant> tenants;
    QList<SimTenant> initial;
    ModelQuirks quirks;
    int policyPageSize = 25;
    int settingsPageSize = 100;
    quint64 mutateCalls = 0;
};

SimWorld::SimWorld(SimClock& clock) : d(std::make_unique<SimWorldPrivate>(clock)) {}
SimWorld::~SimWorld() = default;

QString SimWorld::addGeneratedTenant(const QString& profile, quint64 seed, QString* error)
{
    QString localError;
    QString* err = error ? error : &localError;
    if (!d->catalogLoaded) {
        *err = d->catalogError;
        return {};
    }
    TenantGenerator generator(d->catalog);
    SimTenant tenant;
    if (!generator.generate(profile.toLower(), seed, int(d->tenants.size()), &tenant, err))
        return {};
    if (d->tenant(tenant.tenantId)) {
        *err = QStringLiteral("tenant %1 already exists").arg(tenant.tenantId);
        return {};
    }
    d->tenants.append(tenant);
    d->initial.append(tenant);
    return tenant.tenantId;
}

QString SimWorld::addTenantFromFile(const QString& path, QString* error)
{
    QString localError;
    QString* err = error ? error : &localError;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *err = QStringLiteral("cannot open %1: %2").arg(path, file.errorString());
        return {};
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        *err = QStringLiteral("%1: %2").arg(path, parseError.errorString());
        return {};
    }
    SimTenant tenant;
    if (!SimTenant::fromJson(doc.object(), &tenant, err))
        return {};
    // Saved before graphsim had people: give the tenant the generated ones.
    if (!doc.object().contains(QStringLiteral("users")))
        TenantGenerator::addPeople(tenant);
    if (d->tenant(tenant.tenantId)) {
        *err = QStringLiteral("tenant %1 already exists").arg(tenant.tenantId);
        return {};
    }
    d->tenants.append(tenant);
    d->initial.append(tenant);
    return tenant.tenantId;
}

bool SimWorld::saveTenant(const QString& tenantId, const QString& path, QString* error) const
{
    const QByteArray bytes = serializeTenant(tenantId);
    if (bytes.isEmpty()) {
        if (error)
            *error = QStringLiteral("unknown tenant %1").arg(tenantId);
        return false;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        if (error)
            *error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

QByteArray SimWorld::serializeTenant(const QString& tenantId) const
{
    // QJsonObject keeps keys sorted and QJsonDocument formats numbers the same way
    // everywhere, so the bytes depend only on the tenant's content.
    for (const SimTenant& t : d->tenants) {
        if (t.tenantId.compare(tenantId, Qt::CaseInsensitive) == 0)
            return QJsonDocument(t.toJson()).toJson(QJsonDocument::Compact);
    }
    return {};
}

QList<TenantSummary> SimWorld::tenants() const
{
    QList<TenantSummary> list;
    for (const SimTenant& t : d->tenants)
        list.append({t.name, t.tenantId, t.domain, t.apps, t.publicClients, t.users});
    return list;
}

QString SimWorld::resolveTenant(const QString& idOrDomainOrName) const
{
    for (const SimTenant& t : d->tenants) {
        if (t.tenantId.compare(idOrDomainOrName, Qt::CaseInsensitive) == 0
            || t.domain.compare(idOrDomainOrName, Qt::CaseInsensitive) == 0
            || t.name.compare(idOrDomainOrName, Qt::CaseInsensitive) == 0)
            return t.tenantId;
    }
    return {};
}

const SimApp* SimWorld::findApp(const QString& tenantId, const QString& clientId) const
{
    for (const SimTenant& t : d->tenants) {
        if (t.tenantId.compare(tenantId, Qt::CaseInsensitive) != 0)
            continue;
        for (const QList<SimApp>* list : {&t.apps, &t.publicClients}) {
            for (const SimApp& app : *list) {
                if (app.clientId.compare(clientId, Qt::CaseInsensitive) == 0)
                    return &app;
            }
        }
    }
    return nullptr;
}

const SimUser* SimWorld::findUser(const QString& tenantId, const QString& idOrUpn) const
{
    for (const SimTenant& t : d->tenants) {
        if (t.tenantId.compare(tenantId, Qt::CaseInsensitive) != 0)
            continue;
        for (const SimUser& user : t.users) {
            if (user.id.compare(idOrUpn, Qt::CaseInsensitive) == 0
                || user.userPrincipalName.compare(idOrUpn, Qt::CaseInsensitive) == 0)
                return &user;
        }
    }
    return nullptr;
}

bool SimWorld::revokeSignInSessions(const QString& tenantId, const QString& idOrUpn, qint64 validFromMs)
{
    for (SimTenant& t : d->tenants) {
        if (t.tenantId.compare(tenantId, Qt::CaseInsensitive) != 0)
            continue;
        for (SimUser& user : t.users) {
            if (user.id.compare(idOrUpn, Qt::CaseInsensitive) == 0
                || user.userPrincipalName.compare(idOrUpn, Qt::CaseInsensitive) == 0) {
                user.refreshTokensValidFromMs = validFromMs;
                return true;
            }
        }
    }
    return false;
}

void SimWorld::addAppCertificate(const QString& tenantId, const QString& clientId, const QByteArray& certPem)
{
    // Certificates are run-time credentials (generated per server run), so they go into both
    // the live and the reset state.
    for (QList<SimTenant>* list : {&d->tenants, &d->initial}) {
        for (SimTenant& t : *list) {
            if (t.tenantId.compare(tenantId, Qt::CaseInsensitive) != 0)
                continue;
            for (SimApp& app : t.apps) {
                if (app.clientId.compare(clientId, Qt::CaseInsensitive) == 0 && !app.certificatesPem.contains(certPem))
                    app.certificatesPem.append(certPem);
            }
        }
    }
}

SimResponse SimWorld::handle(const SimRequest& request, const Caller& caller)
{
    if (!d->catalogLoaded)
        return graphError(500, QStringLiteral("InternalError"), d->catalogError);
    SimTenant* tenant = d->tenant(caller.tenantId);
    if (!tenant)
        return graphError(401, QStringLiteral("InvalidAuthenticationToken"),
                          QStringLiteral("The tenant '%1' of the access token is not known.").arg(caller.tenantId));
    QList<PathSegment> segments;
    Route route;
    SimResponse error;
    if (!matchRoute(request, &segments, &route, &error))
        return error;
    const QStringList alternatives = route.alternativeScopes
                                         ? route.alternativeScopes(*tenant, d->catalog, request) : QStringList();
    if (!checkScopes(route, caller, alternatives, &error))
        return error;
    RouteContext ctx{request, caller, QueryOptions::parse(request.query), *tenant, d->catalog, d->signer, d->clock,
                     d->quirks, d->policyPageSize, d->settingsPageSize, segments};
    SimResponse response = route.handler(ctx);
    if (requestedMetadata(request) == MetadataLevel::Full)
        applyFullMetadata(request, segments, &response);
    return response;
}

QString SimWorld::routeFamily(const SimRequest& request) const
{
    QList<PathSegment> segments;
    Route route;
    SimResponse error;
    return matchRoute(request, &segments, &route, &error) ? route.family : QStringLiteral("unknown");
}

QJsonObject SimWorld::mutate(const QString& tenantId, const QJsonObject& options)
{
    SimTenant* tenant = d->tenant(tenantId);
    if (!tenant)
        return QJsonObject{{QStringLiteral("error"), QStringLiteral("unknown tenant %1").arg(tenantId)}};
    ++d->mutateCalls;
    TenantMutator mutator(d->catalog, d->clock, d->quirks);
    return mutator.mutate(*tenant, options, d->mutateCalls);
}

QJsonObject SimWorld::setTemplateState(const QString& tenantId, const QString& templateId, const QString& state,
                                       QString* error)
{
    SimTenant* tenant = d->tenant(tenantId);
    if (!tenant) {
        *error = QStringLiteral("unknown tenant %1").arg(tenantId);
        return {};
    }
    const TemplateInfo* tmpl = d->catalog.findTemplate(templateId);
    if (!tmpl) {
        *error = QStringLiteral("unknown template %1").arg(templateId);
        return {};
    }
    // deviceManagementTemplateLifecycleState [D]; "invalid" is not a state a template is put in.
    static const QStringList states = {QStringLiteral("draft"), QStringLiteral("active"), QStringLiteral("superseded"),
                                       QStringLiteral("deprecated"), QStringLiteral("retired")};
    if (!states.contains(state)) {
        *error = QStringLiteral("lifecycleState must be one of %1").arg(states.join(QStringLiteral(", ")));
        return {};
    }
    if (state == QLatin1String("active"))
        tenant->templateStates.remove(tmpl->id.toLower());
    else
        tenant->templateStates.insert(tmpl->id.toLower(), state);
    return QJsonObject{{QStringLiteral("templateId"), tmpl->id}, {QStringLiteral("lifecycleState"), state}};
}

QJsonObject SimWorld::invalidateSecrets(const QString& tenantId, const QString& policyId,
                                        const QString& settingDefinitionId, bool rotate, QString* error)
{
    SimTenant* tenant = d->tenant(tenantId);
    if (!tenant) {
        *error = QStringLiteral("unknown tenant %1").arg(tenantId);
        return {};
    }
    return TenantMutator::invalidateSecrets(*tenant, policyId, settingDefinitionId, rotate,
                                            graphTimestamp(d->clock.now()), error);
}

void SimWorld::reset()
{
    d->tenants = d->initial;
    for (SimTenant& t : d->tenants)
        t.reindex();
    d->mutateCalls = 0;
}

void SimWorld::setQuirks(const ModelQuirks& quirks) { d->quirks = quirks; }
ModelQuirks SimWorld::quirks() const { return d->quirks; }
void SimWorld::setPolicyPageSize(int size) { d->policyPageSize = qMax(1, size); }
void SimWorld::setSettingsPageSize(int size) { d->settingsPageSize = qMax(1, size); }

} // namespace graphsim
