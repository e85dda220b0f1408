// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

// Private to pv_logging: includes spdlog.

#include <spdlog/sinks/sink.h>

#include <memory>
#include <vector>

namespace pv::logging {

/// The only sink the loggers write to. It redacts each message's text once and hands the
/// redacted message to its children (file, stderr). A sink added later is added as a child,
/// so no output can bypass the Redactor.
class RedactingSink final : public spdlog::sinks::sink
{
public:
    explicit RedactingSink(std::vector<spdlog::sink_ptr> children);

    void log(const spdlog::details::log_msg& msg) override;
    void flush() override;
    void set_pattern(const std::string& pattern) override;
    void set_formatter(std::unique_ptr<spdlog::formatter> formatter) override;

private:
    // Fixed after construction: children are spdlog's thread-safe (_mt) sinks, so log() needs
    // no lock of its own.
    const std::vector<spdlog::sink_ptr> m_children;
};

} // namespace pv::logging
