// StorePool: one database connection per concurrent request. The server's
// worker threads borrow a Store for the length of a request and give it
// back. The server opens one per worker before it serves (Fill), so no
// request waits for a connection to be set up; more are opened on demand
// (jobs) and kept for reuse.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "base/status.h"
#include "store/store.h"

namespace psirt {

// Store connections shared by the server's workers.
class StorePool {
 public:
  using Opener = std::function<Result<std::unique_ptr<Store>>()>;
  explicit StorePool(Opener opener) : opener_(std::move(opener)) {}

  // A borrowed connection, returned to the pool when it goes out of scope.
  class Lease {
   public:
    Lease(StorePool* pool, std::unique_ptr<Store> store) : pool_(pool), store_(std::move(store)) {}
    Lease(Lease&&) = default;
    ~Lease() {
      if (store_) pool_->Return(std::move(store_));
    }
    Store& operator*() const { return *store_; }
    Store* operator->() const { return store_.get(); }

   private:
    StorePool* pool_;
    std::unique_ptr<Store> store_;
  };

  // Opens connections until `n` are idle, each given to `warm` first.
  Status Fill(size_t n, const std::function<Status(Store&)>& warm = nullptr) {
    for (;;) {
      {
        std::lock_guard<std::mutex> lock(mu_);
        if (idle_.size() >= n) return Status::Ok();
      }
      PSIRT_ASSIGN_OR_RETURN(std::unique_ptr<Store> s, opener_());
      if (warm) PSIRT_RETURN_IF_ERROR(warm(*s));
      Return(std::move(s));
    }
  }

  // Connections idle in the pool.
  size_t idle() {
    std::lock_guard<std::mutex> lock(mu_);
    return idle_.size();
  }

  Result<Lease> Acquire() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (!idle_.empty()) {
        std::unique_ptr<Store> s = std::move(idle_.back());
        idle_.pop_back();
        return Lease(this, std::move(s));
      }
    }
    PSIRT_ASSIGN_OR_RETURN(std::unique_ptr<Store> s, opener_());
    return Lease(this, std::move(s));
  }

 private:
  void Return(std::unique_ptr<Store> s) {
    std::lock_guard<std::mutex> lock(mu_);
    idle_.push_back(std::move(s));
  }

  Opener opener_;
  std::mutex mu_;
  std::vector<std::unique_ptr<Store>> idle_;
};

}  // namespace psirt
