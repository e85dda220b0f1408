// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/graph/DelegatedSignIn.h"
#include "core/graph/Pkce.h"

#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>

class QNetworkAccessManager;
class QNetworkReply;
class QUrlQuery;

namespace pv::graph {

class LoopbackRedirectListener;
struct RedirectPage;

/// Opens a URL in the system browser; false when it could not. Injected because the browser
/// launchers live in QtGui (QDesktopServices) or the CLI (a process), neither in pv_core.
using BrowserLauncher = std::function<bool(const QUrl& url)>;

/// Interactive sign-in (GRAPH_NOTES §5.3): authorization code + PKCE (S256) in the system
/// browser, the redirect received by a one-shot listener on 127.0.0.1 at a random port
/// (`redirect_uri=http://localhost:{port}/`), `state` checked, the code redeemed with the
/// verifier and the same redirect URI; the refresh token and the person's name go to the
/// SecretStore. Ends on success, on Entra's error in the redirect, a state mismatch, a failed
/// redeem, the timeout or cancel(). Asynchronous, on the thread of its QNetworkAccessManager;
/// one start() per object.
class InteractiveSignIn final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(InteractiveSignIn)

public:
    /// `secrets` must outlive the object. A null `browser` only announces the URL.
    InteractiveSignIn(DelegatedSignInParams params, SecretStore* secrets, QNetworkAccessManager* network,
                      BrowserLauncher browser, QObject* parent = nullptr);
    ~InteractiveSignIn() override;

    /// How long the person has to finish in the browser (default 5 minutes).
    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }
    /// Tests: the listener's path (default "/"), to play an unregistered redirect path.
    void setRedirectPath(const QString& path) { m_redirectPath = path; }
    /// Tests: the PKCE pair sent (a challenge that does not match its verifier plays a wrong one).
    void setPkce(Pkce pkce) { m_pkce = std::move(pkce); }

    void start();
    /// Stops waiting; finished() follows with ErrorCode::Cancelled unless it already came.
    void cancel();

    bool isFinished() const { return m_result.has_value(); }
    /// The signed-in person's name on success; Auth, Network, Io, Keychain or Cancelled
    /// otherwise. Only valid once finished() was emitted.
    Result<QString> result() const { return m_result.value_or(fail(ErrorCode::Internal, QStringLiteral("not finished"))); }
    /// The URL the browser is sent to (valid once authorizeUrlReady was emitted).
    QUrl authorizeUrl() const { return m_authorizeUrl; }
    QUrl redirectUri() const { return m_redirectUri; }

signals:
    /// The authorize URL is ready; `browserOpened` says whether the launcher opened it.
    void authorizeUrlReady(const QUrl& url, bool browserOpened);
    void finished();

private:
    RedirectPage redirected(const QUrlQuery& query);
    void redeem(const QString& code);
    void redeemed(QNetworkReply* reply);
    void finish(Result<QString> result);

    const DelegatedSignInParams m_params;
    SecretStore* const m_secrets;
    QNetworkAccessManager* const m_network;
    const BrowserLauncher m_browser;
    std::chrono::milliseconds m_timeout{std::chrono::minutes(5)};
    QString m_redirectPath = QStringLiteral("/");
    std::optional<Pkce> m_pkce;
    QByteArray m_state;
    QSslConfiguration m_ssl;
    QUrl m_authorizeUrl;
    QUrl m_redirectUri;
    std::unique_ptr<LoopbackRedirectListener> m_listener;
    QTimer m_timer;
    bool m_started = false;
    std::optional<Result<QString>> m_result;
    QPointer<QNetworkReply> m_reply;
};

} // namespace pv::graph
