// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/graph/ClientCertificate.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSslCertificate>
#include <QUuid>

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

namespace pv::graph {

struct ClientCertificate::Key
{
    EVP_PKEY* pkey = nullptr;
    ~Key() { EVP_PKEY_free(pkey); }
};

namespace {

QByteArray base64Url(const QByteArray& data)
{
    return data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QString openSslError()
{
    const unsigned long code = ERR_get_error();
    ERR_clear_error();
    if (code == 0)
        return QStringLiteral("unknown error");
    char text[256] = {};
    ERR_error_string_n(code, text, sizeof text);
    return QString::fromLatin1(text);
}

struct Loaded
{
    EVP_PKEY* pkey = nullptr;
    X509* certificate = nullptr;
    ~Loaded()
    {
        EVP_PKEY_free(pkey);
        X509_free(certificate);
    }
};

Status loadPem(const QByteArray& data, const QByteArray& password, Loaded* out)
{
    const QByteArray passphrase = password + '\0';
    {
        BIO* bio = BIO_new_mem_buf(data.constData(), static_cast<int>(data.size()));
        out->certificate = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr);
        BIO_free(bio);
    }
    {
        BIO* bio = BIO_new_mem_buf(data.constData(), static_cast<int>(data.size()));
        // With a non-null `u` OpenSSL's default callback takes it as the passphrase.
        out->pkey = PEM_read_bio_PrivateKey(bio, nullptr, nullptr, const_cast<char*>(passphrase.constData()));
        BIO_free(bio);
    }
    if (!out->certificate)
        return fail(ErrorCode::Parse, QStringLiteral("the PEM file holds no certificate"));
    if (!out->pkey) {
        const QString detail = openSslError();
        return fail(ErrorCode::Auth, QStringLiteral("the certificate's private key could not be read (missing, or wrong "
                                                    "password): %1").arg(detail));
    }
    return {};
}

Status loadPfx(const QByteArray& data, const QByteArray& password, Loaded* out)
{
    BIO* bio = BIO_new_mem_buf(data.constData(), static_cast<int>(data.size()));
    PKCS12* p12 = d2i_PKCS12_bio(bio, nullptr);
    BIO_free(bio);
    if (!p12)
        return fail(ErrorCode::Parse, QStringLiteral("neither PEM nor PFX (PKCS#12): %1").arg(openSslError()));
    const QByteArray passphrase = password + '\0';
    STACK_OF(X509)* chain = nullptr;
    const int ok = PKCS12_parse(p12, passphrase.constData(), &out->pkey, &out->certificate, &chain);
    PKCS12_free(p12);
    sk_X509_pop_free(chain, X509_free);
    if (ok != 1)
        return fail(ErrorCode::Auth, QStringLiteral("the PFX file could not be opened (wrong password?): %1").arg(openSslError()));
    if (!out->certificate || !out->pkey)
        return fail(ErrorCode::Parse, QStringLiteral("the PFX file lacks the certificate or its private key"));
    return {};
}

} // namespace

ClientCertificate::ClientCertificate(std::shared_ptr<const Key> key, QByteArray certificateDer)
    : m_key(std::move(key))
    , m_certificateDer(std::move(certificateDer))
{
}

Result<ClientCertificate> ClientCertificate::load(const QString& path, const QByteArray& password)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(ErrorCode::Io, QStringLiteral("cannot read the certificate file '%1': %2").arg(path, file.errorString()));
    return fromData(file.readAll(), password);
}

Result<ClientCertificate> ClientCertificate::fromData(const QByteArray& data, const QByteArray& password)
{
    Loaded loaded;
    const Status status = data.contains("-----BEGIN") ? loadPem(data, password, &loaded) : loadPfx(data, password, &loaded);
    if (!status)
        return status.failure();
    if (EVP_PKEY_base_id(loaded.pkey) != EVP_PKEY_RSA)
        return fail(ErrorCode::Unsupported, QStringLiteral("the certificate's key is not RSA (PS256 needs RSA)"));
    if (X509_check_private_key(loaded.certificate, loaded.pkey) != 1) {
        ERR_clear_error();
        return fail(ErrorCode::Auth, QStringLiteral("the private key does not belong to the certificate"));
    }
    const int length = i2d_X509(loaded.certificate, nullptr);
    QByteArray der(length, Qt::Uninitialized);
    auto* cursor = reinterpret_cast<unsigned char*>(der.data());
    i2d_X509(loaded.certificate, &cursor);
    auto key = std::make_shared<Key>();
    key->pkey = std::exchange(loaded.pkey, nullptr);
    return ClientCertificate(std::move(key), std::move(der));
}

QByteArray ClientCertificate::sha256Thumbprint() const
{
    return QCryptographicHash::hash(m_certificateDer, QCryptographicHash::Sha256);
}

QDateTime ClientCertificate::expiresAt() const
{
    return QSslCertificate(m_certificateDer, QSsl::Der).expiryDate().toUTC();
}

Result<QByteArray> ClientCertificate::assertion(const QString& clientId, const QUrl& tokenUrl, const QDateTime& now) const
{
    const QJsonObject header{{QStringLiteral("alg"), QStringLiteral("PS256")},
                             {QStringLiteral("typ"), QStringLiteral("JWT")},
                             {QStringLiteral("x5t#S256"), QString::fromLatin1(base64Url(sha256Thumbprint()))}};
    const qint64 issuedAt = now.toSecsSinceEpoch();
    const QJsonObject claims{{QStringLiteral("aud"), tokenUrl.toString()},
                             {QStringLiteral("iss"), clientId},
                             {QStringLiteral("sub"), clientId},
                             {QStringLiteral("jti"), QUuid::createUuid().toString(QUuid::WithoutBraces)},
                             {QStringLiteral("nbf"), issuedAt},
                             {QStringLiteral("iat"), issuedAt},
                             {QStringLiteral("exp"), issuedAt + 300}};
    const QByteArray signingInput = base64Url(QJsonDocument(header).toJson(QJsonDocument::Compact)) + '.'
        + base64Url(QJsonDocument(claims).toJson(QJsonDocument::Compact));

    EVP_MD_CTX* context = EVP_MD_CTX_new();
    EVP_PKEY_CTX* keyContext = nullptr;
    size_t length = 0;
    QByteArray signature;
    bool ok = context && EVP_DigestSignInit(context, &keyContext, EVP_sha256(), nullptr, m_key->pkey) == 1
        && EVP_PKEY_CTX_set_rsa_padding(keyContext, RSA_PKCS1_PSS_PADDING) == 1
        && EVP_PKEY_CTX_set_rsa_pss_saltlen(keyContext, RSA_PSS_SALTLEN_DIGEST) == 1
        && EVP_DigestSign(context, nullptr, &length,
                          reinterpret_cast<const unsigned char*>(signingInput.constData()),
                          static_cast<size_t>(signingInput.size())) == 1;
    if (ok) {
        signature.resize(static_cast<qsizetype>(length));
        ok = EVP_DigestSign(context, reinterpret_cast<unsigned char*>(signature.data()), &length,
                            reinterpret_cast<const unsigned char*>(signingInput.constData()),
                            static_cast<size_t>(signingInput.size())) == 1;
        signature.resize(static_cast<qsizetype>(length));
    }
    EVP_MD_CTX_free(context);
    if (!ok)
        return fail(ErrorCode::Internal, QStringLiteral("signing the client assertion failed: %1").arg(openSslError()));
    return QByteArray(signingInput + '.' + base64Url(signature));
}

} // namespace pv::graph
