// References from a backport commit's message to the upstream commit it
// carries: "(cherry picked from commit X)" trailers (git cherry-pick -x,
// backport bots) and "commit X upstream" lines (stable-kernel style). Pure.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace psirt {

// How a backport was recognised: ancestry, trailer, upstream line or patch-id.
enum class BackportMethod { kAncestor, kTrailer, kUpstreamLine, kPatchId };
std::string_view BackportMethodName(BackportMethod m);  // ancestor, trailer, upstream-line, patch-id

// A reference from a backport commit to the upstream commit it carries.
struct BackportRef {
  std::string sha;  // lower-case hex as written (7..40 digits)
  BackportMethod method;
};

std::vector<BackportRef> ParseBackportRefs(std::string_view message);

}  // namespace psirt
