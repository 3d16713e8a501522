// ZIP members read with libzip (see zip_archive.h).
#include "app/zip_archive.h"

#include <zip.h>

#include <memory>

namespace psirt {

Status ForEachZipMember(const std::string& path, std::uint64_t max_member,
                        const std::function<Status(const std::string& name, std::string content)>& fn) {
  int err = 0;
  zip_t* raw = zip_open(path.c_str(), ZIP_RDONLY, &err);
  if (!raw) {
    zip_error_t ze;
    zip_error_init_with_code(&ze, err);
    Status st = Status::Invalid(path + ": not a readable ZIP archive (" + zip_error_strerror(&ze) + ")");
    zip_error_fini(&ze);
    return st;
  }
  std::unique_ptr<zip_t, int (*)(zip_t*)> archive(raw, zip_close);
  zip_int64_t n = zip_get_num_entries(raw, 0);
  for (zip_int64_t i = 0; i < n; ++i) {
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(raw, i, 0, &st) != 0 || !st.name) return Status::Invalid(path + ": member " + std::to_string(i) + " unreadable");
    std::string name = st.name;
    if (!name.empty() && name.back() == '/') continue;  // a folder
    if (st.size > max_member)
      return Status::Invalid(path + ": " + name + ": " + std::to_string(st.size) + " bytes, more than the " +
                             std::to_string(max_member) + " a record may have");
    std::unique_ptr<zip_file_t, int (*)(zip_file_t*)> f(zip_fopen_index(raw, i, 0), zip_fclose);
    if (!f) return Status::Invalid(path + ": " + name + ": " + zip_strerror(raw));
    std::string content(st.size, '\0');
    zip_int64_t got = st.size ? zip_fread(f.get(), content.data(), st.size) : 0;
    if (got < 0 || static_cast<zip_uint64_t>(got) != st.size)
      return Status::Invalid(path + ": " + name + ": truncated or corrupt member");
    PSIRT_RETURN_IF_ERROR(fn(name, std::move(content)));
  }
  return Status::Ok();
}

}  // namespace psirt
