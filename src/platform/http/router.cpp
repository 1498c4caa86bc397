#include "platform/http/router.hpp"

#include <map>
#include <stdexcept>

namespace superapp::platform::http {

struct Router::Node {
    std::map<std::string, std::unique_ptr<Node>, std::less<>> statics;
    std::unique_ptr<Node> param;
    std::string param_name;
    std::array<const Route*, kMethodCount> routes{};
};

namespace {

/// Splits "/a/b/c" into {"a","b","c"}; a trailing slash is ignored ("/a/" == "/a").
std::vector<std::string_view> split_path(std::string_view path) {
    std::vector<std::string_view> segments;
    if (path.empty() || path.front() != '/') return segments;
    std::size_t start = 1;
    while (start <= path.size()) {
        std::size_t end = path.find('/', start);
        if (end == std::string_view::npos) end = path.size();
        std::string_view segment = path.substr(start, end - start);
        if (!segment.empty() || end != path.size()) segments.push_back(segment);
        start = end + 1;
    }
    return segments;
}

}  // namespace

Router::Router() : root_(std::make_unique<Node>()) {}
Router::~Router() = default;

void Router::add(Method method, std::string_view pattern, Role role, Handler handler, BodyKind body,
                 std::optional<std::size_t> max_body_bytes, AuthorizationBy authorization) {
    if (pattern.empty() || pattern.front() != '/') {
        throw std::logic_error("route pattern must start with '/': " + std::string(pattern));
    }
    Node* node = root_.get();
    for (std::string_view segment : split_path(pattern)) {
        if (segment.empty()) throw std::logic_error("empty segment in route pattern: " + std::string(pattern));
        if (segment.front() == ':') {
            std::string name(segment.substr(1));
            if (name.empty()) throw std::logic_error("unnamed parameter in route pattern: " + std::string(pattern));
            if (!node->param) {
                node->param = std::make_unique<Node>();
                node->param_name = name;
            } else if (node->param_name != name) {
                throw std::logic_error("parameter :" + name + " conflicts with :" + node->param_name + " in " +
                                       std::string(pattern));
            }
            node = node->param.get();
        } else {
            auto& child = node->statics[std::string(segment)];
            if (!child) child = std::make_unique<Node>();
            node = child.get();
        }
    }
    auto& slot = node->routes[static_cast<int>(method)];
    if (slot) {
        throw std::logic_error("duplicate route " + std::string(method_name(method)) + " " + std::string(pattern));
    }
    routes_.push_back(std::make_unique<Route>(
        Route{method, std::string(pattern), role, std::move(handler), body, max_body_bytes, authorization}));
    slot = routes_.back().get();
}

namespace {

struct MatchState {
    const std::vector<std::string_view>& segments;
    Method method;
    std::vector<std::string_view> values;  // parameter values along the current branch
    const Route* route = nullptr;
    const Router::Node* path_node = nullptr;  // first full-path node with any route, for 405
};

const Route* route_for(const Router::Node* node, Method method) {
    if (const Route* r = node->routes[static_cast<int>(method)]) return r;
    if (method == Method::head) return node->routes[static_cast<int>(Method::get)];
    return nullptr;
}

bool has_any_route(const Router::Node* node) {
    for (const Route* r : node->routes) {
        if (r) return true;
    }
    return false;
}

// Depth-first, static child before the parameter child, backtracking on a dead end.
bool walk(const Router::Node* node, std::size_t depth, MatchState& state) {
    if (depth == state.segments.size()) {
        if ((state.route = route_for(node, state.method))) return true;
        if (!state.path_node && has_any_route(node)) state.path_node = node;
        return false;
    }
    const std::string_view segment = state.segments[depth];
    if (auto it = node->statics.find(segment); it != node->statics.end()) {
        if (walk(it->second.get(), depth + 1, state)) return true;
    }
    if (node->param && !segment.empty()) {
        state.values.push_back(segment);
        if (walk(node->param.get(), depth + 1, state)) return true;
        state.values.pop_back();
    }
    return false;
}

}  // namespace

RouteMatch Router::match(Method method, std::string_view path) const {
    const std::vector<std::string_view> segments = split_path(path);
    if (segments.empty() && path != "/") return {};

    MatchState state{segments, method, {}};
    RouteMatch result;
    if (walk(root_.get(), 0, state)) {
        result.route = state.route;
        std::size_t next_value = 0;
        for (std::string_view part : split_path(state.route->pattern)) {
            if (!part.empty() && part.front() == ':') {
                result.params.emplace_back(std::string(part.substr(1)), std::string(state.values[next_value++]));
            }
        }
        return result;
    }
    if (state.path_node) {
        for (int i = 0; i < kMethodCount; ++i) {
            if (state.path_node->routes[i]) result.allowed.push_back(static_cast<Method>(i));
        }
        if (state.path_node->routes[static_cast<int>(Method::get)] &&
            !state.path_node->routes[static_cast<int>(Method::head)]) {
            result.allowed.push_back(Method::head);
        }
    }
    return result;
}

void ApiRoutes::add(Method method, std::string_view path, Role role, Handler h, BodyKind body,
                    std::optional<std::size_t> max_body_bytes) {
    router_.add(method, std::string(kApiPrefix) + std::string(path), role, h, body, max_body_bytes);
    router_.add(method, std::string(kApiAlias) + std::string(path), role, std::move(h), body, max_body_bytes);
}

}  // namespace superapp::platform::http
