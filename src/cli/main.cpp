#include <cstdio>
#include <cstring>
#include <exception>
#include <string>

#include "commands.h"
#include "w2v/base/error.h"
#include "w2v/version.h"

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
  std::fprintf(out, "usage: w2v <command> [options]\n       w2v --version\n\ncommands:\n");
  for (const auto& c : kSubcommands) std::fprintf(out, "  %-10s %s\n", c.name, c.summary);
  std::fprintf(out, "\n'w2v help <command>' or 'w2v <command> --help' shows the options of a command.\n");
}

const Subcommand* find_subcommand(const std::string& name) {
  for (const auto& c : kSubcommands) {
    if (name == c.name) return &c;
  }
  std::fprintf(stderr, "w2v: error: unknown command '%s'\n", name.c_str());
  print_usage(stderr);
  return nullptr;
}

// Runs a subcommand; argv[0] is its name. Its errors end here.
int run(const Subcommand& c, int argc, char** argv) {
  try {
    return c.run(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "w2v %s: error: %s\n", c.name, e.what());
    return 1;
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    print_usage(stderr);
    return 2;
  }
  const std::string name = argv[1];
  if (name == "-h" || name == "--help" || (name == "help" && argc == 2)) {
    print_usage(stdout);
    return 0;
  }
  if (name == "-V" || name == "--version") {
    std::printf("w2v %s\n", w2v::kVersion);
    return 0;
  }
  if (name == "help") {
    // `w2v help CMD` is `w2v CMD --help`.
    if (argc > 3) {
      std::fprintf(stderr, "w2v help: error: expected one command, got %d\n", argc - 2);
      return 2;
    }
    const Subcommand* c = find_subcommand(argv[2]);
    if (!c) return 2;
    char help_option[] = "--help";
    char* help_argv[] = {argv[2], help_option, nullptr};
    return run(*c, 2, help_argv);
  }
  const Subcommand* c = find_subcommand(name);
  return c ? run(*c, argc - 1, argv + 1) : 2;
}
