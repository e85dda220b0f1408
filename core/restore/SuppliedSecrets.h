// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/common/Result.h"

#include <QHash>
#include <QString>

namespace pv {
class SecretStore;
}

/// Secret setting values a user supplies for a restore (CLI `--secrets FILE`, the GUI's inputs
/// after a preview): they live only in the SecretStore, under the tenant and a random key that
/// the preview's parameters name (PreviewSelection::secretsKey) — never in run parameters, logs
/// or the database — and are removed when the plan is done.
namespace pv::restore::SuppliedSecrets {

/// policy id (PolicyVault id, decimal, or Graph id as the user wrote it) → setting definition id → value.
using Values = QHash<QString, QHash<QString, QString>>;

/// Parses `{policyId: {settingDefinitionId: value}}`; InvalidArgument saying what is wrong
/// (never quoting a value).
Result<Values> parse(const QByteArray& json);

/// Stores `values` for `tenantUuid` under a new random key and returns that key.
Result<QString> store(SecretStore& secrets, const QString& tenantUuid, const Values& values);
/// The values stored under `key`; NotFound when there are none (removed, or never stored).
Result<Values> load(SecretStore& secrets, const QString& tenantUuid, const QString& key);
/// Removes them (no error when already gone).
Status remove(SecretStore& secrets, const QString& tenantUuid, const QString& key);

} // namespace pv::restore::SuppliedSecrets
