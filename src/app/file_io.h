// Files psirt reads and writes outside its database: whole-file reads,
// atomic private writes (temporary file + fsync + rename, mode 0600, never
// through a symlink), output directories cleaned of what a killed run left,
// and appends to mailbox files. Embargoed data is private on disk.
#pragma once

#include <string>

#include "base/status.h"

namespace psirt {

// Reads a whole file; NotFound or Io with the path when it cannot.
Result<std::string> ReadFileText(const std::string& path);

// Writes `content` to `path` atomically: a hidden temporary file beside it
// (".NAME.psirt-tmp.PID", created 0600 with O_EXCL|O_NOFOLLOW), fsync,
// rename. A directory at `path` is an error that says so.
Status WriteFileAtomic(const std::string& path, const std::string& content);

// Creates `dir` (0700) when missing, and removes the temporary files of
// runs that were killed (their process no longer exists).
Status PrepareOutputDirectory(const std::string& dir);

// Appends `entry` to the mbox file at `path` in one write, fsynced. The
// file is created 0600; a symlink, a non-regular file, or an existing file
// that does not start with an mbox "From " line is refused.
Status AppendToMbox(const std::string& path, const std::string& entry);

// The suffix of temporary files, for tests.
inline constexpr const char* kTempMarker = ".psirt-tmp.";

}  // namespace psirt
