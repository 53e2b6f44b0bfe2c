#include "w2v/dist/mpi_process_group.h"

#include <mpi.h>

#include <climits>
#include <cstdio>
#include <cstdlib>

#include "w2v/base/error.h"

namespace w2v {
namespace {

// MPI counts are ints: large buffers go in pieces of at most this many elements.
constexpr std::size_t kMaxCount = std::size_t{1} << 30;

// In place when `values` is null.
template <class T>
void sum_in_pieces(const T* values, std::span<T> totals, MPI_Datatype type) {
  for (std::size_t done = 0; done < totals.size(); done += kMaxCount) {
    const auto n = static_cast<int>(std::min(kMaxCount, totals.size() - done));
    MPI_Allreduce(values ? values + done : MPI_IN_PLACE, totals.data() + done, n, type, MPI_SUM, MPI_COMM_WORLD);
  }
}

// Displacements for the variable-size collectives; refuses totals past int.
std::vector<int> displacements(const std::vector<int>& counts) {
  std::vector<int> at(counts.size());
  long long total = 0;
  for (std::size_t i = 0; i < counts.size(); ++i) {
    if (total > INT_MAX) throw Error("MPI: more than 2 GB in one exchange");
    at[i] = static_cast<int>(total);
    total += counts[i];
  }
  if (total > INT_MAX) throw Error("MPI: more than 2 GB in one exchange");
  return at;
}

int size_of(const std::string& bytes) {
  if (bytes.size() > INT_MAX) throw Error("MPI: more than 2 GB in one message");
  return static_cast<int>(bytes.size());
}

}  // namespace

bool MpiProcessGroup::launched() {
  return std::getenv("OMPI_COMM_WORLD_SIZE") || std::getenv("PMI_SIZE") || std::getenv("PMIX_RANK");
}

MpiProcessGroup::MpiProcessGroup(int& argc, char**& argv) {
  int provided = 0;
  MPI_Init_thread(&argc, &argv, MPI_THREAD_FUNNELED, &provided);
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
  if (provided < MPI_THREAD_FUNNELED) abort("MPI does not support threads (MPI_THREAD_FUNNELED)");
}

MpiProcessGroup::~MpiProcessGroup() { MPI_Finalize(); }

void MpiProcessGroup::sum(std::span<std::uint64_t> values) {
  sum_in_pieces(static_cast<const std::uint64_t*>(nullptr), values, MPI_UINT64_T);
}

void MpiProcessGroup::sum(std::span<const float> values, std::span<float> totals) {
  if (values.size() != totals.size()) throw Error("internal error: MPI sum of spans of different sizes");
  sum_in_pieces(values.data(), totals, MPI_FLOAT);
}

std::vector<std::string> MpiProcessGroup::exchange(const std::vector<std::string>& send) {
  const auto n = static_cast<std::size_t>(size_);
  std::vector<int> send_counts(n), receive_counts(n);
  std::string sent;
  for (std::size_t p = 0; p < n; ++p) {
    send_counts[p] = size_of(send[p]);
    sent += send[p];
  }
  MPI_Alltoall(send_counts.data(), 1, MPI_INT, receive_counts.data(), 1, MPI_INT, MPI_COMM_WORLD);
  const std::vector<int> send_at = displacements(send_counts), receive_at = displacements(receive_counts);
  std::string received(static_cast<std::size_t>(receive_at.back()) + static_cast<std::size_t>(receive_counts.back()), '\0');
  MPI_Alltoallv(sent.data(), send_counts.data(), send_at.data(), MPI_BYTE, received.data(), receive_counts.data(),
                receive_at.data(), MPI_BYTE, MPI_COMM_WORLD);
  std::vector<std::string> result(n);
  for (std::size_t p = 0; p < n; ++p) {
    result[p] = received.substr(static_cast<std::size_t>(receive_at[p]), static_cast<std::size_t>(receive_counts[p]));
  }
  return result;
}

std::vector<std::string> MpiProcessGroup::gather(const std::string& bytes) {
  const auto n = static_cast<std::size_t>(size_);
  int mine = size_of(bytes);
  std::vector<int> counts(n);
  MPI_Allgather(&mine, 1, MPI_INT, counts.data(), 1, MPI_INT, MPI_COMM_WORLD);
  const std::vector<int> at = displacements(counts);
  std::string all(static_cast<std::size_t>(at.back()) + static_cast<std::size_t>(counts.back()), '\0');
  MPI_Allgatherv(bytes.data(), mine, MPI_BYTE, all.data(), counts.data(), at.data(), MPI_BYTE, MPI_COMM_WORLD);
  std::vector<std::string> result(n);
  for (std::size_t p = 0; p < n; ++p) {
    result[p] = all.substr(static_cast<std::size_t>(at[p]), static_cast<std::size_t>(counts[p]));
  }
  return result;
}

void MpiProcessGroup::barrier() { MPI_Barrier(MPI_COMM_WORLD); }

void MpiProcessGroup::abort(const std::string& message) const {
  std::fprintf(stderr, "%s\n", message.c_str());
  std::fflush(stderr);
  MPI_Abort(MPI_COMM_WORLD, 1);
  std::_Exit(1);  // MPI_Abort does not return; in case it does
}

}  // namespace w2v
