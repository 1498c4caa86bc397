#include "app/demo_data.hpp"

namespace superapp::app {

const std::vector<DemoData>& demo_data() {
    // Each feature that owns tables adds its entry here, in dependency order.
    static const std::vector<DemoData> all = {};
    return all;
}

}  // namespace superapp::app
