// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "tools/graphsim/server/TlsMaterial.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QSaveFile>
#include <QSslCertificate>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

namespace graphsim {

namespace {

struct PkeyFree
{
    void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
struct X509Free
{
    void operator()(X509* cert) const { X509_free(cert); }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyFree>;
using X509Ptr = std::unique_ptr<X509, X509Free>;

QString lastOpenSslError()
{
    char buffer[256] = {};
    ERR_error_string_n(ERR_get_error(), buffer, sizeof buffer);
    return QString::fromLatin1(buffer);
}

QByteArray bioContents(BIO* bio)
{
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    return QByteArray(data, static_cast<qsizetype>(size));
}

QByteArray keyToPem(EVP_PKEY* key)
{
    BIO* bio = BIO_new(BIO_s_mem());
    PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr);
    QByteArray pem = bioContents(bio);
    BIO_free(bio);
    return pem;
}

QByteArray certToPem(X509* cert)
{
    BIO* bio = BIO_new(BIO_s_mem());
    PEM_write_bio_X509(bio, cert);
    QByteArray pem = bioContents(bio);
    BIO_free(bio);
    return pem;
}

bool addExtension(X509* cert, X509* issuer, int nid, const char* value)
{
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
    if (!ext)
        return false;
    const bool ok = X509_add_ext(cert, ext, -1) == 1;
    X509_EXTENSION_free(ext);
    return ok;
}

struct CertSpec
{
    const char* commonName;
    bool isCa = false;
    bool serverAuth = false;
    bool clientAuth = false;
};

/// A v3 certificate for key, signed by issuerKey (self-signed when issuer is null).
X509Ptr makeCertificate(const CertSpec& spec, EVP_PKEY* key, X509* issuer, EVP_PKEY* issuerKey)
{
    X509Ptr cert(X509_new());
    if (!cert)
        return nullptr;
    X509_set_version(cert.get(), 2);
    unsigned char serialBytes[16];
    RAND_bytes(serialBytes, sizeof serialBytes);
    serialBytes[0] &= 0x7f; // positive serial
    BIGNUM* serial = BN_bin2bn(serialBytes, sizeof serialBytes, nullptr);
    BN_to_ASN1_INTEGER(serial, X509_get_serialNumber(cert.get()));
    BN_free(serial);
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), 60L * 60 * 24 * 30);
    X509_set_pubkey(cert.get(), key);
    X509_NAME* name = X509_get_subject_name(cert.get());
    X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("graphsim"), -1, -1, 0);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>(spec.commonName), -1,
                               -1, 0);
    X509* effectiveIssuer = issuer ? issuer : cert.get();
    X509_set_issuer_name(cert.get(), X509_get_subject_name(effectiveIssuer));

    bool ok = true;
    if (spec.isCa) {
        ok = ok && addExtension(cert.get(), effectiveIssuer, NID_basic_constraints, "critical,CA:TRUE");
        ok = ok && addExtension(cert.get(), effectiveIssuer, NID_key_usage, "critical,keyCertSign,cRLSign");
    } else {
        ok = ok && addExtension(cert.get(), effectiveIssuer, NID_basic_constraints, "critical,CA:FALSE");
        ok = ok && addExtension(cert.get(), effectiveIssuer, NID_key_usage, "critical,digitalSignature,keyEncipherment");
    }
    ok = ok && addExtension(cert.get(), effectiveIssuer, NID_subject_key_identifier, "hash");
    if (issuer)
        ok = ok && addExtension(cert.get(), effectiveIssuer, NID_authority_key_identifier, "keyid:always");
    if (spec.serverAuth) {
        ok = ok && addExtension(cert.get(), effectiveIssuer, NID_ext_key_usage, "serverAuth");
        ok = ok && addExtension(cert.get(), effectiveIssuer, NID_subject_alt_name, "IP:127.0.0.1,DNS:localhost");
    }
    if (spec.clientAuth)
        ok = ok && addExtension(cert.get(), effectiveIssuer, NID_ext_key_usage, "clientAuth");
    if (!ok || X509_sign(cert.get(), issuerKey, EVP_sha256()) <= 0)
        return nullptr;
    return cert;
}

} // namespace

bool TlsMaterial::generate(TlsMaterial* out, QString* error)
{
    PkeyPtr caKey(EVP_EC_gen("P-256"));
    PkeyPtr serverKey(EVP_EC_gen("P-256"));
    PkeyPtr clientKey(EVP_RSA_gen(2048));
    PkeyPtr signingKey(EVP_RSA_gen(2048));
    if (!caKey || !serverKey || !clientKey || !signingKey) {
        *error = QStringLiteral("key generation failed: %1").arg(lastOpenSslError());
        return false;
    }
    X509Ptr ca = makeCertificate({"graphsim test CA", true, false, false}, caKey.get(), nullptr, caKey.get());
    if (!ca) {
        *error = QStringLiteral("CA certificate failed: %1").arg(lastOpenSslError());
        return false;
    }
    X509Ptr server = makeCertificate({"localhost", false, true, false}, serverKey.get(), ca.get(), caKey.get());
    X509Ptr client =
        makeCertificate({"graphsim client credential", false, false, true}, clientKey.get(), ca.get(), caKey.get());
    X509Ptr signing =
        makeCertificate({"graphsim token signing", false, false, false}, signingKey.get(), nullptr, signingKey.get());
    if (!server || !client || !signing) {
        *error = QStringLiteral("certificate failed: %1").arg(lastOpenSslError());
        return false;
    }
    out->caCertPem = certToPem(ca.get());
    out->serverCertPem = certToPem(server.get());
    out->serverKeyPem = keyToPem(serverKey.get());
    out->clientCertPem = certToPem(client.get());
    out->clientKeyPem = keyToPem(clientKey.get());
    out->signingKeyPem = keyToPem(signingKey.get());
    out->signingCertPem = certToPem(signing.get());
    return true;
}

bool TlsMaterial::writeTo(const QString& dir, QString* error)
{
    if (!QDir().mkpath(dir)) {
        *error = QStringLiteral("cannot create %1").arg(dir);
        return false;
    }
    const QDir base(dir);
    const std::pair<QString*, std::pair<QString, const QByteArray*>> files[] = {
        {&caCertPath, {QStringLiteral("ca-cert.pem"), &caCertPem}},
        {&serverCertPath, {QStringLiteral("server-cert.pem"), &serverCertPem}},
        {&serverKeyPath, {QStringLiteral("server-key.pem"), &serverKeyPem}},
        {&clientCertPath, {QStringLiteral("client-cert.pem"), &clientCertPem}},
        {&clientKeyPath, {QStringLiteral("client-key.pem"), &clientKeyPem}},
        {&signingKeyPath, {QStringLiteral("signing-key.pem"), &signingKeyPem}},
        {&signingCertPath, {QStringLiteral("signing-cert.pem"), &signingCertPem}},
    };
    for (const auto& [pathMember, spec] : files) {
        const QString path = base.absoluteFilePath(spec.first);
        // Atomic: a client reading the CA while a restart rewrites it never sees half a file.
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(*spec.second) != spec.second->size() || !file.commit()) {
            *error = QStringLiteral("cannot write %1").arg(path);
            return false;
        }
        *pathMember = path;
    }
    return true;
}

bool TlsMaterial::readFrom(const QString& dir, TlsMaterial* out, qint64 minRemainingSecs)
{
    const QDir base(dir);
    TlsMaterial material;
    const std::pair<QString*, std::pair<QString, QByteArray*>> files[] = {
        {&material.caCertPath, {QStringLiteral("ca-cert.pem"), &material.caCertPem}},
        {&material.serverCertPath, {QStringLiteral("server-cert.pem"), &material.serverCertPem}},
        {&material.serverKeyPath, {QStringLiteral("server-key.pem"), &material.serverKeyPem}},
        {&material.clientCertPath, {QStringLiteral("client-cert.pem"), &material.clientCertPem}},
        {&material.clientKeyPath, {QStringLiteral("client-key.pem"), &material.clientKeyPem}},
        {&material.signingKeyPath, {QStringLiteral("signing-key.pem"), &material.signingKeyPem}},
        {&material.signingCertPath, {QStringLiteral("signing-cert.pem"), &material.signingCertPem}},
    };
    for (const auto& [pathMember, spec] : files) {
        const QString path = base.absoluteFilePath(spec.first);
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return false;
        *spec.second = file.readAll();
        if (spec.second->isEmpty())
            return false;
        *pathMember = path;
    }
    const QDateTime limit = QDateTime::currentDateTimeUtc().addSecs(minRemainingSecs);
    for (const QByteArray* pem : {&material.caCertPem, &material.serverCertPem, &material.clientCertPem,
                                  &material.signingCertPem}) {
        const QSslCertificate cert(*pem, QSsl::Pem);
        if (cert.isNull() || cert.expiryDate() < limit)
            return false;
    }
    *out = material;
    return true;
}

} // namespace graphsim
