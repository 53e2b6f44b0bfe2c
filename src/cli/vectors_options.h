#pragma once
// Command-line handling shared by the commands that read a vectors file.
#include <cxxopts.hpp>
#include <string>

#include "w2v/word_vectors.h"

namespace w2v::cli {

// Adds VECTORS (the first positional argument), --limit and --help.
void add_vectors_options(cxxopts::Options& parser);

// Parses argv, reporting cxxopts' complaints as Error.
cxxopts::ParseResult parse_arguments(cxxopts::Options& parser, int argc, char** argv);

// Reads VECTORS, keeping the first --limit rows when given.
WordVectors load_vectors(const cxxopts::ParseResult& args);

// The value of a numeric option that must be at least 1.
std::size_t positive_option(const cxxopts::ParseResult& args, const char* name);

}  // namespace w2v::cli
