#include "arguments.h"

#include <charconv>
#include <cstdio>
#include <utility>

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

std::size_t positive_option(const cxxopts::ParseResult& args, const std::string& name) {
  const auto value = option_value<long long>(args, name);
  if (value < 1) throw Error("--" + name + ": must be at least 1");
  return static_cast<std::size_t>(value);
}

double duration_option(const cxxopts::ParseResult& args, const std::string& name) {
  const std::string text = option_value<std::string>(args, name);
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  const std::string unit(end, text.data() + text.size());
  static constexpr std::pair<const char*, double> kUnits[] = {{"ms", 0.001}, {"s", 1}, {"m", 60}, {"h", 3600}};
  for (const auto& [symbol, seconds] : kUnits) {
    if (error == std::errc() && end != text.data() && unit == symbol && value > 0 && value * seconds <= 1e7) {
      return value * seconds;
    }
  }
  throw Error("--" + name + ": expected a duration such as 30s, 10m or 2h, got '" + text + "'");
}

}  // namespace w2v::cli
