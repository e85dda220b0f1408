// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "ui/Translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace pv::ui {

void installTranslators(QCoreApplication& app)
{
    // Qt's own strings (dialog buttons, …); a missing file is fine.
    auto* qtTranslator = new QTranslator(&app);
    if (qtTranslator->load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
                           QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qtTranslator);
    else
        delete qtTranslator;

    auto* translator = new QTranslator(&app);
    const QString dir = QStringLiteral(":/i18n");
    if (translator->load(QLocale(), QStringLiteral("policyvault"), QStringLiteral("_"), dir)
        || translator->load(QStringLiteral("policyvault_en"), dir))
        QCoreApplication::installTranslator(translator);
    else
        delete translator;
}

} // namespace pv::ui
