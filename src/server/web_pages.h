// The web dashboard's error pages, also used by the server's admission
// step (server.cc) for requests refused before they reach a page handler.
#pragma once

#include "base/status.h"
#include "server/html.h"
#include "server/http_message.h"

namespace psirt {

struct ServerContext;
struct Principal;

// An error as a page: hidden and missing advisories give the same
// not-found page, "not signed in" sends the browser to the sign-in page,
// server-side failures say nothing of their cause.
void RenderWebError(ServerContext& ctx, const Principal& who, const Status& st, http::Response& res);

}  // namespace psirt
