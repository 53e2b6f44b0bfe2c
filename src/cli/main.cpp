#include <algorithm>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <exception>
#include <string>
#include <vector>

#include "commands.h"
#include "processes.h"
#include "suggestion.h"
#include "w2v/base/error.h"
#include "w2v/train/kernel_isa.h"
#include "w2v/version.h"
#include "word2vec_command.h"

namespace {

struct Subcommand {
  const char* name;
  int (*run)(int, char**);
  const char* summary;
};

const Subcommand kSubcommands[] = {
    {"train", w2v::cli::train_command, "train word vectors on a text corpus"},
    {"phrases", w2v::cli::phrases_command, "join collocations such as new_york into one token (word2phrase)"},
    {"neighbors", w2v::cli::neighbors_command, "nearest words by cosine to a word, or to king - man + woman"},
    {"analogy", w2v::cli::analogy_command, "answer \"A is to B as C is to ?\" (B - A + C)"},
    {"similarity", w2v::cli::similarity_command, "cosine similarity of two words"},
    {"doesnt-match", w2v::cli::doesnt_match_command, "which word of a list doesn't go with the others"},
    {"convert", w2v::cli::convert_command, "convert word vectors: text, binary, TensorBoard projector TSV"},
    {"map", w2v::cli::map_command, "draw a 2-D map of words (PCA or t-SNE) as an SVG picture"},
    {"eval", w2v::cli::eval_command, "analogy accuracy and word similarity correlation of word vectors"},
    {"classes", w2v::cli::classes_command, "word classes by k-means on the vectors (word2vec.c's -classes)"},
};

void print_usage(std::FILE* out) {
  std::fprintf(out, "usage: w2v <command> [options]\n       w2v --version\n\ncommands:\n");
  int width = 0;
  for (const auto& c : kSubcommands) width = std::max(width, static_cast<int>(std::strlen(c.name)));
  for (const auto& c : kSubcommands) std::fprintf(out, "  %-*s  %s\n", width, c.name, c.summary);
  std::fprintf(out, "\n'w2v help <command>' or 'w2v <command> --help' shows the options of a command.\n");
  std::fprintf(out, "'w2v -train FILE -output FILE ...' runs word2vec.c's command line (its flags and defaults).\n");
}

// The subcommand called `name`, or nullptr after saying so (with a suggestion).
const Subcommand* find_subcommand(const std::string& name) {
  std::vector<std::string> names;
  for (const auto& c : kSubcommands) {
    if (name == c.name) return &c;
    names.push_back(c.name);
  }
  std::fprintf(stderr, "w2v: error: unknown command '%s'%s\n", name.c_str(), w2v::cli::did_you_mean(name, names).c_str());
  print_usage(stderr);
  return nullptr;
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

// --version: the project's version and the training kernels a run would
// use, of those in this build (W2V_ISA chooses another).
int print_version(int /*argc*/, char** /*argv*/) {
  const w2v::Isa isa = w2v::training_isa();
  std::printf("w2v %s\ntraining kernels: %s (this build has %s)\n", w2v::kVersion, std::string(w2v::isa_name(isa)).c_str(),
              w2v::compiled_isa_names().c_str());
  return 0;
}

int run(const Subcommand& c, int argc, char** argv) { return run(std::string("w2v ") + c.name, c.run, argc, argv); }

}  // namespace

int main(int argc, char** argv) {
  // A file size limit (ulimit -f) then fails the write with EFBIG, reported
  // as an error naming the file, instead of killing the process.
  std::signal(SIGXFSZ, SIG_IGN);
  w2v::cli::Processes processes(argc, argv);
  if (argc < 2) {
    print_usage(stderr);
    return 2;
  }
  const std::string name = argv[1];
  if (name == "-h" || name == "--help" || (name == "help" && argc == 2)) {
    print_usage(stdout);
    return 0;
  }
  if (name == "-V" || name == "--version") return run("w2v", print_version, argc, argv);
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
  // word2vec.c's flags are single-dash words: -train, -size, ...
  if (name.size() > 2 && name[0] == '-' && name[1] != '-') return run("w2v", w2v::cli::word2vec_command, argc, argv);
  const Subcommand* c = find_subcommand(name);
  return c ? run(*c, argc - 1, argv + 1) : 2;
}
