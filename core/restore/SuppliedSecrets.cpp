// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/restore/SuppliedSecrets.h"

#include "core/secrets/SecretStore.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QUuid>

#include <algorithm>

namespace pv::restore::SuppliedSecrets {

namespace {

QString kindFor(const QString& key)
{
    return QStringLiteral("restore-secrets-") + key;
}

bool isValidKey(const QString& key)
{
    return !key.isEmpty() && key.size() <= 64
        && std::all_of(key.cbegin(), key.cend(), [](QChar c) { return c.isLetterOrNumber() || c == u'-'; });
}

QByteArray serialize(const Values& values)
{
    QJsonObject root;
    for (auto policy = values.cbegin(); policy != values.cend(); ++policy) {
        QJsonObject settings;
        for (auto setting = policy->cbegin(); setting != policy->cend(); ++setting)
            settings.insert(setting.key(), setting.value());
        root.insert(policy.key(), settings);
    }
    return QJsonDocument(root).toJson(QJsonDocument::Compact);
}

} // namespace

Result<Values> parse(const QByteArray& json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    // The parser's message may quote the text around the error: a secret. Only the offset goes out.
    if (error.error != QJsonParseError::NoError)
        return fail(ErrorCode::InvalidArgument,
                    QStringLiteral("The secrets file is not valid JSON (error at byte %1)").arg(error.offset));
    if (!document.isObject())
        return fail(ErrorCode::InvalidArgument,
                    QStringLiteral("The secrets file must hold one object: {\"policyId\": {\"settingDefinitionId\": \"value\"}}"));
    Values values;
    const QJsonObject root = document.object();
    for (auto policy = root.constBegin(); policy != root.constEnd(); ++policy) {
        if (!policy.value().isObject())
            return fail(ErrorCode::InvalidArgument,
                        QStringLiteral("In the secrets file, policy '%1' must map setting definition ids to values")
                            .arg(policy.key()));
        const QJsonObject settings = policy.value().toObject();
        for (auto setting = settings.constBegin(); setting != settings.constEnd(); ++setting) {
            if (!setting.value().isString())
                return fail(ErrorCode::InvalidArgument,
                            QStringLiteral("In the secrets file, the value of %1 / %2 must be a string")
                                .arg(policy.key(), setting.key()));
            values[policy.key()].insert(setting.key(), setting.value().toString());
        }
    }
    return values;
}

Result<QString> store(SecretStore& secrets, const QString& tenantUuid, const Values& values)
{
    const QString key = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QString secretKey = SecretStore::key(tenantUuid, kindFor(key));
    if (secretKey.isEmpty())
        return fail(ErrorCode::InvalidArgument, QStringLiteral("No tenant to store supplied secrets for"));
    if (Status s = secrets.write(secretKey, serialize(values)); !s)
        return s.failure();
    return key;
}

Result<Values> load(SecretStore& secrets, const QString& tenantUuid, const QString& key)
{
    if (!isValidKey(key))
        return fail(ErrorCode::InvalidArgument, QStringLiteral("'%1' does not name supplied secrets").arg(key));
    auto bytes = secrets.read(SecretStore::key(tenantUuid, kindFor(key)));
    if (!bytes)
        return bytes.failure();
    auto values = parse(*bytes);
    if (!values)
        return fail(ErrorCode::Internal, QStringLiteral("The supplied secrets stored in the keychain are damaged"));
    return values;
}

Status remove(SecretStore& secrets, const QString& tenantUuid, const QString& key)
{
    if (!isValidKey(key))
        return {};
    Status s = secrets.remove(SecretStore::key(tenantUuid, kindFor(key)));
    if (!s && s.error().code == ErrorCode::NotFound)
        return {};
    return s;
}

} // namespace pv::restore::SuppliedSecrets
