// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "tools/graphsim/server/SimEndpoints.h"

#include "tools/graphsim/model/SimTenant.h"
#include "tools/graphsim/model/SimWorld.h"
#include "tools/graphsim/server/Dispatcher.h"
#include "tools/graphsim/server/Jwt.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSslCertificate>
#include <QTimer>

namespace graphsim {

namespace {

HttpReply json(int status, const QJsonObject& object)
{
    HttpReply reply;
    reply.status = status;
    reply.contentType = "application/json; charset=utf-8";
    reply.body = QJsonDocument(object).toJson(QJsonDocument::Compact);
    return reply;
}

HttpReply simError(int status, const QString& message)
{
    return json(status, QJsonObject{{QStringLiteral("error"), message}});
}

QJsonObject clockJson(const SimClock& clock)
{
    return QJsonObject{{QStringLiteral("now"), clock.now().toString(Qt::ISODateWithMs)},
                       {QStringLiteral("nowMs"), clock.nowMs()},
                       {QStringLiteral("offsetMs"), clock.offsetMs()},
                       {QStringLiteral("frozen"), clock.isFrozen()}};
}

QString retryAfterName(RetryAfterMode mode)
{
    switch (mode) {
    case RetryAfterMode::Integer:
        return QStringLiteral("integer");
    case RetryAfterMode::Fractional:
        return QStringLiteral("fractional");
    case RetryAfterMode::Missing:
        return QStringLiteral("missing");
    }
    return {};
}

QJsonObject writeFaultsJson(const WriteFaultPlan& plan)
{
    return QJsonObject{{QStringLiteral("mode"), WriteFaultPlan::modeName(plan.mode)},
                       {QStringLiteral("count"), plan.count},
                       {QStringLiteral("skip"), plan.skip},
                       {QStringLiteral("methods"), QJsonArray::fromStringList(plan.methods)},
                       {QStringLiteral("families"), QJsonArray::fromStringList(plan.families)},
                       {QStringLiteral("fired"), plan.fired}};
}

/// POST /_sim/config {"writeFaults": {...}}: replaces the plan (fired starts again at 0).
bool applyWriteFaults(Dispatcher& dispatcher, const QJsonObject& body, QString* error)
{
    WriteFaultPlan plan;
    if (!WriteFaultPlan::modeFromName(body.value(QStringLiteral("mode")).toString(QStringLiteral("none")), &plan.mode)) {
        *error = QStringLiteral("writeFaults.mode must be none, drop_after_apply, 504_after_apply or truncate_after_apply");
        return false;
    }
    plan.count = body.value(QStringLiteral("count")).toInt(plan.mode == WriteFaultPlan::Mode::None ? 0 : 1);
    plan.skip = body.value(QStringLiteral("skip")).toInt(0);
    if (plan.count < 0 || plan.skip < 0) {
        *error = QStringLiteral("writeFaults.count and writeFaults.skip must not be negative");
        return false;
    }
    if (body.value(QStringLiteral("methods")).isArray()) {
        plan.methods.clear();
        for (const QJsonValue& method : body.value(QStringLiteral("methods")).toArray())
            plan.methods.append(method.toString().toUpper());
    }
    for (const QJsonValue& family : body.value(QStringLiteral("families")).toArray())
        plan.families.append(family.toString());
    dispatcher.faults().writePlan() = plan;
    return true;
}

/// The tenant a /_sim call names ("tenant": id, domain or name), else the first one.
QString simTenant(Dispatcher& dispatcher, const QJsonObject& body)
{
    const QString wanted = body.value(QStringLiteral("tenant")).toString();
    if (!wanted.isEmpty())
        return dispatcher.world().resolveTenant(wanted);
    const QList<TenantSummary> tenants = dispatcher.world().tenants();
    return tenants.isEmpty() ? QString() : tenants.constFirst().tenantId;
}

QJsonObject configJson(Dispatcher& dispatcher)
{
    const SimOptions& o = dispatcher.options();
    const FaultRates& f = dispatcher.faults().rates();
    return QJsonObject{
        {QStringLiteral("appRequests"), o.appRequests},
        {QStringLiteral("appWrites"), o.appWrites},
        {QStringLiteral("tenantRequests"), o.tenantRequests},
        {QStringLiteral("tenantWrites"), o.tenantWrites},
        {QStringLiteral("windowMs"), o.windowMs},
        {QStringLiteral("directoryUnits"), o.directoryUnits},
        {QStringLiteral("directoryWindowMs"), o.directoryWindowMs},
        {QStringLiteral("retryAfter"), retryAfterName(o.retryAfter)},
        {QStringLiteral("intuneThrottleBody"), o.intuneThrottleBody},
        {QStringLiteral("latencyMs"), o.latencyMs},
        {QStringLiteral("jitterMs"), o.jitterMs},
        {QStringLiteral("quirkEmptyExpandAssignments"), o.quirkEmptyExpandAssignments},
        {QStringLiteral("deviceCodeIntervalS"), o.deviceCodeIntervalS},
        {QStringLiteral("deviceCodeLifetimeS"), o.deviceCodeLifetimeS},
        {QStringLiteral("authCodeLifetimeS"), o.authCodeLifetimeS},
        {QStringLiteral("strictRefreshRotation"), o.strictRefreshRotation},
        {QStringLiteral("tokenLifetimeS"), o.tokenLifetimeS},
        {QStringLiteral("faults"),
         QJsonObject{{QStringLiteral("503"), f.status503},
                     {QStringLiteral("504"), f.status504},
                     {QStringLiteral("drop"), f.drop},
                     {QStringLiteral("truncate"), f.truncate},
                     {QStringLiteral("html"), f.html},
                     {QStringLiteral("intuneJson"), f.intuneJson},
                     {QStringLiteral("slow"), f.slow},
                     {QStringLiteral("slowMs"), f.slowMs},
                     {QStringLiteral("families"), QJsonArray::fromStringList(f.families)},
                     {QStringLiteral("maxConsecutive"), f.maxConsecutive}}},
        {QStringLiteral("writeFaults"), writeFaultsJson(dispatcher.faults().writePlan())},
    };
}

/// POST /_sim/config: change budgets, Retry-After mode, faults and latency at run time.
void applyConfig(Dispatcher& dispatcher, const QJsonObject& body)
{
    SimOptions& o = dispatcher.options();
    auto setInt = [&body](const char* key, int* target) {
        const QJsonValue value = body.value(QLatin1String(key));
        if (value.isDouble())
            *target = value.toInt();
    };
    setInt("appRequests", &o.appRequests);
    setInt("appWrites", &o.appWrites);
    setInt("tenantRequests", &o.tenantRequests);
    setInt("tenantWrites", &o.tenantWrites);
    setInt("directoryUnits", &o.directoryUnits);
    setInt("latencyMs", &o.latencyMs);
    setInt("jitterMs", &o.jitterMs);
    setInt("deviceCodeIntervalS", &o.deviceCodeIntervalS);
    setInt("deviceCodeLifetimeS", &o.deviceCodeLifetimeS);
    setInt("authCodeLifetimeS", &o.authCodeLifetimeS);
    if (body.value(QStringLiteral("tokenLifetimeS")).isDouble()) {
        o.tokenLifetimeS = body.value(QStringLiteral("tokenLifetimeS")).toInt();
        dispatcher.tokens().setLifetime(o.tokenLifetimeS);
    }
    if (body.value(QStringLiteral("strictRefreshRotation")).isBool())
        o.strictRefreshRotation = body.value(QStringLiteral("strictRefreshRotation")).toBool();
    if (body.value(QStringLiteral("windowMs")).isDouble())
        o.windowMs = body.value(QStringLiteral("windowMs")).toInteger();
    if (body.value(QStringLiteral("directoryWindowMs")).isDouble())
        o.directoryWindowMs = body.value(QStringLiteral("directoryWindowMs")).toInteger();
    const QString retryAfter = body.value(QStringLiteral("retryAfter")).toString();
    if (retryAfter == QLatin1String("integer"))
        o.retryAfter = RetryAfterMode::Integer;
    else if (retryAfter == QLatin1String("fractional"))
        o.retryAfter = RetryAfterMode::Fractional;
    else if (retryAfter == QLatin1String("missing"))
        o.retryAfter = RetryAfterMode::Missing;
    if (body.value(QStringLiteral("intuneThrottleBody")).isBool())
        o.intuneThrottleBody = body.value(QStringLiteral("intuneThrottleBody")).toBool();
    dispatcher.throttle().setBudgets(Dispatcher::throttleBudgets(o));
    if (body.value(QStringLiteral("quirkEmptyExpandAssignments")).isBool()) {
        o.quirkEmptyExpandAssignments = body.value(QStringLiteral("quirkEmptyExpandAssignments")).toBool();
        ModelQuirks quirks = dispatcher.world().quirks();
        quirks.emptyExpandedAssignmentsOnSingleGet = o.quirkEmptyExpandAssignments;
        dispatcher.world().setQuirks(quirks);
    }
    if (body.value(QStringLiteral("faults")).isObject()) {
        const QJsonObject faults = body.value(QStringLiteral("faults")).toObject();
        FaultRates rates = dispatcher.faults().rates();
        auto rate = [&faults](const char* key, double* target) {
            if (faults.value(QLatin1String(key)).isDouble())
                *target = faults.value(QLatin1String(key)).toDouble();
        };
        rate("503", &rates.status503);
        rate("504", &rates.status504);
        rate("drop", &rates.drop);
        rate("truncate", &rates.truncate);
        rate("html", &rates.html);
        rate("intuneJson", &rates.intuneJson);
        rate("slow", &rates.slow);
        if (faults.value(QStringLiteral("slowMs")).isDouble())
            rates.slowMs = faults.value(QStringLiteral("slowMs")).toInt();
        if (faults.value(QStringLiteral("maxConsecutive")).isDouble())
            rates.maxConsecutive = faults.value(QStringLiteral("maxConsecutive")).toInt();
        if (faults.value(QStringLiteral("families")).isArray()) {
            rates.families.clear();
            for (const QJsonValue& family : faults.value(QStringLiteral("families")).toArray())
                rates.families.append(family.toString());
        }
        dispatcher.faults().setRates(rates);
    }
}

QJsonArray tenantsJson(SimWorld& world)
{
    QJsonArray tenants;
    for (const TenantSummary& tenant : world.tenants()) {
        QJsonArray apps;
        for (const SimApp& app : tenant.apps) {
            QJsonArray thumbprints;
            for (const QByteArray& pem : app.certificatesPem) {
                const QSslCertificate cert(pem, QSsl::Pem);
                thumbprints.append(QJsonObject{
                    {QStringLiteral("sha1"), QString::fromLatin1(cert.digest(QCryptographicHash::Sha1).toHex())},
                    {QStringLiteral("sha256"),
                     QString::fromLatin1(cert.digest(QCryptographicHash::Sha256).toHex())}});
            }
            apps.append(QJsonObject{{QStringLiteral("displayName"), app.displayName},
                                    {QStringLiteral("clientId"), app.clientId},
                                    {QStringLiteral("clientSecrets"), QJsonArray::fromStringList(app.clientSecrets)},
                                    {QStringLiteral("roles"), QJsonArray::fromStringList(app.roles)},
                                    {QStringLiteral("certificates"), thumbprints}});
        }
        tenants.append(QJsonObject{{QStringLiteral("name"), tenant.name},
                                   {QStringLiteral("tenantId"), tenant.tenantId},
                                   {QStringLiteral("domain"), tenant.domain},
                                   {QStringLiteral("apps"), apps},
                                   {QStringLiteral("publicClients"), publicClientsJson(tenant.publicClients)},
                                   {QStringLiteral("users"), usersJson(tenant.users)}});
    }
    return tenants;
}

} // namespace

HttpReply SimEndpoints::handle(const HttpRequest& request, const QStringList& segments, Dispatcher& dispatcher)
{
    const QString name = segments.isEmpty() ? QString() : segments.constFirst().toLower();
    const bool get = request.method == "GET";
    const bool post = request.method == "POST";
    const QJsonObject body = QJsonDocument::fromJson(request.body).object();
    SimClock& clock = dispatcher.clock();

    if (name == QLatin1String("stats") && get) {
        QJsonObject stats = dispatcher.stats().toJson();
        stats.insert(QStringLiteral("clock"), clockJson(clock));
        return json(200, stats);
    }
    if (name == QLatin1String("writes") && get) {
        return json(200, QJsonObject{{QStringLiteral("value"), dispatcher.stats().writesJson()}});
    }
    if (name == QLatin1String("clock") && get)
        return json(200, clockJson(clock));
    if (name == QLatin1String("clock") && post) {
        if (body.value(QStringLiteral("freeze")).isBool()) {
            clock.setFrozen(body.value(QStringLiteral("freeze")).toBool());
        } else if (body.value(QStringLiteral("advanceMs")).isDouble()) {
            clock.advance(std::chrono::milliseconds(body.value(QStringLiteral("advanceMs")).toInteger()));
        } else if (body.value(QStringLiteral("set")).isString()) {
            const QDateTime target = QDateTime::fromString(body.value(QStringLiteral("set")).toString(), Qt::ISODateWithMs);
            if (!target.isValid())
                return simError(400, QStringLiteral("set must be an ISO 8601 date-time"));
            clock.advance(std::chrono::milliseconds(target.toMSecsSinceEpoch() - clock.nowMs()));
        } else if (body.value(QStringLiteral("reset")).toBool()) {
            clock.reset();
        } else {
            return simError(400, QStringLiteral("expected {\"advanceMs\": N}, {\"set\": ISO}, {\"freeze\": bool} "
                                                "or {\"reset\": true}"));
        }
        return json(200, clockJson(clock));
    }
    if (name == QLatin1String("tenants") && get)
        return json(200, QJsonObject{{QStringLiteral("value"), tenantsJson(dispatcher.world())}});
    if (name == QLatin1String("info") && get) {
        // A cheap "who are you": a client that found a URL in a file checks that the process
        // behind it is the graphsim that serves its state file, not another one on a reused port.
        return json(200, QJsonObject{{QStringLiteral("pid"), QCoreApplication::applicationPid()},
                                     {QStringLiteral("stateFile"), dispatcher.options().stateFile}});
    }
    if (name == QLatin1String("shutdown") && post && dispatcher.options().shutdownEndpoint) {
        // A moment later, on the main thread: stopping the server deletes the sockets, and this
        // reply must have left ours by then. Every change is saved already.
        QTimer::singleShot(300, QCoreApplication::instance(), &QCoreApplication::quit);
        return json(200, QJsonObject{{QStringLiteral("stopping"), true}});
    }
    if (name == QLatin1String("retire-template") && post) {
        const QString tenantId = simTenant(dispatcher, body);
        if (tenantId.isEmpty())
            return simError(404, QStringLiteral("unknown tenant"));
        QString error;
        QJsonObject result = dispatcher.world().setTemplateState(
            tenantId, body.value(QStringLiteral("templateId")).toString(),
            body.value(QStringLiteral("lifecycleState")).toString(QStringLiteral("retired")), &error);
        if (result.isEmpty())
            return simError(error.startsWith(QLatin1String("unknown")) ? 404 : 400, error);
        result.insert(QStringLiteral("tenantId"), tenantId);
        return json(200, result);
    }
    if (name == QLatin1String("invalidate-secret") && post) {
        const QString tenantId = simTenant(dispatcher, body);
        if (tenantId.isEmpty())
            return simError(404, QStringLiteral("unknown tenant"));
        QString error;
        QJsonObject result = dispatcher.world().invalidateSecrets(
            tenantId, body.value(QStringLiteral("policyId")).toString(),
            body.value(QStringLiteral("settingDefinitionId")).toString(), body.value(QStringLiteral("rotate")).toBool(true),
            &error);
        if (result.isEmpty())
            return simError(404, error);
        result.insert(QStringLiteral("tenantId"), tenantId);
        return json(200, result);
    }
    if (name == QLatin1String("mutate") && post) {
        const QString tenantId = simTenant(dispatcher, body);
        if (tenantId.isEmpty())
            return simError(404, QStringLiteral("unknown tenant"));
        QJsonObject options = body;
        options.remove(QStringLiteral("tenant"));
        QJsonObject result = dispatcher.world().mutate(tenantId, options);
        result.insert(QStringLiteral("tenantId"), tenantId);
        return json(200, result);
    }
    if (name == QLatin1String("reset") && post) {
        dispatcher.world().reset();
        dispatcher.resetState();
        clock.reset();
        return json(200, QJsonObject{{QStringLiteral("reset"), true}});
    }
    if (name == QLatin1String("token") && post) {
        // A token signed by graphsim without the token endpoint: {tenant, clientId?, claims?}.
        const QString tenantId = dispatcher.world().resolveTenant(body.value(QStringLiteral("tenant")).toString());
        if (tenantId.isEmpty())
            return simError(404, QStringLiteral("unknown tenant"));
        QString clientId = body.value(QStringLiteral("clientId")).toString();
        if (clientId.isEmpty()) {
            for (const TenantSummary& tenant : dispatcher.world().tenants()) {
                if (tenant.tenantId == tenantId && !tenant.apps.isEmpty())
                    clientId = tenant.apps.constFirst().clientId;
            }
        }
        const SimApp* app = dispatcher.world().findApp(tenantId, clientId);
        if (!app)
            return simError(404, QStringLiteral("unknown app"));
        const QByteArray token = dispatcher.tokens().issueAccessToken(
            tenantId, *app, body.value(QStringLiteral("claims")).toObject());
        return json(200, QJsonObject{{QStringLiteral("access_token"), QString::fromLatin1(token)}});
    }
    if (name == QLatin1String("devicecode") && get)
        return json(200, dispatcher.delegated().deviceCodes());
    int status = 200;
    if (name == QLatin1String("devicecode") && post) {
        const QJsonObject result = dispatcher.delegated().decideDeviceCode(body, &status);
        return json(status, result);
    }
    if (name == QLatin1String("signin") && get)
        return json(200, dispatcher.delegated().signInBehaviour());
    if (name == QLatin1String("signin") && post) {
        const QJsonObject result = dispatcher.delegated().setSignInBehaviour(body, &status);
        return json(status, result);
    }
    if (name == QLatin1String("revoke") && post) {
        const QJsonObject result = dispatcher.delegated().revoke(body, &status);
        return json(status, result);
    }
    if (name == QLatin1String("config") && get)
        return json(200, configJson(dispatcher));
    if (name == QLatin1String("config") && post) {
        if (body.contains(QStringLiteral("writeFaults"))) {
            QString error;
            if (!applyWriteFaults(dispatcher, body.value(QStringLiteral("writeFaults")).toObject(), &error))
                return simError(400, error);
        }
        applyConfig(dispatcher, body);
        return json(200, configJson(dispatcher));
    }
    return simError(404, QStringLiteral("unknown /_sim endpoint or method"));
}

} // namespace graphsim
