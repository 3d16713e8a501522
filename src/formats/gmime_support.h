// GMime plumbing shared by the e-mail reader and writer (formats only):
// one-time library initialisation and owning pointers for GObjects.
#pragma once

#include <gmime/gmime.h>

#include <memory>
#include <mutex>

namespace psirt {

inline void InitGmime() {
  static std::once_flag once;
  std::call_once(once, [] { g_mime_init(); });
}

// Unrefs a GObject (for GPtr).
struct GObjectUnref {
  void operator()(void* p) const {
    if (p) g_object_unref(p);
  }
};
template <typename T>
// An owning pointer to a GObject.
using GPtr = std::unique_ptr<T, GObjectUnref>;

}  // namespace psirt
