#include <doctest/doctest.h>

#include <string>

#include "test_util.h"
#include "w2v/train/kernel_isa.h"
#include "w2v/version.h"

using namespace w2v;

TEST_SUITE_BEGIN("cli");

namespace {

test::CommandResult run_w2v(const std::string& arguments, const test::TempDir& dir) {
  return test::run(test::w2v_binary() + " " + arguments, dir);
}

}  // namespace

TEST_CASE("w2v --version and -V print the project version and the training kernels") {
  const test::TempDir dir;
  for (const char* option : {"--version", "-V"}) {
    const auto result = run_w2v(option, dir);
    CHECK(result.exit_code == 0);
    CHECK(result.output == std::string("w2v ") + kVersion + "\ntraining kernels: " + std::string(isa_name(training_isa())) +
                               " (this build has " + compiled_isa_names() + ")\n");
    CHECK(result.errors.empty());
  }
  const auto usage = run_w2v("--help", dir);
  CHECK(usage.exit_code == 0);
  CHECK(usage.output.find("--version") != std::string::npos);
  CHECK(usage.output.find("w2v help <command>") != std::string::npos);
}

TEST_CASE("W2V_ISA chooses the training kernels, and one it cannot use is an error") {
  const test::TempDir dir;
  for (Isa isa : compiled_isas()) {
    if (!cpu_supports(isa)) continue;
    const std::string name(isa_name(isa));
    const auto result = test::run("W2V_ISA=" + name + " " + test::w2v_binary() + " --version", dir);
    CHECK(result.exit_code == 0);
    CHECK(result.output.find("\ntraining kernels: " + name + " (") != std::string::npos);
  }
  const auto bad = test::run("W2V_ISA=avx9 " + test::w2v_binary() + " --version", dir);
  CHECK(bad.exit_code == 1);
  CHECK(bad.output.empty());
  CHECK(bad.errors == "w2v: error: W2V_ISA=avx9: no such training kernels in this build (it has " + compiled_isa_names() + ")\n");
  // Before the corpus is read, and nothing is written.
  test::write_file(dir.file("c.txt"), "a b c\n");
  const auto train = test::run("W2V_ISA=avx9 " + test::w2v_binary() + " train --input " + dir.file("c.txt") +
                                   " --min-count 1 --output " + dir.file("v.txt"),
                               dir);
  CHECK(train.exit_code == 1);
  CHECK(train.errors == "w2v train: error: W2V_ISA=avx9: no such training kernels in this build (it has " +
                            compiled_isa_names() + ")\n");
  CHECK_FALSE(std::filesystem::exists(dir.file("v.txt")));
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
