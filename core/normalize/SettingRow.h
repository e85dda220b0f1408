// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace pv::normalize {

/// One firewall rule in the portal's short labels (FirewallRules.h makes it).
struct FirewallRecord
{
    QString name;
    QString enabled;            ///< "Enabled" / "Disabled" (empty: not set)
    QString direction;          ///< "In" / "Out"
    QString action;             ///< "Allow" / "Block"
    QString protocol;           ///< "TCP", "UDP", "ICMPv4", … or the number; empty: any
    QStringList localPorts;
    QStringList remotePorts;
    QStringList localAddresses;
    QStringList remoteAddresses;
    QStringList dynamicKeywords;   ///< reusable-group ids, shown with a marker (not captured yet)
    QString app;                ///< file path, "Service: x", "Package: y", joined with "; "
    QStringList profiles;       ///< badges: Domain, Private, Public, All, Current
    QStringList interfaces;     ///< badges: LAN, Wireless, Remote access, Mobile broadband, All
    QString description;

    /// {"name","enabled","direction","action","protocol","localPorts","remotePorts",
    ///  "localAddresses","remoteAddresses","app","profiles","interfaces"} (+ "dynamicKeywords",
    /// "description" when set) — the shape `policy show --json` prints.
    QJsonObject toJson() const;
    /// "Allow · In · TCP 443" — the record row's readable value.
    QString summary() const;
};

/// One row of a normalized policy: what the settings table, the CLI, the diff and the reports
/// show. Rows come in tree order (a parent before its children).
struct SettingRow
{
    enum class Kind {
        Setting,      ///< a choice, simple or collection setting
        Group,        ///< a group setting (children below)
        Collection,   ///< a group collection (its records below)
        Record        ///< one element of a group collection (its children below)
    };

    QString rowKey;          ///< stable join key, see README (definition-id path + record keys)
    QString parentRowKey;    ///< empty at the root
    QString category;        ///< "Root > … > Category" from the configuration categories
    QString setting;         ///< display name
    QString value;           ///< readable value
    QString valueToolTip;    ///< e.g. why a secret reads "(secret)"
    QString description;
    QString definitionId;
    QJsonValue rawValue;     ///< option itemId, number, string, or an array of them
    int depth = 0;
    Kind kind = Kind::Setting;
    bool definitionMissing = false;   ///< rendered from the definition id: not in the captured definitions
    bool unknownOption = false;       ///< a choice value the definition does not list
    bool secret = false;
    bool unresolvedReference = false; ///< shows an id that points at data not captured (dynamic keywords)
    std::optional<FirewallRecord> record;   ///< set on a firewall rule's Record row

    /// {"rowKey","parentRowKey","category","setting","value","depth","definitionId"[, "record"]}
    QJsonObject toJson() const;
};

} // namespace pv::normalize
