// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/logging/RedactingSink.h"

#include "core/common/Redactor.h"

#include <QByteArray>

#include <spdlog/details/log_msg.h>
#include <spdlog/formatter.h>

namespace pv::logging {

RedactingSink::RedactingSink(std::vector<spdlog::sink_ptr> children) : m_children(std::move(children))
{}

void RedactingSink::log(const spdlog::details::log_msg& msg)
{
    // fromRawData: no copy for the common case where nothing is redacted.
    const QByteArray raw = QByteArray::fromRawData(msg.payload.data(), qsizetype(msg.payload.size()));
    const QByteArray clean = Redactor::redact(raw);
    spdlog::details::log_msg redacted = msg;
    redacted.payload = spdlog::string_view_t(clean.constData(), size_t(clean.size()));
    for (const spdlog::sink_ptr& child : m_children) {
        if (child->should_log(redacted.level))
            child->log(redacted);
    }
}

void RedactingSink::flush()
{
    for (const spdlog::sink_ptr& child : m_children)
        child->flush();
}

void RedactingSink::set_pattern(const std::string& pattern)
{
    for (const spdlog::sink_ptr& child : m_children)
        child->set_pattern(pattern);
}

void RedactingSink::set_formatter(std::unique_ptr<spdlog::formatter> formatter)
{
    for (const spdlog::sink_ptr& child : m_children)
        child->set_formatter(formatter->clone());
}

} // namespace pv::logging
