#pragma once
#include <boost/json/value.hpp>

#include "features/homepage/model.hpp"

namespace superapp::features::homepage {

/// Reads a banner from a POST or PUT body. Throws ValidationFailed (422) naming every bad field:
/// title (1..120), subtitle (..200), image (an https URL or /uploads/ path, ..500), link (an https
/// URL or superapp:// deeplink, ..500), position (0..1000), startsAt/endsAt (ISO-8601, endsAt after
/// startsAt), isActive (boolean). Pure.
BannerInput read_banner(const boost::json::value& body);

}  // namespace superapp::features::homepage
