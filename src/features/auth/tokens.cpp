#include "features/auth/tokens.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <array>
#include <stdexcept>

#include "platform/core/base64.hpp"

namespace superapp::features::auth::tokens {
namespace {

constexpr std::size_t kRefreshBytes = 32;
constexpr std::size_t kRefreshChars = 43;  // base64url of 32 bytes, unpadded

std::string hex(const unsigned char* data, std::size_t size) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    out.reserve(size * 2);
    for (std::size_t i = 0; i < size; ++i) {
        out += kHex[data[i] >> 4];
        out += kHex[data[i] & 0x0F];
    }
    return out;
}

template <std::size_t N>
std::array<unsigned char, N> random_bytes() {
    std::array<unsigned char, N> bytes{};
    if (RAND_bytes(bytes.data(), static_cast<int>(N)) != 1)
        throw std::runtime_error("the random number generator failed");
    return bytes;
}

}  // namespace

std::string new_refresh_token() {
    const auto bytes = random_bytes<kRefreshBytes>();
    return platform::core::base64url_encode(
        std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
}

std::string successor_refresh_token(std::string_view secret, std::string_view presented) {
    const std::string input = "refresh-successor:" + std::string(presented);
    std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
    unsigned int size = 0;
    if (!HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
              reinterpret_cast<const unsigned char*>(input.data()), input.size(), mac.data(), &size) ||
        size != kRefreshBytes) {
        throw std::runtime_error("HMAC-SHA256 failed");
    }
    return platform::core::base64url_encode(std::string_view(reinterpret_cast<const char*>(mac.data()), size));
}

bool is_refresh_token(std::string_view token) {
    return token.size() == kRefreshChars && platform::core::base64url_decode(token).has_value();
}

std::string refresh_token_hash(std::string_view token) {
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int size = 0;
    if (EVP_Digest(token.data(), token.size(), digest.data(), &size, EVP_sha256(), nullptr) != 1) {
        throw std::runtime_error("SHA-256 failed");
    }
    return hex(digest.data(), size);
}

std::string new_id() {
    const auto bytes = random_bytes<16>();
    return hex(bytes.data(), bytes.size());
}

}  // namespace superapp::features::auth::tokens
