#include "app/demo_data.hpp"

#include "features/users/demo_data.hpp"

namespace superapp::app {

const std::vector<DemoData>& demo_data() {
    // Each feature that owns tables adds its entry here, in dependency order.
    static const std::vector<DemoData> all = {
        {"users", features::users::demo::has_data, features::users::demo::load},
    };
    return all;
}

}  // namespace superapp::app
