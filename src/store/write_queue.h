// WriteQueue: a process's writes to one SQLite database, through one
// connection, in arrival order and several in one transaction (group
// commit). Each write runs in its own savepoint, so one that fails is undone
// alone; each is acknowledged only after the commit that holds it, so an
// acknowledged write is stored. Writers no longer wait in SQLite's busy
// handler for each other: under 50 concurrent writers one commit (one fsync)
// serves all that arrived while the previous one was being written.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

#include "base/status.h"
#include "store/store.h"

namespace psirt {

// Queues writes onto one connection and commits them in groups.
class WriteQueue {
 public:
  // Takes the connection all queued writes use. At most `batch` writes
  // share one transaction.
  explicit WriteQueue(std::unique_ptr<Store> writer, size_t batch = 64);
  // Finishes the writes already queued, then stops.
  ~WriteQueue();
  WriteQueue(const WriteQueue&) = delete;
  WriteQueue& operator=(const WriteQueue&) = delete;

  // Runs `fn` in a write transaction on the queue's connection and returns
  // its outcome once committed (or the transaction's error). `fn` runs on
  // the queue's thread while the caller waits; it must not write itself.
  Status Write(const std::function<Status(StoreTx&)>& fn);

  // Transactions committed so far (each holds one or more writes).
  std::uint64_t commits() const;

 private:
  struct Item;
  void Run();

  std::unique_ptr<Store> writer_;
  size_t batch_;
  mutable std::mutex mu_;
  std::condition_variable wake_;
  std::deque<Item*> pending_;
  bool stopping_ = false;
  std::uint64_t commits_ = 0;
  std::thread thread_;
};

// A Store that reads through `reader` (a connection of its own) and writes
// through `queue`, shared by every such Store of the process.
std::unique_ptr<Store> QueuedStore(std::unique_ptr<Store> reader, std::shared_ptr<WriteQueue> queue);

}  // namespace psirt
