#pragma once
#include <boost/json/object.hpp>

#include "features/videos/model.hpp"
#include "platform/realtime/event_bus.hpp"

namespace superapp::features::videos {

/// A video as the API shows it (the seed's shape; `products` are ids, `engagement` counts). Pure.
boost::json::object video_json(const Video& v);
boost::json::object engagement_json(const Engagement& e);
boost::json::object category_json(const Category& c);
boost::json::object comment_json(const Comment& c);
/// The `video_engagement` event for the rooms "video:<id>" and "user:<creator>". Pure.
platform::realtime::Event engagement_event(const EngagementChange& change);

}  // namespace superapp::features::videos
