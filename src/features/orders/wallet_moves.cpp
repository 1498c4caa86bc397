#include "features/orders/wallet_moves.hpp"

#include "platform/http/api_error.hpp"

namespace superapp::features::orders {

namespace asio = boost::asio;

namespace {

platform::http::ApiError no_wallet() { return {503, "WALLET_UNAVAILABLE", "the wallet is not available yet"}; }

}  // namespace

asio::awaitable<WalletEvent> pay_in(platform::db::Tx&, const Order&) {
    throw no_wallet();
    co_return WalletEvent{};
}

asio::awaitable<WalletEvent> refund_in(platform::db::Tx&, const Order&) {
    throw no_wallet();
    co_return WalletEvent{};
}

asio::awaitable<std::optional<WalletEvent>> cashback_in(platform::db::Tx&, const Order&) {
    throw no_wallet();
    co_return std::nullopt;
}

}  // namespace superapp::features::orders
