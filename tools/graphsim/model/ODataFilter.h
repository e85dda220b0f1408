// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include <QJsonObject>
#include <QString>

#include <memory>

namespace graphsim {

struct FilterNode;

/// The $filter subset Intune clients send: eq, ne, and, or, not, parentheses, startswith,
/// endswith, contains, isof, navigation paths (templateReference/templateFamily), string,
/// number, boolean and null literals. Property names and string comparisons are
/// case-insensitive, as Intune's enum literals evidently are.
class ODataFilter
{
public:
    ODataFilter();
    ~ODataFilter();
    ODataFilter(ODataFilter&&) noexcept;
    ODataFilter& operator=(ODataFilter&&) noexcept;

    /// Parses expression; every property path must exist in prototype (an example entity).
    /// entityType names the type in the error ("microsoft.graph.deviceManagementConfigurationPolicy").
    bool parse(const QString& expression, const QJsonObject& prototype, const QString& entityType, QString* error);
    bool isEmpty() const { return !m_root; }
    bool matches(const QJsonObject& entity) const;

private:
    std::unique_ptr<FilterNode> m_root;
};

} // namespace graphsim
