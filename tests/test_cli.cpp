#include <doctest/doctest.h>

#include <string>

#include "test_util.h"
#include "w2v/version.h"

using namespace w2v;

TEST_SUITE_BEGIN("cli");

namespace {

test::CommandResult run_w2v(const std::string& arguments, const test::TempDir& dir) {
  return test::run(test::w2v_binary() + " " + arguments, dir);
}

}  // namespace

TEST_CASE("w2v --version and -V print the project version") {
  const test::TempDir dir;
  for (const char* option : {"--version", "-V"}) {
    const auto result = run_w2v(option, dir);
    CHECK(result.exit_code == 0);
    CHECK(result.output == std::string("w2v ") + kVersion + "\n");
    CHECK(result.errors.empty());
  }
  const auto usage = run_w2v("--help", dir);
  CHECK(usage.exit_code == 0);
  CHECK(usage.output.find("--version") != std::string::npos);
  CHECK(usage.output.find("w2v help <command>") != std::string::npos);
}

TEST_CASE("w2v help COMMAND is w2v COMMAND --help, an unknown command is an error") {
  const test::TempDir dir;
  for (const char* command : {"train", "neighbors", "analogy", "eval"}) {
    const auto help = run_w2v(std::string("help ") + command, dir);
    const auto direct = run_w2v(std::string(command) + " --help", dir);
    CHECK(help.exit_code == 0);
    CHECK(help.errors.empty());
    CHECK(help.output == direct.output);
    CHECK(help.output.find("--help") != std::string::npos);
  }
  const auto usage = run_w2v("help", dir);
  CHECK(usage.exit_code == 0);
  CHECK(usage.output.find("commands:") != std::string::npos);

  const auto unknown = run_w2v("help nosuch", dir);
  CHECK(unknown.exit_code == 2);
  CHECK(unknown.output.empty());
  CHECK(unknown.errors.find("w2v: error: unknown command 'nosuch'") == 0);

  const auto two = run_w2v("help train eval", dir);
  CHECK(two.exit_code == 2);
  CHECK(two.errors.find("w2v help: error:") == 0);
}

TEST_SUITE_END();
