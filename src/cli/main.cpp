#include <algorithm>
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
    {"phrases", w2v::cli::phrases_command, "join collocations such as new_york into one token (word2phrase)"},
    {"neighbors", w2v::cli::neighbors_command, "nearest words by cosine to a word, or to king - man + woman"},
    {"analogy", w2v::cli::analogy_command, "answer \"A is to B as C is to ?\" (B - A + C)"},
    {"similarity", w2v::cli::similarity_command, "cosine similarity of two words"},
    {"doesnt-match", w2v::cli::doesnt_match_command, "which word of a list doesn't go with the others"},
    {"convert", w2v::cli::convert_command, "convert word vectors: text, binary, TensorBoard projector TSV"},
    {"map", w2v::cli::map_command, "draw a 2-D map of words (PCA or t-SNE) as an SVG picture"},
    {"eval", w2v::cli::eval_command, "analogy accuracy and word similarity correlation of word vectors"},
};

void print_usage(std::FILE* out) {
  std::fprintf(out, "usage: w2v <command> [options]\n\ncommands:\n");
  int width = 0;
  for (const auto& c : kSubcommands) width = std::max(width, static_cast<int>(std::strlen(c.name)));
  for (const auto& c : kSubcommands) std::fprintf(out, "  %-*s  %s\n", width, c.name, c.summary);
  std::fprintf(out, "\n'w2v <command> --help' shows the options of a command.\n");
}

}  // namespace

int main(int argc, char** argv) {
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
