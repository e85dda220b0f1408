// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include <QtGlobal>

namespace pv {

class AccessGate;

/// Proof that the caller was let into one tenant. Only AccessGate can make one, so every
/// repository and service call that takes a scope is scoped by construction.
class TenantScope final
{
public:
    qint64 tenantId() const { return m_tenantId; }
    bool isReadOnly() const { return m_readOnly; }

private:
    friend class AccessGate;
    TenantScope(qint64 tenantId, bool readOnly) : m_tenantId(tenantId), m_readOnly(readOnly) {}

    qint64 m_tenantId;
    bool m_readOnly;
};

} // namespace pv
