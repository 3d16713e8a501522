// Tag objects peeled through the object store (see tag_objects.h).
#include "git/tag_objects.h"

#include "git/raw_bytes.h"

namespace psirt::git {

std::optional<TagObjects::Object> TagObjects::Read(const std::string& sha, size_t limit) {
  auto obj = store_.Read(sha);
  if (!obj) return std::nullopt;
  return Object{obj->type, obj->body.substr(0, limit)};
}

std::optional<std::string> TagObjects::Target(const std::string& sha) {
  auto obj = Read(sha);
  if (!obj || obj->type != "tag" || obj->body.compare(0, 7, "object ") != 0 || obj->body.size() < 48 ||
      obj->body[47] != '\n')
    return std::nullopt;
  std::string target = obj->body.substr(7, 40);
  unsigned char check[20];
  if (!HexToRaw(target, check, 20)) return std::nullopt;
  return target;
}

}  // namespace psirt::git
