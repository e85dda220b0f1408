// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/secrets/KeychainSecretStore.h"

#include <QDateTime>
#include <QMetaObject>
#include <QObject>
#include <QThread>

#include <qt6keychain/keychain.h>

#include <future>
#include <memory>

namespace pv {
namespace {

using namespace Qt::StringLiterals;

/// The one thread that runs QtKeychain jobs. It has to be one per process, not one per store:
/// QtKeychain queues every job through a global JobExecutor that stays bound to the thread
/// that started the first job; if that thread ended, later jobs would never start.
/// It lives until the process exits.
class KeychainThread
{
public:
    static KeychainThread& instance()
    {
        static KeychainThread thread;
        return thread;
    }

    QObject* context() const { return m_context; }
    const QThread* thread() const { return &m_thread; }

    ~KeychainThread()
    {
        m_thread.quit();
        m_thread.wait();
    }

private:
    KeychainThread()
    {
        m_thread.setObjectName(u"pv-keychain"_s);
        m_context = new QObject;
        m_context->moveToThread(&m_thread);
        QObject::connect(&m_thread, &QThread::finished, m_context, &QObject::deleteLater);
        m_thread.start();
    }

    QThread m_thread;
    QObject* m_context = nullptr;
};

enum class Operation { Read, Write, Remove };

struct Outcome
{
    QKeychain::Error error = QKeychain::OtherError;
    QString errorString;
    QByteArray data;
};

Outcome runJob(const QString& service, std::chrono::milliseconds timeout, Operation op, const QString& entry,
               const QByteArray& data)
{
    const KeychainThread& worker = KeychainThread::instance();
    // Blocking the keychain thread on itself would never return.
    Q_ASSERT(QThread::currentThread() != worker.thread());

    auto promise = std::make_shared<std::promise<Outcome>>();
    std::future<Outcome> future = promise->get_future();
    const bool posted = QMetaObject::invokeMethod(
        worker.context(),
        [promise, service, op, entry, data] {
            QKeychain::Job* job = nullptr;
            switch (op) {
            case Operation::Read: job = new QKeychain::ReadPasswordJob(service); break;
            case Operation::Write: {
                auto* write = new QKeychain::WritePasswordJob(service);
                write->setBinaryData(data);
                job = write;
                break;
            }
            case Operation::Remove: job = new QKeychain::DeletePasswordJob(service); break;
            }
            job->setKey(entry);
            job->setAutoDelete(true);
            // Stated, not defaulted: a plaintext settings file is not a keychain.
            job->setInsecureFallback(false);
            QObject::connect(job, &QKeychain::Job::finished, job, [promise, op](QKeychain::Job* finished) {
                Outcome outcome{finished->error(), finished->errorString(), {}};
                if (op == Operation::Read && finished->error() == QKeychain::NoError)
                    outcome.data = static_cast<QKeychain::ReadPasswordJob*>(finished)->binaryData();
                promise->set_value(std::move(outcome));
            });
            job->start();
        },
        Qt::QueuedConnection);
    if (!posted)
        return {QKeychain::OtherError, u"the keychain thread is gone"_s, {}};
    if (future.wait_for(timeout) != std::future_status::ready)
        return {QKeychain::OtherError, u"the keychain did not answer within %1 ms"_s.arg(timeout.count()), {}};
    return future.get();
}

Status toStatus(const Outcome& outcome, const QString& entry)
{
    switch (outcome.error) {
    case QKeychain::NoError: return {};
    case QKeychain::EntryNotFound: return fail(ErrorCode::NotFound, u"no secret %1 in the keychain"_s.arg(entry));
    case QKeychain::AccessDeniedByUser:
    case QKeychain::AccessDenied:
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
    case QKeychain::CouldNotDeleteEntry:
    case QKeychain::OtherError: break;
    }
    return fail(ErrorCode::Keychain, u"keychain error for %1: %2"_s.arg(entry, outcome.errorString));
}

} // namespace

KeychainSecretStore::KeychainSecretStore(Options options)
    : ChunkedSecretStore(options.chunkSize), m_options(std::move(options))
{
    KeychainThread::instance(); // start it now, not inside the first caller's operation
}

KeychainSecretStore::~KeychainSecretStore() = default;

QString KeychainSecretStore::serviceForStore(const QString& storeUuid)
{
    return u"PolicyVault/"_s + storeUuid;
}

Status KeychainSecretStore::probe()
{
    const QString entry = u"policyvault:.probe"_s;
    const QByteArray value = "probe-" + QByteArray::number(QDateTime::currentMSecsSinceEpoch());
    if (Status s = rawWrite(entry, value); !s)
        return s;
    auto back = rawRead(entry);
    (void)rawRemove(entry);
    if (!back)
        return back.failure();
    if (*back != value)
        return fail(ErrorCode::Keychain, u"the keychain returned a different value than written"_s);
    return {};
}

Status KeychainSecretStore::rawWrite(const QString& entry, const QByteArray& bytes)
{
    if (m_options.service.isEmpty())
        return fail(ErrorCode::InvalidArgument, u"no keychain service is set for this store"_s);
    return toStatus(runJob(m_options.service, m_options.timeout, Operation::Write, entry, bytes), entry);
}

Result<QByteArray> KeychainSecretStore::rawRead(const QString& entry)
{
    if (m_options.service.isEmpty())
        return fail(ErrorCode::InvalidArgument, u"no keychain service is set for this store"_s);
    Outcome outcome = runJob(m_options.service, m_options.timeout, Operation::Read, entry, {});
    if (Status s = toStatus(outcome, entry); !s)
        return s.failure();
    return std::move(outcome.data);
}

Status KeychainSecretStore::rawRemove(const QString& entry)
{
    if (m_options.service.isEmpty())
        return fail(ErrorCode::InvalidArgument, u"no keychain service is set for this store"_s);
    const Status s = toStatus(runJob(m_options.service, m_options.timeout, Operation::Remove, entry, {}), entry);
    if (!s && s.error().code == ErrorCode::NotFound)
        return {}; // already gone
    return s;
}

} // namespace pv
