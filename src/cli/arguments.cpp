#include "arguments.h"

#include <cstdio>

namespace w2v::cli {

std::optional<cxxopts::ParseResult> parse_arguments(cxxopts::Options& parser, int argc, char** argv) {
  cxxopts::ParseResult args;
  try {
    args = parser.parse(argc, argv);
  } catch (const cxxopts::exceptions::exception& e) {
    throw Error(e.what());
  }
  if (args.count("help")) {
    std::printf("%s\n", parser.help().c_str());
    return std::nullopt;
  }
  return args;
}

void reject_extra_arguments(const cxxopts::ParseResult& args) {
  if (!args.unmatched().empty()) throw Error("unexpected argument '" + args.unmatched().front() + "'");
}

std::size_t positive_option(const cxxopts::ParseResult& args, const std::string& name) {
  const auto value = option_value<long long>(args, name);
  if (value < 1) throw Error("--" + name + ": must be at least 1");
  return static_cast<std::size_t>(value);
}

}  // namespace w2v::cli
