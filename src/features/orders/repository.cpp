#include "features/orders/repository.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value_to.hpp>
#include <map>

namespace superapp::features::orders {

namespace asio = boost::asio;
namespace json = boost::json;
using platform::db::named_query;
using platform::db::Row;

namespace {

Money money(const Row& row, std::string_view column) { return Money::from_paise(row.get<std::int64_t>(column)); }

json::object address_json(const Address& a) {
    return {{"name", a.name}, {"phone", a.phone},     {"address", a.address},
            {"city", a.city}, {"pincode", a.pincode}, {"coordinates", json::array{a.longitude, a.latitude}}};
}

Address address_from(const json::value& v) {
    const json::object& o = v.as_object();
    const json::array& c = o.at("coordinates").as_array();
    return {json::value_to<std::string>(o.at("name")),
            json::value_to<std::string>(o.at("phone")),
            json::value_to<std::string>(o.at("address")),
            json::value_to<std::string>(o.at("city")),
            json::value_to<std::string>(o.at("pincode")),
            c.at(0).to_number<double>(),
            c.at(1).to_number<double>()};
}

Order order_from(const Row& row) {
    Order o;
    o.id = row.get<std::string>("id");
    o.order_number = row.get<std::string>("order_number");
    o.user_id = row.get<std::string>("user_id");
    o.state.status = parse_status(row.get<std::string_view>("status")).value();
    o.state.method = parse_payment_method(row.get<std::string_view>("payment_method")).value();
    o.state.payment = parse_payment_status(row.get<std::string_view>("payment_status")).value();
    o.subtotal = money(row, "subtotal_paise");
    o.discount = money(row, "discount_paise");
    o.tax = money(row, "tax_paise");
    o.delivery = money(row, "delivery_paise");
    o.total = money(row, "total_paise");
    o.cashback = money(row, "cashback_paise");
    o.transaction_id = row.get_optional<std::string>("payment_transaction_id");
    o.payment_due_at = row.get_optional<Timestamp>("payment_due_at");
    o.address = address_from(row.get<json::value>("address"));
    o.delivery_status = row.get<std::string>("delivery_status");
    o.estimated_time = row.get_optional<Timestamp>("estimated_time");
    o.actual_time = row.get_optional<Timestamp>("actual_time");
    o.tracking_id = row.get_optional<std::string>("tracking_id");
    o.store_ids = row.get<std::vector<std::string>>("store_ids");
    o.from_cart = row.get<bool>("from_cart");
    o.created_at = row.get<Timestamp>("created_at");
    o.updated_at = row.get<Timestamp>("updated_at");
    return o;
}

OrderItem item_from(const Row& row) {
    OrderItem i;
    i.key = {row.get<std::string>("product_id"), row.get<std::string>("variant_type"),
             row.get<std::string>("variant_value")};
    i.store_id = row.get<std::string>("store_id");
    i.name = row.get<std::string>("name");
    i.image = row.get_optional<std::string>("image");
    i.quantity = row.get<std::int64_t>("quantity");
    i.price = money(row, "price_paise");
    i.original = money(row, "original_paise");
    i.tax = money(row, "tax_paise");
    return i;
}

std::string order_id_of(const Row& row) { return row.get<std::string>("order_id"); }

// Database and Tx run queries alike; reads used both alone and inside a transaction share this.
template <class Runner>
asio::awaitable<void> attach_items(Runner& runner, std::vector<Order>& orders) {
    if (orders.empty()) co_return;
    std::vector<std::string> ids;
    for (const auto& o : orders) ids.push_back(o.id);
    const auto result = co_await runner.query(named_query("orders.items_of"), ids);
    std::map<std::string, std::vector<OrderItem>, std::less<>> by_order;
    for (const auto row : result) by_order[order_id_of(row)].push_back(item_from(row));
    for (auto& o : orders) o.items = std::move(by_order[o.id]);
}

template <class Runner, class... Ps>
asio::awaitable<std::optional<Order>> one_order(Runner& runner, std::string_view query, const Ps&... params) {
    const auto result = co_await runner.query(named_query(query), params...);
    if (result.empty()) co_return std::nullopt;
    std::vector<Order> orders{order_from(result[0])};
    co_await attach_items(runner, orders);
    co_return std::move(orders[0]);
}

}  // namespace

asio::awaitable<std::optional<Order>> OrdersRepository::find(const std::string& id) {
    co_return co_await one_order(db_, "orders.by_id", id);
}

asio::awaitable<std::vector<Order>> OrdersRepository::list(const ListQuery& q) {
    std::optional<Timestamp> at;
    std::optional<std::string> id;
    if (q.after) {
        at = q.after->created_at;
        id = q.after->id;
    }
    std::vector<std::string> statuses;
    for (const Status s : q.statuses) statuses.emplace_back(to_string(s));
    const auto result = co_await db_.query(named_query("orders.list"), q.user_id, statuses, at, id, q.limit);
    std::vector<Order> orders;
    orders.reserve(result.size());
    for (const auto row : result) orders.push_back(order_from(row));
    co_await attach_items(db_, orders);
    co_return orders;
}

asio::awaitable<std::vector<std::string>> OrdersRepository::unpaid_due(int limit) {
    const auto result = co_await db_.query(named_query("orders.unpaid_due"), limit);
    std::vector<std::string> ids;
    for (const auto row : result) ids.push_back(row.get<std::string>("id"));
    co_return ids;
}

asio::awaitable<std::int64_t> OrdersRepository::stores_owned(const std::vector<std::string>& store_ids,
                                                             const std::string& user_id) {
    const auto result = co_await db_.query(named_query("orders.stores_owned"), store_ids, user_id);
    co_return result[0].get<std::int64_t>("owned");
}

asio::awaitable<void> OrdersRepository::set_transaction(const std::string& order_id,
                                                        const std::string& transaction_id) {
    co_await db_.query(named_query("orders.set_transaction"), order_id, transaction_id);
}

asio::awaitable<Order> OrdersRepository::insert_in(platform::db::Tx& tx, const Order& o) {
    const auto result =
        co_await tx.query(named_query("orders.insert"), o.id, o.user_id, to_string(o.state.status), o.subtotal.paise(),
                          o.discount.paise(), o.tax.paise(), o.delivery.paise(), o.total.paise(), o.cashback.paise(),
                          to_string(o.state.method), to_string(o.state.payment), o.payment_due_at,
                          address_json(o.address), o.delivery_status, o.estimated_time, o.store_ids, o.from_cart);
    std::vector<std::string> products, stores, names, types, values, images;
    std::vector<std::int64_t> quantities, prices, originals, taxes;
    for (const auto& i : o.items) {
        products.push_back(i.key.product_id);
        stores.push_back(i.store_id);
        names.push_back(i.name);
        images.push_back(i.image.value_or(""));
        types.push_back(i.key.variant_type);
        values.push_back(i.key.variant_value);
        quantities.push_back(i.quantity);
        prices.push_back(i.price.paise());
        originals.push_back(i.original.paise());
        taxes.push_back(i.tax.paise());
    }
    co_await tx.query(named_query("orders.items_insert"), o.id, products, stores, names, types, values, quantities,
                      prices, originals, taxes, images);
    Order stored = order_from(result[0]);
    stored.items = o.items;
    co_return stored;
}

asio::awaitable<std::optional<Order>> OrdersRepository::lock_in(platform::db::Tx& tx, const std::string& id) {
    co_return co_await one_order(tx, "orders.for_update", id);
}

asio::awaitable<std::optional<Order>> OrdersRepository::lock_by_transaction_in(platform::db::Tx& tx,
                                                                               const std::string& transaction_id) {
    co_return co_await one_order(tx, "orders.by_transaction_for_update", transaction_id);
}

asio::awaitable<Order> OrdersRepository::update_in(platform::db::Tx& tx, const Order& order, const StateChange& c) {
    const auto result = co_await tx.query(named_query("orders.update_state"), order.id, to_string(c.state.status),
                                          to_string(c.state.payment), c.delivery_status, c.estimated_time,
                                          c.actual_time, c.tracking_id);
    Order updated = order_from(result[0]);
    updated.items = order.items;
    co_return updated;
}

}  // namespace superapp::features::orders
