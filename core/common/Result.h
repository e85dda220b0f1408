// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/common/Error.h"

#include <utility>
#include <variant>

namespace pv {

/// Wraps an Error so that `return fail(...)` converts to any Result<T>.
struct Failure
{
    Error error;
};

inline Failure fail(ErrorCode code, QString message, int httpStatus = 0, QString requestId = {})
{
    return Failure{Error{code, std::move(message), httpStatus, std::move(requestId)}};
}
inline Failure fail(Error error) { return Failure{std::move(error)}; }

/// A value or an Error (std::expected is C++23; g++ 12 and MSVC 2019 lack it).
template<typename T>
class [[nodiscard]] Result
{
public:
    Result(T value) : m_state(std::in_place_index<0>, std::move(value)) {}
    Result(Failure failure) : m_state(std::in_place_index<1>, std::move(failure.error)) {}

    bool ok() const { return m_state.index() == 0; }
    explicit operator bool() const { return ok(); }

    const T& value() const& { return std::get<0>(m_state); }
    T& value() & { return std::get<0>(m_state); }
    T&& value() && { return std::get<0>(std::move(m_state)); }
    const T& operator*() const& { return value(); }
    T& operator*() & { return value(); }
    const T* operator->() const { return &value(); }
    T* operator->() { return &value(); }

    const Error& error() const { return std::get<1>(m_state); }
    /// The error as a Failure, to pass it on: `if (!r) return r.failure();`
    Failure failure() const { return Failure{error()}; }

private:
    std::variant<T, Error> m_state;
};

template<>
class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(Failure failure) : m_error(std::move(failure.error)), m_ok(false) {}

    bool ok() const { return m_ok; }
    explicit operator bool() const { return m_ok; }
    const Error& error() const { return m_error; }
    Failure failure() const { return Failure{m_error}; }

private:
    Error m_error;
    bool m_ok = true;
};

using Status = Result<void>;

} // namespace pv
