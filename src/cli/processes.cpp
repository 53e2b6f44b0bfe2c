#include "processes.h"

#include <cstdio>

#ifdef W2V_MPI
#include <pthread.h>

#include <csignal>

#include "w2v/dist/mpi_process_group.h"
#endif

namespace w2v::cli {
namespace {

Processes* current_processes = nullptr;

}  // namespace

Processes::Processes([[maybe_unused]] int& argc, [[maybe_unused]] char**& argv) {
#ifdef W2V_MPI
  if (MpiProcessGroup::launched()) {
    // The threads MPI starts must not take SIGINT and SIGTERM, whose default
    // ends the process: `w2v train` stops every rank together on them
    // (SignalWatcher). They inherit this thread's mask, restored after.
    sigset_t signals, before;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, &before);
    group_ = std::make_unique<MpiProcessGroup>(argc, argv);
    pthread_sigmask(SIG_SETMASK, &before, nullptr);
  }
#endif
  if (!group_) group_ = std::make_unique<SingleProcess>();
  current_processes = this;
}

Processes::~Processes() { current_processes = nullptr; }

Processes& Processes::current() { return *current_processes; }

int Processes::fail(const std::string& message) {
#ifdef W2V_MPI
  if (group_->size() > 1) {
    static_cast<MpiProcessGroup&>(*group_).abort("rank " + std::to_string(group_->rank()) + " of " +
                                                 std::to_string(group_->size()) + ": " + message);
  }
#endif
  std::fprintf(stderr, "%s\n", message.c_str());
  return 1;
}

}  // namespace w2v::cli
