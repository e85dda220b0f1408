// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "tools/graphsim/model/SimTypes.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>

namespace graphsim {

/// One settings-catalog policy as stored: metadata as Graph returns it, settings in read
/// form (ids "0".."n-1", secrets as tokens) and assignments.
struct SimPolicy
{
    QJsonObject meta;
    QJsonArray settings;
    QJsonArray assignments;

    QString id() const { return meta.value(QStringLiteral("id")).toString(); }
};

/// A simulated tenant: directory objects, Intune objects and app registrations.
struct SimTenant
{
    QString name;
    QString tenantId;
    QString domain;
    QString profile;
    quint64 seed = 0;
    QList<SimApp> apps;             ///< confidential (daemon) app registrations
    QList<SimApp> publicClients;    ///< app registrations for the delegated flows
    QList<SimUser> users;
    QList<SimPolicy> policies;
    QJsonArray groups;
    QJsonArray assignmentFilters;
    QJsonArray roleScopeTags;
    /// scope tag id → its roleScopeTagAutoAssignment objects (the tag's `assignments`)
    QJsonObject roleScopeTagAssignments;
    QMap<QString, QString> secrets;   ///< valid encryptedValueToken → plaintext
    /// token → the settingDefinitionId it was issued for; a token is only valid for that
    /// setting (tokens from files saved before this map existed are valid for any setting)
    QMap<QString, QString> secretSettings;
    /// templateId (lower case) → lifecycleState, for templates that are not "active" in this
    /// tenant (/_sim/retire-template). Graph's catalog is global; graphsim keeps it per tenant
    /// so a test's retirement stays in its own tenant and in its state file.
    QMap<QString, QString> templateStates;
    quint64 writeCounter = 0;         ///< feeds ids of objects created at run time
    quint64 secretCounter = 0;        ///< feeds secret tokens: every notEncrypted write gets a new one

    SimPolicy* findPolicy(const QString& id);
    const SimPolicy* findPolicy(const QString& id) const;
    bool removePolicy(const QString& id);
    void reindex();
    /// A fresh id for an object created through Graph, deterministic per tenant and count.
    QString nextObjectId(const QString& kind);
    /// A new token for a secret plaintext set on settingDefinitionId, remembering both.
    QString secretToken(const QString& plaintext, const QString& settingDefinitionId);
    /// "active" unless /_sim/retire-template changed it.
    QString templateState(const QString& templateId) const;

    QJsonObject toJson() const;
    static bool fromJson(const QJsonObject& json, SimTenant* tenant, QString* error);

private:
    QHash<QString, qsizetype> m_index;   ///< lower-cased policy id → position
};

QJsonObject appToJson(const SimApp& app);
SimApp appFromJson(const QJsonObject& json);
QJsonObject userToJson(const SimUser& user);
SimUser userFromJson(const QJsonObject& json);
/// What tests and clients need of the delegated-flow registrations and people (startup line,
/// /_sim/tenants): client ids, public-flow switch, redirect URIs, consented scopes; users.
QJsonArray publicClientsJson(const QList<SimApp>& apps);
QJsonArray usersJson(const QList<SimUser>& users);

} // namespace graphsim
