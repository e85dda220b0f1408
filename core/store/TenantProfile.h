// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/common/Result.h"

#include <QStringList>

class QUrl;

namespace pv {

struct TenantRecord;

/// The rules a tenant profile must follow, in one place for the GUI's dialog, the CLI and the
/// store (TenantRepository::create checks them, so no caller can skip them).
namespace TenantProfile {

/// "global", "usgov" (GCC High), "usgovdod", "china".
const QStringList& knownClouds();
/// "client_secret", "certificate", "device_code", "interactive".
const QStringList& knownAuthMethods();

/// https anywhere; plain http only to this machine (localhost, 127.0.0.0/8, ::1) — graphsim.
bool isHttpsOrLoopback(const QUrl& url);

/// InvalidArgument, with a sentence a person can act on, for: no name, no Entra tenant id, an
/// unknown cloud or sign-in method, only one of the Graph and authority URLs, or a URL that is
/// neither https nor loopback http.
Status validate(const TenantRecord& tenant);

} // namespace TenantProfile
} // namespace pv
