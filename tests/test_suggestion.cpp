// "Did you mean ...?" for mistyped options and commands.
#include <doctest/doctest.h>

#include <algorithm>

#include "suggestion.h"
#include "test_util.h"

using w2v::cli::did_you_mean;
using w2v::cli::nearest;

TEST_SUITE_BEGIN("unit");

TEST_CASE("suggestion: the nearest name within a few edits, swaps counting one") {
  const std::vector<std::string> options = {"--epochs", "--dim", "--window", "--save-vocab", "--save-context", "--sample"};
  CHECK(nearest("--epoch", options) == "--epochs");
  CHECK(nearest("--windwo", options) == "--window");  // two letters swapped
  CHECK(nearest("--dm", options) == "--dim");
  CHECK(nearest("--sampel", options) == "--sample");
  CHECK(nearest("--bogus", options).empty());
  CHECK(nearest("--x", options).empty());
  // A prefix of exactly one name; of two, no guess.
  CHECK(nearest("--save-v", options) == "--save-vocab");
  CHECK(nearest("--save", options).empty());
  CHECK(nearest("trian", {"train", "neighbors", "analogy", "eval", "classes"}) == "train");
  CHECK(did_you_mean("--epoch", options) == " (did you mean '--epochs'?)");
  CHECK(did_you_mean("--bogus", options).empty());
}

TEST_CASE("suggestion: unknown options and commands on the command line, one error line" * doctest::test_suite("cli")) {
  w2v::test::TempDir dir;
  w2v::test::write_file(dir.file("v.txt"), "2 2\na 1 0\nb 0 1\n");
  const std::string w2v = w2v::test::w2v_binary();
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"train --epoch 3", "w2v train: error: unknown option '--epoch' (did you mean '--epochs'?)"},
      {"train --input x -size 5", "w2v train: error: unknown option '-size' (did you mean '--dim'?)"},
      {"train --iter=3", "w2v train: error: unknown option '--iter' (did you mean '--epochs'?)"},
      {"train -train x", "w2v train: error: unknown option '-train' (did you mean '--input'?)"},
      {"train --bogus", "w2v train: error: unknown option '--bogus'\n"},
      {"train -q", "w2v train: error: unknown option '-q'\n"},
      {"neighbors " + dir.file("v.txt") + " a --limt 1", "w2v neighbors: error: unknown option '--limt' (did you mean '--limit'?)"},
      {"classes " + dir.file("v.txt") + " 2 --iteration 3",
       "w2v classes: error: unknown option '--iteration' (did you mean '--iterations'?)"},
  };
  for (const auto& [args, expected] : cases) {
    CAPTURE(args);
    const auto r = w2v::test::run(w2v + " " + args, dir);
    CHECK(r.exit_code == 1);
    CHECK(r.errors.find(expected) == 0);
    CHECK(std::count(r.errors.begin(), r.errors.end(), '\n') == 1);
  }
  // Values that start with a dash are values, not options.
  const auto negative = w2v::test::run(w2v + " train --input x --output y --window -2 --quiet", dir);
  CHECK(negative.errors == "w2v train: error: --window: must be a whole number from 1 to 1000, got -2\n");
  const auto command = w2v::test::run(w2v + " trian", dir);
  CHECK(command.exit_code == 2);
  CHECK(command.errors.rfind("w2v: error: unknown command 'trian' (did you mean 'train'?)\nusage: w2v", 0) == 0);
}

TEST_SUITE_END();
