// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "tools/graphsim/model/SimTypes.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <memory>

namespace graphsim {

struct TenantSummary
{
    QString name;
    QString tenantId;
    QString domain;
    QList<SimApp> apps;
    QList<SimApp> publicClients{};
    QList<SimUser> users{};
};

/// Switches the server's fault configuration can flip on the model (quirks that change
/// resource bodies rather than the transport).
struct ModelQuirks
{
    /// Graph's observed quirk: GET configurationPolicies/{id}?$expand=assignments returns
    /// "assignments": [] even when assignments exist.
    bool emptyExpandedAssignmentsOnSingleGet = false;
    /// Whether /_sim/mutate assignment edits bump the policy's lastModifiedDateTime.
    bool assignmentChangeBumpsLastModified = false;
};

class SimWorldPrivate;

/// All simulated tenants and their Graph resources; lives on the server thread.
class SimWorld
{
public:
    explicit SimWorld(SimClock& clock);
    ~SimWorld();
    SimWorld(const SimWorld&) = delete;
    SimWorld& operator=(const SimWorld&) = delete;

    /// Adds a generated tenant (profile "demo" | "small" | "large" | "empty"), deterministic for
    /// (profile, seed, index-of-tenant-in-world). Returns tenantId, or empty + *error.
    QString addGeneratedTenant(const QString& profile, quint64 seed, QString* error = nullptr);
    QString addTenantFromFile(const QString& path, QString* error = nullptr);
    bool saveTenant(const QString& tenantId, const QString& path, QString* error = nullptr) const;
    /// Canonical, byte-stable JSON of one tenant (what saveTenant writes).
    QByteArray serializeTenant(const QString& tenantId) const;
    QList<TenantSummary> tenants() const;
    /// tenantId (GUID), domain ("contoso.onmicrosoft.com") or name → tenantId; empty if unknown.
    QString resolveTenant(const QString& idOrDomainOrName) const;
    const SimApp* findApp(const QString& tenantId, const QString& clientId) const;
    /// A user by object id or userPrincipalName; nullptr if unknown.
    const SimUser* findUser(const QString& tenantId, const QString& idOrUpn) const;
    /// Revokes the user's refresh tokens issued before validFromMs (revokeSignInSessions);
    /// false if the user is unknown. Tenant state: saved with the tenant.
    bool revokeSignInSessions(const QString& tenantId, const QString& idOrUpn, qint64 validFromMs);
    void addAppCertificate(const QString& tenantId, const QString& clientId, const QByteArray& certPem);

    /// Graph: route, scope check (403 naming the scopes the route needs when caller.roles
    /// lack them), query options, paging, validation, errors in Graph's envelope (request ids
    /// are added by the server). Never sees auth, throttling or faults.
    SimResponse handle(const SimRequest& request, const Caller& caller);
    /// "configurationPolicies", "policySettings", "policyAssignments", "catalog", "templates",
    /// "assignmentFilters", "roleScopeTags", "groups" or "unknown".
    QString routeFamily(const SimRequest& request) const;
    /// /_sim/mutate: seeded edits; see TenantMutator for the options and the report.
    QJsonObject mutate(const QString& tenantId, const QJsonObject& options);
    /// /_sim/retire-template: the template's lifecycleState in this tenant (active, draft,
    /// superseded, deprecated, retired). Returns {templateId, lifecycleState}, or an empty
    /// object with *error (unknown template or state).
    QJsonObject setTemplateState(const QString& tenantId, const QString& templateId, const QString& state, QString* error);
    /// /_sim/invalidate-secret: see TenantMutator::invalidateSecrets.
    QJsonObject invalidateSecrets(const QString& tenantId, const QString& policyId, const QString& settingDefinitionId,
                                  bool rotate, QString* error);
    /// Back to the generated/loaded state of every tenant.
    void reset();

    void setQuirks(const ModelQuirks& quirks);
    ModelQuirks quirks() const;
    /// Default page size of configurationPolicies lists (Graph: 25) and of /settings (no $top).
    void setPolicyPageSize(int size);
    void setSettingsPageSize(int size);

private:
    std::unique_ptr<SimWorldPrivate> d;
};

} // namespace graphsim
