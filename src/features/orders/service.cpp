#include "features/orders/service.hpp"

#include <algorithm>
#include <numeric>
#include <tuple>

#include "features/catalog/purchases.hpp"
#include "features/catalog/stock.hpp"
#include "features/notifications/service.hpp"
#include "features/orders/order_json.hpp"
#include "features/orders/wallet_moves.hpp"
#include "platform/core/cursor.hpp"
#include "platform/core/log.hpp"
#include "platform/core/object_id.hpp"
#include "platform/http/api_error.hpp"

namespace superapp::features::orders {

namespace asio = boost::asio;
using cart::ItemKey;
using platform::core::FieldError;
using platform::db::Tx;
using platform::http::ApiError;

namespace {

constexpr int kMaxLimit = 100;
constexpr int kExpiryBatch = 100;
/// When a confirmed order is expected, unless the merchant says otherwise.
constexpr std::chrono::minutes kDeliveryEstimate{60};

ApiError no_such_order() { return ApiError::not_found("no such order"); }

std::string item_field(std::size_t i, std::string_view member) {
    return "items[" + std::to_string(i) + "]." + std::string(member);
}

bool key_less(const ItemKey& a, const ItemKey& b) {
    return std::tie(a.product_id, a.variant_type, a.variant_value) <
           std::tie(b.product_id, b.variant_type, b.variant_value);
}

// Positions 0..n-1 in the order rows are locked: concurrent orders lock products in the same order.
template <class T, class KeyOf>
std::vector<std::size_t> lock_order(const std::vector<T>& items, KeyOf key_of) {
    std::vector<std::size_t> positions(items.size());
    std::iota(positions.begin(), positions.end(), std::size_t{0});
    std::sort(positions.begin(), positions.end(),
              [&](std::size_t a, std::size_t b) { return key_less(key_of(items[a]), key_of(items[b])); });
    return positions;
}

asio::awaitable<void> restock_in(Tx& tx, const Order& order) {
    const auto key_of = [](const OrderItem& i) -> const ItemKey& { return i.key; };
    for (const std::size_t p : lock_order(order.items, key_of)) {
        const OrderItem& item = order.items[p];
        co_await catalog::Stock::put_back_in(tx, item.key.product_id, item.key.variant_type, item.key.variant_value,
                                             item.quantity);
    }
}

// The order's products, each once.
std::vector<std::string> product_ids(const Order& order) {
    std::vector<std::string> ids;
    for (const OrderItem& item : order.items) ids.push_back(item.key.product_id);
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    return ids;
}

// The order's state and delivery as they are, to change from.
StateChange as_it_is(const Order& order) {
    StateChange change;
    change.state = order.state;
    change.delivery_status = order.delivery_status;
    change.estimated_time = order.estimated_time;
    change.actual_time = order.actual_time;
    change.tracking_id = order.tracking_id;
    return change;
}

ApiError invalid_transition(const std::string& why) {
    return ApiError::conflict(why, "INVALID_TRANSITION", {{"status", why}});
}

asio::awaitable<Outcome> transition_in(Tx& tx, Order order, Status to, Actor actor, const StatusRequest& extra,
                                       const Policy& policy) {
    if (auto why = refusal(order.state, to, actor)) throw invalid_transition(*why);
    const auto now = platform::core::now();
    if (order.state.status == Status::delivered &&
        (!order.actual_time || *order.actual_time + policy.cashback_hold <= now)) {
        throw invalid_transition("a delivered order is returned only within " +
                                 std::to_string(std::chrono::floor<std::chrono::days>(policy.cashback_hold).count()) +
                                 " days of its delivery");
    }
    const Effects e = effects(order.state, to);
    StateChange change = as_it_is(order);
    change.state = {to, order.state.method, e.payment};
    change.delivery_status = e.delivery_status;
    if (extra.estimated_time) change.estimated_time = extra.estimated_time;
    if (e.confirmed_now && !extra.estimated_time) change.estimated_time = now + kDeliveryEstimate;
    if (e.shipped_now) change.tracking_id = extra.tracking_id.value_or("TRK" + order.order_number);
    if (e.delivered_now) {
        change.actual_time = now;
        co_await catalog::Purchases::delivered_in(tx, order.user_id, product_ids(order));
    }
    if (e.restock) co_await restock_in(tx, order);

    Outcome out;
    out.previous = order.state.status;
    if (e.reverse_cashback) {
        // Before the refund: a hold is locked before its wallet, as the release job does.
        std::optional<WalletEvent> reversed = co_await reverse_cashback_in(tx, order);
        if (reversed) {
            out.wallet_events.push_back(std::move(*reversed));
        } else if (order.state.status == Status::delivered && order.cashback > Money()) {
            // Released already (its time came, or the hold was shorter): the return would refund the order
            // and leave its cashback spendable.
            throw invalid_transition("the order's cashback is released already: its return window has closed");
        }
    }
    if (e.refund) out.wallet_events.push_back(co_await refund_in(tx, order));
    if (e.cashback) {
        std::optional<WalletEvent> held = co_await cashback_in(tx, order, now + policy.cashback_hold);
        if (held) out.wallet_events.push_back(std::move(*held));
    }
    out.order = co_await OrdersRepository::update_in(tx, order, change);
    out.notification =
        co_await notifications::NotificationsService::create_in(tx, order.user_id, status_notification(out.order));
    co_return out;
}

// A card payment that arrives after its order was cancelled unpaid (expired): the money goes to the
// wallet, and the order says it was refunded.
asio::awaitable<Outcome> refund_late_payment_in(Tx& tx, Order order) {
    Outcome out;
    out.previous = order.state.status;
    out.wallet_events.push_back(co_await refund_in(tx, order));
    StateChange change = as_it_is(order);
    change.state.payment = PaymentStatus::refunded;
    out.order = co_await OrdersRepository::update_in(tx, order, change);
    out.notification =
        co_await notifications::NotificationsService::create_in(tx, order.user_id, status_notification(out.order));
    co_return out;
}

asio::awaitable<Outcome> change_in(Tx& tx, const std::string& id, Status to, Actor actor, const StatusRequest& extra,
                                   const Policy& policy) {
    std::optional<Order> order = co_await OrdersRepository::lock_in(tx, id);
    if (!order) throw no_such_order();
    co_return co_await transition_in(tx, std::move(*order), to, actor, extra, policy);
}

asio::awaitable<std::optional<Outcome>> expire_in(Tx& tx, const std::string& id) {
    std::optional<Order> order = co_await OrdersRepository::lock_in(tx, id);
    const bool due = order && order->state.status == Status::placed && order->state.payment == PaymentStatus::pending &&
                     order->payment_due_at && *order->payment_due_at <= platform::core::now();
    if (!due) co_return std::nullopt;  // paid or cancelled since it was listed
    const StatusRequest nothing_more;
    Outcome out =
        co_await transition_in(tx, std::move(*order), Status::cancelled, Actor::system, nothing_more, Policy{});
    co_return out;
}

// Problems of lines the catalog cannot sell as asked, each naming its item.
std::vector<FieldError> unavailable(const std::vector<WantedItem>& wanted,
                                    const std::vector<const cart::Offer*>& offers) {
    std::vector<FieldError> problems;
    for (std::size_t i = 0; i < wanted.size(); ++i) {
        const cart::Offer* offer = offers[i];
        if (offer == nullptr || !offer->active) {
            problems.push_back({item_field(i, "product"), "is no longer sold"});
        } else if (!offer->variant_found) {
            problems.push_back({item_field(i, "variant"), "the product has no such variant"});
        }
    }
    return problems;
}

struct Placing {
    const cart::CartService* cart = nullptr;
    cart::Buyer buyer;
    PlaceOrder request;
};

Order new_order(const Placing& p, const std::vector<WantedItem>& wanted, const std::vector<const cart::Offer*>& offers,
                const cart::Totals& totals) {
    Order o;
    o.id = platform::core::ObjectId::generate().to_string();
    o.user_id = p.buyer.user_id;
    o.state = initial_state(p.request.method);
    o.subtotal = totals.subtotal;
    o.discount = totals.discount;
    o.tax = totals.tax;
    o.delivery = totals.delivery;
    o.total = totals.total;
    o.cashback = earns_cashback(o.state.method) ? totals.cashback : Money();
    const auto now = platform::core::now();
    if (o.state.method == PaymentMethod::card) o.payment_due_at = now + kPaymentWindow;
    if (o.state.status == Status::confirmed) o.estimated_time = now + kDeliveryEstimate;
    o.address = p.request.address;
    o.delivery_status = delivery_status(o.state.status);
    for (const auto& s : totals.stores) o.store_ids.push_back(s.store_id);
    o.from_cart = p.request.from_cart;
    for (std::size_t i = 0; i < wanted.size(); ++i) {
        const cart::Offer& offer = *offers[i];
        const cart::PricedLine line = p.cart->priced(offer, wanted[i].quantity, p.buyer);
        o.items.push_back({wanted[i].key, offer.store_id, offer.name, offer.image, wanted[i].quantity, offer.price,
                           offer.original, cart::line_tax(line.unit_price, line.quantity, line.tax_basis_points)});
    }
    return o;
}

asio::awaitable<Outcome> place_in(Tx& tx, const Placing& p) {
    std::vector<WantedItem> wanted = p.request.items;
    std::optional<std::string> cart_id;
    if (p.request.from_cart) {
        const cart::Cart cart = co_await cart::CartService::lock_in(tx, p.buyer.user_id);
        if (cart.items.empty()) throw ApiError::conflict("the cart is empty", "CART_EMPTY");
        for (const auto& item : cart.items) wanted.push_back({item.key, item.quantity});
        cart_id = cart.id;
    }
    std::vector<ItemKey> keys;
    for (const auto& w : wanted) keys.push_back(w.key);
    const std::vector<cart::Offer> offers = co_await cart::CartService::offers_in(tx, keys);
    std::vector<const cart::Offer*> matched;
    for (const auto& k : keys) matched.push_back(cart::find_offer(offers, k));
    std::vector<FieldError> problems = unavailable(wanted, matched);
    if (!problems.empty()) throw ApiError::conflict("some items cannot be ordered", "ITEM_UNAVAILABLE", problems);

    std::vector<cart::PricedLine> lines;
    for (std::size_t i = 0; i < wanted.size(); ++i)
        lines.push_back(p.cart->priced(*matched[i], wanted[i].quantity, p.buyer));
    const cart::Totals totals = cart::compute_totals(lines, p.cart->settings().delivery);
    for (const auto& s : totals.stores) {
        if (s.below_minimum) {
            problems.push_back({"stores." + s.store_id, "the store's minimum order is ₹" + s.minimum_order.to_string() +
                                                            "; this order has ₹" + s.goods.to_string() +
                                                            " of its goods"});
        }
    }
    if (!problems.empty()) {
        throw ApiError::conflict("below a store's minimum order", "BELOW_MINIMUM_ORDER", problems);
    }

    const auto key_of = [](const WantedItem& w) -> const ItemKey& { return w.key; };
    for (const std::size_t i : lock_order(wanted, key_of)) {
        const ItemKey& k = wanted[i].key;
        const bool taken =
            co_await catalog::Stock::take_in(tx, k.product_id, k.variant_type, k.variant_value, wanted[i].quantity);
        if (!taken) {
            throw ApiError::conflict("not enough stock", "OUT_OF_STOCK",
                                     {{item_field(i, "quantity"), "only " + std::to_string(matched[i]->stock) +
                                                                      " in stock when the order began"}});
        }
    }

    Outcome out;
    out.order = co_await OrdersRepository::insert_in(tx, new_order(p, wanted, matched, totals));
    if (out.order.state.method == PaymentMethod::wallet) out.wallet_events.push_back(co_await pay_in(tx, out.order));
    if (cart_id) co_await cart::CartService::clear_in(tx, *cart_id);
    out.notification =
        co_await notifications::NotificationsService::create_in(tx, p.buyer.user_id, status_notification(out.order));
    co_return out;
}

}  // namespace

Policy load_policy(const platform::core::Env& env) {
    Policy policy;
    long long days = std::chrono::floor<std::chrono::days>(policy.cashback_hold).count();
    platform::core::EnvReader reader(env);
    reader.integer("CASHBACK_HOLD_DAYS", days, 0, 365);
    reader.throw_if_invalid();
    policy.cashback_hold = std::chrono::days(days);
    return policy;
}

std::chrono::milliseconds load_sweep_interval(const platform::core::Env& env) {
    std::chrono::milliseconds interval = std::chrono::minutes(1);
    platform::core::EnvReader reader(env);
    reader.millis("ORDER_SWEEP_MS", interval, 100, 86'400'000);
    reader.throw_if_invalid();
    return interval;
}

OrdersService::OrdersService(platform::db::Database& db, cart::CartService& cart,
                             notifications::NotificationsService& notifications, payments::PaymentGateway& gateway,
                             platform::realtime::EventPublisher& events, Policy policy)
    : db_(db),
      repo_(db),
      cart_(cart),
      notifications_(notifications),
      gateway_(gateway),
      events_(events),
      policy_(policy) {}

asio::awaitable<Order> OrdersService::place(const cart::Buyer& buyer, PlaceOrder request) {
    Placing placing{&cart_, buyer, std::move(request)};
    Outcome out = co_await db_.transaction(place_in, std::move(placing));
    publish(out);
    if (out.order.state.method == PaymentMethod::card) {
        const payments::Charge charge = co_await gateway_.create_charge(out.order.id, out.order.total);
        co_await repo_.set_transaction(out.order.id, charge.transaction_id);
        out.order.transaction_id = charge.transaction_id;
    }
    co_return out.order;
}

asio::awaitable<Page> OrdersService::list(const std::string& user_id, const ListFilter& filter) {
    ListQuery query;
    query.user_id = user_id;
    query.statuses = filter.statuses;
    query.limit = std::clamp(filter.limit, 1, kMaxLimit) + 1;  // one more tells whether a next page exists
    if (filter.cursor) {
        query.after = platform::core::decode_cursor(*filter.cursor);
        if (!query.after) throw ApiError::invalid_field("cursor", "must be a cursor from a previous page");
    }
    Page page;
    page.items = co_await repo_.list(query);
    if (static_cast<int>(page.items.size()) == query.limit) {
        page.items.pop_back();
        page.next_cursor = platform::core::encode_cursor({page.items.back().created_at, page.items.back().id});
    }
    co_return page;
}

asio::awaitable<Order> OrdersService::visible(const Caller& caller, const std::string& id) {
    if (!platform::core::ObjectId::is_valid(id)) throw no_such_order();
    std::optional<Order> order = co_await repo_.find(id);
    if (!order) throw no_such_order();
    if (caller.actor == Actor::admin || order->user_id == caller.user_id) co_return std::move(*order);
    if (caller.actor == Actor::merchant) {
        const std::int64_t owned = co_await repo_.stores_owned(order->store_ids, caller.user_id);
        if (owned > 0) co_return std::move(*order);
    }
    throw no_such_order();
}

asio::awaitable<Order> OrdersService::get(const Caller& caller, const std::string& id) {
    co_return co_await visible(caller, id);
}

asio::awaitable<Order> OrdersService::cancel(const Caller& caller, const std::string& id) {
    const Order order = co_await visible(caller, id);
    if (order.user_id != caller.user_id) throw no_such_order();
    const Outcome out =
        co_await db_.transaction(change_in, id, Status::cancelled, Actor::customer, StatusRequest{}, policy_);
    publish(out);
    co_return out.order;
}

asio::awaitable<Order> OrdersService::change_status(const Caller& caller, const std::string& id,
                                                    StatusRequest request) {
    const Order order = co_await visible(caller, id);
    // Nobody moves their own order (a merchant or an admin who bought): marking it delivered would make
    // their review a verified purchase, and returning it would refund cash nobody paid.
    if (order.user_id == caller.user_id) {
        throw ApiError::forbidden("you cannot move your own order; cancel it as its customer");
    }
    if (caller.actor == Actor::merchant) {
        const std::int64_t owned = co_await repo_.stores_owned(order.store_ids, caller.user_id);
        if (owned != static_cast<std::int64_t>(order.store_ids.size())) {
            throw ApiError::forbidden("the order has items of stores you do not manage");
        }
    } else if (caller.actor != Actor::admin) {
        throw no_such_order();
    }
    const Status to = request.to;
    const Outcome out = co_await db_.transaction(change_in, id, to, caller.actor, std::move(request), policy_);
    publish(out);
    co_return out.order;
}

asio::awaitable<void> OrdersService::expire_unpaid() {
    const std::vector<std::string> ids = co_await repo_.unpaid_due(kExpiryBatch);
    for (const auto& id : ids) {
        try {
            const std::optional<Outcome> out = co_await db_.transaction(expire_in, id);
            if (out) publish(*out);
        } catch (const std::exception& e) {
            platform::core::log::warn("unpaid order not expired", {{"order", id}, {"error", e.what()}});
        }
    }
    if (!ids.empty()) platform::core::log::info("unpaid card orders checked", {{"count", ids.size()}});
}

asio::awaitable<Outcome> OrdersService::settle_in(Tx& tx, const payments::WebhookEvent& event) {
    std::optional<Order> order = co_await OrdersRepository::lock_by_transaction_in(tx, event.transaction_id);
    if (!order) throw ApiError::not_found("no order is paid by this transaction");
    if (event.amount != order->total) {
        throw ApiError(422, "AMOUNT_MISMATCH", "the amount is not the order's total",
                       {{"data.amount", "must be the order's total, " + order->total.to_string()}});
    }
    const bool succeeded = event.kind == payments::WebhookEvent::Kind::succeeded;
    if (succeeded && order->state.status == Status::cancelled && order->state.payment == PaymentStatus::failed) {
        co_return co_await refund_late_payment_in(tx, std::move(*order));
    }
    if (order->state.payment != PaymentStatus::pending || order->state.status != Status::placed) {
        throw ApiError::conflict("the order is not waiting for its payment", "PAYMENT_NOT_PENDING");
    }
    // A payment event never delivers nor returns an order: the default policy is never consulted.
    const StatusRequest nothing_more;
    if (!succeeded) {
        co_return co_await transition_in(tx, std::move(*order), Status::cancelled, Actor::system, nothing_more,
                                         Policy{});
    }
    order->state.payment = PaymentStatus::paid;
    co_return co_await transition_in(tx, std::move(*order), Status::confirmed, Actor::system, nothing_more, Policy{});
}

void OrdersService::publish(const Outcome& out) {
    events_.publish(order_status_event(out.order, out.previous));
    notifications_.publish_created(out.notification);
    for (const auto& e : out.wallet_events) events_.publish(e);
}

}  // namespace superapp::features::orders
