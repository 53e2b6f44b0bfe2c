#include <cstdio>
#include <cstring>
#include <exception>
#include <string>
#include <vector>

#include "commands.h"
#include "processes.h"
#include "suggestion.h"
#include "w2v/base/error.h"
#include "word2vec_command.h"

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
    {"classes", w2v::cli::classes_command, "word classes by k-means on the vectors (word2vec.c's -classes)"},
};

void print_usage(std::FILE* out) {
  std::fprintf(out, "usage: w2v <command> [options]\n\ncommands:\n");
  for (const auto& c : kSubcommands) std::fprintf(out, "  %-10s %s\n", c.name, c.summary);
  std::fprintf(out, "\n'w2v <command> --help' shows the options of a command.\n");
  std::fprintf(out, "'w2v -train FILE -output FILE ...' runs word2vec.c's command line (its flags and defaults).\n");
}

// Runs a command; every error it throws ends here, as one line (and, in an
// MPI job, ends every rank).
int run(const std::string& label, int (*command)(int, char**), int argc, char** argv) {
  try {
    return command(argc, argv);
  } catch (const std::exception& e) {
    return w2v::cli::Processes::current().fail(label + ": error: " + e.what());
  }
}

}  // namespace

int main(int argc, char** argv) {
  w2v::cli::Processes processes(argc, argv);
  if (argc < 2) {
    print_usage(stderr);
    return 2;
  }
  const std::string name = argv[1];
  if (name == "-h" || name == "--help" || name == "help") {
    print_usage(stdout);
    return 0;
  }
  // word2vec.c's flags are single-dash words: -train, -size, ...
  if (name.size() > 2 && name[0] == '-' && name[1] != '-') return run("w2v", w2v::cli::word2vec_command, argc, argv);
  std::vector<std::string> names;
  for (const auto& c : kSubcommands) {
    if (name == c.name) return run(std::string("w2v ") + c.name, c.run, argc - 1, argv + 1);
    names.push_back(c.name);
  }
  std::fprintf(stderr, "w2v: error: unknown command '%s'%s\n", name.c_str(), w2v::cli::did_you_mean(name, names).c_str());
  print_usage(stderr);
  return 2;
}
