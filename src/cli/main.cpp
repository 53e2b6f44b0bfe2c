#include <csignal>
#include <cstdio>
#include <cstring>
#include <exception>
#include <string>

#include "commands.h"
#include "w2v/base/error.h"

namespace {

struct Subcommand {
  const char* name;
  int (*run)(int, char**);
  const char* summary;
};

const Subcommand kSubcommands[] = {
    {"train", w2v::cli::train_command, "train word vectors on a text corpus"},
    {"neighbors", w2v::cli::neighbors_command, "nearest words to a word (or a sum of words) by cosine"},
    {"analogy", w2v::cli::analogy_command, "answer \"A is to B as C is to ?\" (B - A + C)"},
    {"eval", w2v::cli::eval_command, "analogy accuracy and word similarity correlation of word vectors"},
};

void print_usage(std::FILE* out) {
  std::fprintf(out, "usage: w2v <command> [options]\n\ncommands:\n");
  for (const auto& c : kSubcommands) std::fprintf(out, "  %-10s %s\n", c.name, c.summary);
  std::fprintf(out, "\n'w2v <command> --help' shows the options of a command.\n");
}

}  // namespace

int main(int argc, char** argv) {
  // A file size limit (ulimit -f) then fails the write with EFBIG, reported
  // as an error naming the file, instead of killing the process.
  std::signal(SIGXFSZ, SIG_IGN);
  if (argc < 2) {
    print_usage(stderr);
    return 2;
  }
  const std::string name = argv[1];
  if (name == "-h" || name == "--help" || name == "help") {
    print_usage(stdout);
    return 0;
  }
  for (const auto& c : kSubcommands) {
    if (name != c.name) continue;
    try {
      return c.run(argc - 1, argv + 1);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "w2v %s: error: %s\n", c.name, e.what());
      return 1;
    }
  }
  std::fprintf(stderr, "w2v: error: unknown command '%s'\n", name.c_str());
  print_usage(stderr);
  return 2;
}
