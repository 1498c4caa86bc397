#include "features/users/ports.hpp"

namespace superapp::features::users {

boost::asio::awaitable<WalletFigures> NoLedgerYet::figures(const std::string&) { co_return WalletFigures{}; }

}  // namespace superapp::features::users
