// Change watches: which backend can watch, and the Store wrapper that
// marks a watch after each write of this process.
#include "store/postgres_api.h"
#include "store/store.h"

namespace psirt {

Result<std::unique_ptr<ChangeWatch>> WatchChanges(const std::string& location) {
  if (IsPostgresUrl(location)) return WatchPostgresChanges(location);
  return std::unique_ptr<ChangeWatch>();
}

namespace {

class Watched : public Store {
 public:
  Watched(std::unique_ptr<Store> inner, std::shared_ptr<ChangeWatch> watch)
      : inner_(std::move(inner)), watch_(std::move(watch)) {}
  Status Write(const std::function<Status(StoreTx&)>& fn) override {
    Status st = inner_->Write(fn);
    watch_->MarkChanged();  // also after a failure: a commit may have happened
    return st;
  }
  Status Read(const std::function<Status(StoreTx&)>& fn) override { return inner_->Read(fn); }
  Status WriteEach(std::span<const std::function<Status(StoreTx&)>* const> fns, std::span<Status> results) override {
    Status st = inner_->WriteEach(fns, results);
    watch_->MarkChanged();
    return st;
  }

 private:
  std::unique_ptr<Store> inner_;
  std::shared_ptr<ChangeWatch> watch_;
};

}  // namespace

std::unique_ptr<Store> WatchedStore(std::unique_ptr<Store> store, std::shared_ptr<ChangeWatch> watch) {
  return std::make_unique<Watched>(std::move(store), std::move(watch));
}

}  // namespace psirt
