#include "platform/http/middleware/client_ip.hpp"

#include <boost/asio/ip/address.hpp>

namespace superapp::platform::http::middleware {

std::string forwarded_client_ip(std::string_view x_forwarded_for, std::string_view peer) {
    const std::size_t comma = x_forwarded_for.rfind(',');
    std::string_view last = comma == std::string_view::npos ? x_forwarded_for : x_forwarded_for.substr(comma + 1);
    while (!last.empty() && last.front() == ' ') last.remove_prefix(1);
    while (!last.empty() && last.back() == ' ') last.remove_suffix(1);
    boost::system::error_code ec;
    const auto address = boost::asio::ip::make_address(std::string(last), ec);
    return ec ? std::string(peer) : address.to_string();
}

}  // namespace superapp::platform::http::middleware
