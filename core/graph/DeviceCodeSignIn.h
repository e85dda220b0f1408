// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/graph/DelegatedSignIn.h"

#include <QDeadlineTimer>
#include <QObject>
#include <QPointer>
#include <QUrl>

#include <chrono>
#include <functional>
#include <optional>

class QNetworkAccessManager;
class QNetworkReply;

namespace pv::graph {

/// What the person is asked to do (GRAPH_NOTES §5.2 step 2).
struct DeviceCodePrompt
{
    QString userCode;
    QUrl verificationUri;
    int expiresInS = 0;
    QString message;   ///< Entra's sentence with the code and the URL
};

/// Sign-in by device code: asks Entra for a code, shows it (codeReady), polls the token endpoint
/// every `interval` seconds (5 s more after each `slow_down`) until the person approved or
/// declined, the code expired or cancel() was called, then stores the refresh token and the
/// person's name in the SecretStore and emits finished(). Asynchronous, on the thread of its
/// QNetworkAccessManager; one start() per object.
class DeviceCodeSignIn final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeviceCodeSignIn)

public:
    /// Waits `delay` then calls `next` (on this object's thread, never from inside the call).
    using Wait = std::function<void(std::chrono::milliseconds delay, std::function<void()> next)>;

    /// `secrets` must outlive the object.
    DeviceCodeSignIn(DelegatedSignInParams params, SecretStore* secrets, QNetworkAccessManager* network,
                     QObject* parent = nullptr);
    ~DeviceCodeSignIn() override;

    /// Replaces the timer between polls: tests move graphsim's clock instead of waiting.
    void setWait(Wait wait) { m_wait = std::move(wait); }

    void start();
    /// Stops polling; finished() follows with ErrorCode::Cancelled unless it already came.
    void cancel();

    bool isFinished() const { return m_result.has_value(); }
    /// The signed-in person's name on success; Auth (declined, expired, refused), Network,
    /// Keychain or Cancelled otherwise. Only valid once finished() was emitted.
    Result<QString> result() const { return m_result.value_or(fail(ErrorCode::Internal, QStringLiteral("not finished"))); }
    /// The current wait between polls (Entra's `interval`, grown by `slow_down`).
    std::chrono::milliseconds pollInterval() const { return m_interval; }
    int polls() const { return m_polls; }

signals:
    void codeReady(const pv::graph::DeviceCodePrompt& prompt);
    void finished();

private:
    void requestCode();
    void codeAnswered(QNetworkReply* reply);
    void schedulePoll();
    void poll();
    void pollAnswered(QNetworkReply* reply);
    void finish(Result<QString> result);
    void abortReply();

    const DelegatedSignInParams m_params;
    SecretStore* const m_secrets;
    QNetworkAccessManager* const m_network;
    QSslConfiguration m_ssl;
    Wait m_wait;
    QByteArray m_deviceCode;   ///< in memory only
    std::chrono::milliseconds m_interval{5000};
    QDeadlineTimer m_deadline;
    int m_polls = 0;
    int m_generation = 0;      ///< bumped by finish(): a late wait callback then does nothing
    bool m_started = false;
    std::optional<Result<QString>> m_result;
    QPointer<QNetworkReply> m_reply;
};

} // namespace pv::graph

Q_DECLARE_METATYPE(pv::graph::DeviceCodePrompt)
