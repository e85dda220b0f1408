// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/normalize/SettingRow.h"

#include <QJsonArray>
#include <QString>

#include <optional>

namespace pv::normalize::firewall {

/// True for the group collections whose elements are firewall rules (the firewall-rules
/// template's `…_firewallrules_{firewallrulename}` and the Hyper-V firewall rules).
bool isRuleCollection(const QString& definitionId);

/// The short label the portal shows for a choice option of a firewall rule child
/// (direction "In"/"Out", action "Allow"/"Block", profiles "Domain"/…/"Current", interface
/// types "LAN"/"Wireless"/"Remote access"/"Mobile broadband"/"All", enabled/edge traversal
/// "Enabled"/"Disabled"), instead of the definitions' long CSP descriptions. nullopt when
/// `definitionId` is not a rule child or the option has no short label.
std::optional<QString> shortLabel(const QString& definitionId, const QString& itemId);

/// "TCP" for 6, "UDP" for 17, the IANA keyword Windows Firewall shows for the other common
/// protocols, else the number.
QString protocolName(qint64 protocol);

/// True for the rule child whose values are reusable-group (dynamic keyword) ids.
bool isDynamicKeywords(const QString& definitionId);
/// How a dynamic keyword id reads until reusable settings are captured.
QString dynamicKeywordText(const QString& id);

/// One rule from the `children` of its GroupSettingValue.
FirewallRecord recordFromChildren(const QJsonArray& children);

} // namespace pv::normalize::firewall
