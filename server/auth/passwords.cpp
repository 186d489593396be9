#include "server/auth/passwords.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <algorithm>
#include <array>
#include <stdexcept>

namespace tongban::server {

namespace {

constexpr const char* kAlgorithm = "pbkdf2-sha256";

std::string hex(const unsigned char* bytes, std::size_t size)
{
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string text;
    text.reserve(size * 2);
    for (std::size_t i = 0; i < size; ++i) {
        text += kDigits[bytes[i] >> 4];
        text += kDigits[bytes[i] & 0x0f];
    }
    return text;
}

std::string derive(const std::string& password, const std::string& salt, int iterations)
{
    std::array<unsigned char, 32> key{};
    if (PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()),
                          reinterpret_cast<const unsigned char*>(salt.data()), static_cast<int>(salt.size()), iterations,
                          EVP_sha256(), static_cast<int>(key.size()), key.data()) != 1)
        throw std::runtime_error("the password could not be hashed");
    return hex(key.data(), key.size());
}

} // namespace

store::Credential hashPassword(const std::string& login, const std::string& password, int iterations)
{
    std::array<unsigned char, 16> salt{};
    if (RAND_bytes(salt.data(), static_cast<int>(salt.size())) != 1)
        throw std::runtime_error("no random bytes for a salt");
    store::Credential credential;
    credential.login = login;
    credential.algorithm = kAlgorithm;
    credential.iterations = iterations;
    credential.salt = hex(salt.data(), salt.size());
    credential.hash = derive(password, credential.salt, iterations);
    return credential;
}

bool passwordMatches(const store::Credential& credential, const std::string& password)
{
    if (credential.algorithm != kAlgorithm || credential.iterations < 1)
        return false;
    const auto computed = derive(password, credential.salt, credential.iterations);
    return computed.size() == credential.hash.size() &&
           CRYPTO_memcmp(computed.data(), credential.hash.data(), computed.size()) == 0;
}

std::string passwordProblem(const std::string& login, const std::string& password)
{
    if (password.size() < 8)
        return "a password has at least 8 characters";
    if (std::ranges::all_of(password, [](char c) { return c >= '0' && c <= '9'; }))
        return "a password is not digits only";
    if (password == login)
        return "a password is not the login";
    return {};
}

} // namespace tongban::server
