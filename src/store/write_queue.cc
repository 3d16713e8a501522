// The in-process write queue with group commit.
#include "store/write_queue.h"

#include <vector>

namespace psirt {

struct WriteQueue::Item {
  const std::function<Status(StoreTx&)>* fn;
  Status result;
  bool done = false;
  std::condition_variable finished;
};

WriteQueue::WriteQueue(std::unique_ptr<Store> writer, size_t batch)
    : writer_(std::move(writer)), batch_(batch == 0 ? 1 : batch), thread_([this] { Run(); }) {}

WriteQueue::~WriteQueue() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

Status WriteQueue::Write(const std::function<Status(StoreTx&)>& fn) {
  if (std::this_thread::get_id() == thread_.get_id())
    return Status::Internal("a queued write may not write again from inside its transaction");
  Item item{&fn, Status::Ok()};
  std::unique_lock<std::mutex> lock(mu_);
  if (stopping_) return Status::Io("the database's write queue has stopped");
  pending_.push_back(&item);
  wake_.notify_one();
  item.finished.wait(lock, [&] { return item.done; });
  return item.result;
}

std::uint64_t WriteQueue::commits() const {
  std::lock_guard<std::mutex> lock(mu_);
  return commits_;
}

void WriteQueue::Run() {
  std::vector<Item*> batch;
  std::vector<const std::function<Status(StoreTx&)>*> fns;
  std::vector<Status> results;
  for (;;) {
    {
      std::unique_lock<std::mutex> lock(mu_);
      wake_.wait(lock, [&] { return stopping_ || !pending_.empty(); });
      if (pending_.empty()) return;  // stopping, and nothing left
      batch.clear();
      while (!pending_.empty() && batch.size() < batch_) {
        batch.push_back(pending_.front());
        pending_.pop_front();
      }
    }
    fns.clear();
    for (Item* i : batch) fns.push_back(i->fn);
    results.assign(batch.size(), Status::Ok());
    Status st = writer_->WriteEach(fns, results);
    std::lock_guard<std::mutex> lock(mu_);
    if (st.ok()) ++commits_;
    for (size_t i = 0; i < batch.size(); ++i) {
      batch[i]->result = st.ok() ? results[i] : st;
      batch[i]->done = true;
      batch[i]->finished.notify_one();
    }
  }
}

namespace {

class Queued : public Store {
 public:
  Queued(std::unique_ptr<Store> reader, std::shared_ptr<WriteQueue> queue)
      : reader_(std::move(reader)), queue_(std::move(queue)) {}
  Status Write(const std::function<Status(StoreTx&)>& fn) override { return queue_->Write(fn); }
  Status Read(const std::function<Status(StoreTx&)>& fn) override { return reader_->Read(fn); }

 private:
  std::unique_ptr<Store> reader_;
  std::shared_ptr<WriteQueue> queue_;
};

}  // namespace

std::unique_ptr<Store> QueuedStore(std::unique_ptr<Store> reader, std::shared_ptr<WriteQueue> queue) {
  return std::make_unique<Queued>(std::move(reader), std::move(queue));
}

}  // namespace psirt
