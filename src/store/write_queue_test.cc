// The write queue: concurrent writers all stored, several per commit, a
// failing write undone alone, no write from inside a queued one.
#include "store/write_queue.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "testing/test_support.h"

namespace psirt {
namespace {

Event QueuedNote(const std::string& adv, int seq) {
  Event e;
  e.advisory = adv;
  e.seq = seq;
  e.actor = "w";
  e.time = Timestamp::FromUnix(1700000000 + seq);
  e.kind = EventKind::kNoted;
  e.payload = {{"text", "note"}};
  return e;
}

TEST(WriteQueue, ConcurrentWritersAreAllStoredInFewerCommits) {
  testing::TempDir dir;
  std::string path = dir / "q.db";
  ASSERT_TRUE(OpenSqliteStore(path, OpenMode::kCreate).ok());
  auto writer = OpenSqliteStore(path, OpenMode::kExisting);
  ASSERT_TRUE(writer.ok());
  auto queue = std::make_shared<WriteQueue>(std::move(*writer));
  constexpr int kWriters = 16, kEach = 20;
  std::atomic<int> acknowledged{0}, refused{0};
  std::vector<std::thread> threads;
  for (int w = 0; w < kWriters; ++w)
    threads.emplace_back([&, w] {
      auto reader = OpenSqliteStore(path, OpenMode::kExisting);
      ASSERT_TRUE(reader.ok());
      std::unique_ptr<Store> store = QueuedStore(std::move(*reader), queue);
      std::string adv = "A-2026-" + std::to_string(1000 + w);
      for (int i = 1; i <= kEach; ++i) {
        Status st = store->Write([&](StoreTx& tx) -> Status {
          PSIRT_ASSIGN_OR_RETURN(auto ev, tx.LoadEvents(adv));
          PSIRT_RETURN_IF_ERROR(tx.AppendEvent(QueuedNote(adv, static_cast<int>(ev.size()) + 1)));
          if (i % 5 == 0) return Status::Invalid("every fifth write changes its mind");
          return Status::Ok();
        });
        if (st.ok()) ++acknowledged;
        else if (st.code() == Status::Code::kInvalid) ++refused;
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(acknowledged.load(), kWriters * kEach * 4 / 5);
  EXPECT_EQ(refused.load(), kWriters * kEach / 5);
  EXPECT_LT(queue->commits(), static_cast<std::uint64_t>(kWriters * kEach)) << "writers that arrive together share a commit";
  // Every acknowledged write is stored, numbered without gaps: a refused
  // one was undone alone, not with the writes committed beside it.
  auto check = OpenSqliteStore(path, OpenMode::kExisting);
  ASSERT_TRUE(check.ok());
  ASSERT_TRUE((*check)->Read([&](StoreTx& tx) -> Status {
    for (int w = 0; w < kWriters; ++w) {
      PSIRT_ASSIGN_OR_RETURN(auto ev, tx.LoadEvents("A-2026-" + std::to_string(1000 + w)));
      EXPECT_EQ(ev.size(), static_cast<size_t>(kEach * 4 / 5));
      for (size_t i = 0; i < ev.size(); ++i) EXPECT_EQ(ev[i].seq, static_cast<int>(i) + 1);
    }
    return Status::Ok();
  }).ok());
}

TEST(WriteQueue, AWriteInsideAQueuedWriteIsRefusedNotDeadlocked) {
  testing::TempDir dir;
  std::string path = dir / "q.db";
  ASSERT_TRUE(OpenSqliteStore(path, OpenMode::kCreate).ok());
  auto writer = OpenSqliteStore(path, OpenMode::kExisting);
  auto reader = OpenSqliteStore(path, OpenMode::kExisting);
  ASSERT_TRUE(writer.ok() && reader.ok());
  auto queue = std::make_shared<WriteQueue>(std::move(*writer));
  std::unique_ptr<Store> store = QueuedStore(std::move(*reader), queue);
  Status inner;
  Status outer = store->Write([&](StoreTx&) -> Status {
    inner = store->Write([](StoreTx&) { return Status::Ok(); });
    return inner;
  });
  EXPECT_EQ(inner.code(), Status::Code::kInternal);
  EXPECT_EQ(outer.code(), Status::Code::kInternal);
}

}  // namespace
}  // namespace psirt
