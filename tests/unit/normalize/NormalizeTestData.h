// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/normalize/DefinitionLookup.h"
#include "core/normalize/SettingRow.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace pv::test {

/// A file under tests/data/normalize, parsed; a null document when missing or invalid.
inline QJsonDocument normalizeData(const QString& name)
{
    QFile file(QStringLiteral(PV_TEST_DATA_DIR "/normalize/") + name);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll());
}

/// The `value` array of a settings sample.
inline QJsonArray sampleSettings(const QString& name) { return normalizeData(name).object().value(QLatin1String("value")).toArray(); }

/// Definitions expanded in a sample plus the sample categories.
inline void fillFromSample(normalize::DefinitionTable& table, const QJsonArray& settings)
{
    table.addExpandedDefinitions(settings);
    table.addCategories(normalizeData(QStringLiteral("configuration-categories.json")).object().value(QLatin1String("value")).toArray());
}

inline const normalize::SettingRow* findRow(const QList<normalize::SettingRow>& rows, const QString& key)
{
    for (const auto& r : rows)
        if (r.rowKey == key)
            return &r;
    return nullptr;
}

} // namespace pv::test
