#pragma once
// Command-line handling shared by the commands that read a vectors file.
#include <cxxopts.hpp>
#include <string>

#include "w2v/vectors/word_vectors.h"

namespace w2v::cli {

// Adds VECTORS (the first positional argument), --limit and --help.
void add_vectors_options(cxxopts::Options& parser);

// Reads VECTORS, keeping the first --limit rows when given.
WordVectors load_vectors(const cxxopts::ParseResult& args);

}  // namespace w2v::cli
