// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "tools/graphsim/server/Jwt.h"

#include <QJsonDocument>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

namespace graphsim::jwt {

namespace {

EVP_PKEY* readPrivateKey(const QByteArray& pem)
{
    BIO* bio = BIO_new_mem_buf(pem.constData(), static_cast<int>(pem.size()));
    EVP_PKEY* key = PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr);
    BIO_free(bio);
    return key;
}

EVP_PKEY* readCertificateKey(const QByteArray& pem)
{
    BIO* bio = BIO_new_mem_buf(pem.constData(), static_cast<int>(pem.size()));
    X509* cert = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr);
    BIO_free(bio);
    if (!cert)
        return nullptr;
    EVP_PKEY* key = X509_get_pubkey(cert);
    X509_free(cert);
    return key;
}

bool configurePadding(EVP_PKEY_CTX* pctx, Alg alg, bool verifying)
{
    switch (alg) {
    case Alg::RS256:
        return EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PADDING) > 0;
    case Alg::PS256:
        // Signers use salt = digest length; accept any salt length when verifying.
        return EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) > 0
            && EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, verifying ? RSA_PSS_SALTLEN_AUTO : RSA_PSS_SALTLEN_DIGEST) > 0;
    }
    return false;
}

} // namespace

QByteArray base64Url(const QByteArray& data)
{
    return data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

bool fromBase64Url(const QByteArray& text, QByteArray* out)
{
    const auto result =
        QByteArray::fromBase64Encoding(text, QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!result)
        return false;
    *out = result.decoded;
    return true;
}

bool parse(const QByteArray& token, Parts* out)
{
    const QList<QByteArray> segments = token.split('.');
    if (segments.size() != 3 || segments[0].isEmpty() || segments[1].isEmpty())
        return false;
    QByteArray header;
    QByteArray claims;
    if (!fromBase64Url(segments[0], &header) || !fromBase64Url(segments[1], &claims)
        || !fromBase64Url(segments[2], &out->signature))
        return false;
    QJsonParseError error{};
    const QJsonDocument headerDoc = QJsonDocument::fromJson(header, &error);
    if (error.error != QJsonParseError::NoError || !headerDoc.isObject())
        return false;
    const QJsonDocument claimsDoc = QJsonDocument::fromJson(claims, &error);
    if (error.error != QJsonParseError::NoError || !claimsDoc.isObject())
        return false;
    out->header = headerDoc.object();
    out->claims = claimsDoc.object();
    out->signingInput = segments[0] + '.' + segments[1];
    return true;
}

QByteArray sign(Alg alg, const QByteArray& privateKeyPem, const QByteArray& data)
{
    EVP_PKEY* key = readPrivateKey(privateKeyPem);
    if (!key)
        return {};
    QByteArray signature;
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    EVP_PKEY_CTX* pctx = nullptr;
    size_t length = 0;
    if (EVP_DigestSignInit(ctx, &pctx, EVP_sha256(), nullptr, key) > 0 && configurePadding(pctx, alg, false)
        && EVP_DigestSign(ctx, nullptr, &length, reinterpret_cast<const unsigned char*>(data.constData()),
                          static_cast<size_t>(data.size()))
            > 0) {
        signature.resize(static_cast<qsizetype>(length));
        if (EVP_DigestSign(ctx, reinterpret_cast<unsigned char*>(signature.data()), &length,
                           reinterpret_cast<const unsigned char*>(data.constData()), static_cast<size_t>(data.size()))
            > 0)
            signature.resize(static_cast<qsizetype>(length));
        else
            signature.clear();
    }
    EVP_MD_CTX_free(ctx);
    EVP_PKEY_free(key);
    return signature;
}

bool verifyWithCertificate(Alg alg, const QByteArray& certificatePem, const QByteArray& data,
                           const QByteArray& signature)
{
    EVP_PKEY* key = readCertificateKey(certificatePem);
    if (!key)
        return false;
    bool ok = false;
    if (EVP_PKEY_is_a(key, "RSA")) {
        EVP_MD_CTX* ctx = EVP_MD_CTX_new();
        EVP_PKEY_CTX* pctx = nullptr;
        ok = EVP_DigestVerifyInit(ctx, &pctx, EVP_sha256(), nullptr, key) > 0 && configurePadding(pctx, alg, true)
            && EVP_DigestVerify(ctx, reinterpret_cast<const unsigned char*>(signature.constData()),
                                static_cast<size_t>(signature.size()),
                                reinterpret_cast<const unsigned char*>(data.constData()),
                                static_cast<size_t>(data.size()))
                == 1;
        EVP_MD_CTX_free(ctx);
    }
    EVP_PKEY_free(key);
    return ok;
}

QByteArray encode(Alg alg, const QJsonObject& header, const QJsonObject& claims, const QByteArray& privateKeyPem)
{
    const QByteArray input = base64Url(QJsonDocument(header).toJson(QJsonDocument::Compact)) + '.'
        + base64Url(QJsonDocument(claims).toJson(QJsonDocument::Compact));
    const QByteArray signature = sign(alg, privateKeyPem, input);
    if (signature.isEmpty())
        return {};
    return input + '.' + base64Url(signature);
}

bool rsaPublicNumbers(const QByteArray& certificatePem, QByteArray* modulus, QByteArray* exponent)
{
    EVP_PKEY* key = readCertificateKey(certificatePem);
    if (!key)
        return false;
    BIGNUM* n = nullptr;
    BIGNUM* e = nullptr;
    bool ok = EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_RSA_N, &n) > 0
        && EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_RSA_E, &e) > 0;
    if (ok) {
        QByteArray nBytes(BN_num_bytes(n), '\0');
        BN_bn2bin(n, reinterpret_cast<unsigned char*>(nBytes.data()));
        QByteArray eBytes(BN_num_bytes(e), '\0');
        BN_bn2bin(e, reinterpret_cast<unsigned char*>(eBytes.data()));
        *modulus = base64Url(nBytes);
        *exponent = base64Url(eBytes);
    }
    BN_free(n);
    BN_free(e);
    EVP_PKEY_free(key);
    return ok;
}

} // namespace graphsim::jwt
