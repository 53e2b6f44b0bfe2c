#pragma once
// Several "processes" as threads of this one: a ProcessGroup for testing
// what the MPI build does (the count exchange, ModelSync) without MPI.
#include <barrier>
#include <cstring>
#include <functional>
#include <thread>
#include <vector>

#include "w2v/base/process_group.h"

namespace w2v::test {

class ThreadsGroup {
 public:
  explicit ThreadsGroup(int size)
      : size_(size),
        barrier_(size),
        posted_(static_cast<std::size_t>(size)),
        posted_floats_(static_cast<std::size_t>(size)),
        sent_(static_cast<std::size_t>(size)) {}

  // Runs f(group) on `size` threads, each with its own member of the group.
  void run(const std::function<void(ProcessGroup&)>& f) {
    std::vector<std::thread> threads;
    for (int r = 0; r < size_; ++r) {
      threads.emplace_back([this, r, &f] {
        Member member(*this, r);
        f(member);
      });
    }
    for (auto& t : threads) t.join();
  }

 private:
  class Member : public ProcessGroup {
   public:
    Member(ThreadsGroup& group, int rank) : group_(group), rank_(rank) {}
    int rank() const override { return rank_; }
    int size() const override { return group_.size_; }
    void sum(std::span<std::uint64_t> values) override { add_up<std::uint64_t>(values, values, group_.posted_); }
    void sum(std::span<const float> values, std::span<float> totals) override {
      add_up<float>(values, totals, group_.posted_floats_);
    }
    std::vector<std::string> exchange(const std::vector<std::string>& send) override {
      group_.barrier_.arrive_and_wait();
      group_.sent_[static_cast<std::size_t>(rank_)] = send;
      group_.barrier_.arrive_and_wait();
      std::vector<std::string> received;
      for (const auto& from : group_.sent_) received.push_back(from[static_cast<std::size_t>(rank_)]);
      group_.barrier_.arrive_and_wait();
      return received;
    }
    std::vector<std::string> gather(const std::string& bytes) override {
      std::vector<std::string> all(static_cast<std::size_t>(size()));
      for (int p = 0; p < size(); ++p) {
        std::vector<std::string> send(static_cast<std::size_t>(size()), p == rank_ ? bytes : std::string());
        all[static_cast<std::size_t>(p)] = exchange(send)[static_cast<std::size_t>(p)];
      }
      return all;
    }
    void barrier() override { group_.barrier_.arrive_and_wait(); }

   private:
    // Every member posts its values, then sums all of them in rank order.
    template <class T>
    void add_up(std::span<const T> values, std::span<T> totals, std::vector<std::vector<T>>& posted) {
      posted[static_cast<std::size_t>(rank_)].assign(values.begin(), values.end());
      group_.barrier_.arrive_and_wait();
      for (std::size_t i = 0; i < totals.size(); ++i) {
        T total{};
        for (const auto& v : posted) total += v[i];
        totals[i] = total;
      }
      group_.barrier_.arrive_and_wait();
    }

    ThreadsGroup& group_;
    int rank_;
  };

  int size_;
  std::barrier<> barrier_;
  std::vector<std::vector<std::uint64_t>> posted_;
  std::vector<std::vector<float>> posted_floats_;
  // Sized once here: members resizing it together raced (a crash in 1 of 4
  // runs of the 4-process test).
  std::vector<std::vector<std::string>> sent_;
};

}  // namespace w2v::test
