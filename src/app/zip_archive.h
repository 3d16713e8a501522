// Reading the members of a ZIP archive (osv.dev publishes each ecosystem's
// records as one all.zip) through libzip: every regular member's name and
// content, each bounded in size before it is read.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "base/status.h"

namespace psirt {

// Calls `fn(name, content)` for each file member of the archive at `path`
// in archive order; stops at the first error `fn` returns. Members larger
// than `max_member` bytes are an error naming them.
Status ForEachZipMember(const std::string& path, std::uint64_t max_member,
                        const std::function<Status(const std::string& name, std::string content)>& fn);

}  // namespace psirt
