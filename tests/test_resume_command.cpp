// `w2v train --checkpoint/--resume` as a user runs it: interrupted by a
// signal or killed, a run continues to the vectors it would have given.
#include <doctest/doctest.h>

#include <algorithm>
#include <regex>

#include "planted_corpus.h"
#include "test_util.h"

TEST_SUITE_BEGIN("unit");

using w2v::test::run;
using w2v::test::TempDir;

namespace {

// One thread and a fixed seed: the same vectors every time. About 2 s of
// training, so that a signal sent once the first checkpoint exists comes
// in the middle of it.
std::string train_args(const TempDir& dir) {
  return w2v::test::w2v_binary() + " train --quiet --threads 1 --model sg --dim 16 --epochs 25 --min-count 1 --input " +
         dir.file("c.txt");
}

// Starts `command` in the background, waits until `ready` (a shell test)
// holds, sends `signal`, and prints the command's exit code.
std::string signalled(const std::string& command, const std::string& ready, const std::string& signal) {
  return command + " & pid=$!; until " + ready + "; do sleep 0.01; done; kill -" + signal +
         " $pid; wait $pid; echo rc=$?";
}

std::string exit_code_of(const w2v::test::CommandResult& r) {
  const std::size_t at = r.output.rfind("rc=");
  return at == std::string::npos ? "none" : r.output.substr(at + 3, r.output.find('\n', at) - at - 3);
}

}  // namespace

TEST_CASE("train --checkpoint: a run stopped by SIGINT, SIGTERM or kill -9 resumes to the uninterrupted vectors" * doctest::test_suite("cli")) {
  TempDir dir;
  w2v::test::write_file(dir.file("c.txt"), w2v::test::planted_corpus(5000, 31));
  const std::string ck = dir.file("run.ckpt"), out = dir.file("v.txt");
  REQUIRE(run(train_args(dir) + " --output " + dir.file("ref.txt"), dir).exit_code == 0);
  const std::string reference = w2v::test::read_file(dir.file("ref.txt"));

  for (const std::string signal : {"INT", "TERM", "KILL"}) {
    CAPTURE(signal);
    const std::string interrupted =
        train_args(dir) + " --output " + out + " --checkpoint " + ck + " --checkpoint-every 100ms";
    const auto stopped = run(signalled(interrupted, "[ -e " + ck + " ]", signal), dir);
    CHECK(exit_code_of(stopped) == (signal == "INT" ? "130" : signal == "TERM" ? "143" : "137"));
    if (signal != "KILL") {
      CHECK(stopped.errors == "\nw2v train: interrupted by SIG" + signal + "; the run is saved in " + ck +
                                  " (continue it with --resume " + ck + ")\n");
    }
    CHECK(dir.entries() == 3);  // the corpus, the reference and the checkpoint: no vectors, no temporary file

    // The same command with --resume: the checkpoint's options, its corpus by default.
    const auto resumed = run(w2v::test::w2v_binary() + " train --quiet --output " + out + " --checkpoint " + ck +
                                 " --resume " + ck,
                             dir);
    REQUIRE_MESSAGE(resumed.exit_code == 0, resumed.errors);
    CHECK(w2v::test::read_file(out) == reference);
    CHECK(dir.entries() == 4);
    std::filesystem::remove(out);
    std::filesystem::remove(ck);
  }
}

TEST_CASE("train --checkpoint-every: the summary says how many checkpoints were saved and what they cost" * doctest::test_suite("cli")) {
  TempDir dir;
  w2v::test::write_file(dir.file("c.txt"), w2v::test::planted_corpus(5000, 36));
  const std::string ck = dir.file("run.ckpt");
  const auto r = run(w2v::test::w2v_binary() + " train --threads 2 --dim 8 --epochs 2 --min-count 1 --input " +
                         dir.file("c.txt") + " --output " + dir.file("v.txt") + " --checkpoint " + ck +
                         " --checkpoint-every 1ms",
                     dir);
  REQUIRE_MESSAGE(r.exit_code == 0, r.errors);
  // 160000 words, reported every 10000: a checkpoint is due at every report.
  const std::regex cost(R"(\nsaved ([0-9]+) checkpoints in [0-9]+\.[0-9]{2} s \([0-9]+\.[0-9]% of the training time\)\n)");
  std::smatch found;
  REQUIRE(std::regex_search(r.errors, found, cost));
  CHECK(std::stoi(found[1]) >= 2);
  CHECK(r.errors.find("wrote " + ck + " (checkpoint)\n") != std::string::npos);
  // Without --checkpoint-every only the end of the run is saved: no such line.
  const auto once = run(w2v::test::w2v_binary() + " train --threads 2 --dim 8 --epochs 1 --min-count 1 --input " +
                            dir.file("c.txt") + " --output " + dir.file("v.txt") + " --checkpoint " + ck,
                        dir);
  REQUIRE_MESSAGE(once.exit_code == 0, once.errors);
  CHECK(once.errors.find("\nsaved ") == std::string::npos);
}

TEST_CASE("train --checkpoint: the end of a run is saved, and --resume with more --epochs continues it" * doctest::test_suite("cli")) {
  TempDir dir;
  w2v::test::write_file(dir.file("c.txt"), w2v::test::planted_corpus(500, 32));
  const std::string ck = dir.file("run.ckpt");
  const std::string base = w2v::test::w2v_binary() + " train --threads 2 --dim 8 --epochs 2 --min-count 1";
  const auto first = run(base + " --quiet --input " + dir.file("c.txt") + " --output " + dir.file("v.txt") +
                             " --checkpoint " + ck,
                         dir);
  REQUIRE_MESSAGE(first.exit_code == 0, first.errors);
  CHECK(w2v::test::read_file(ck).substr(0, 8) == "W2VCKPT\n");
  const auto more = run(base + " --epochs 4 --resume " + ck + " --output " + dir.file("v4.txt"), dir);
  REQUIRE_MESSAGE(more.exit_code == 0, more.errors);
  CHECK(more.errors.find("resuming " + ck + ": epoch 3 of 4, 50.0% done\n") != std::string::npos);
  CHECK(more.errors.find("trained 32000 words") != std::string::npos);  // 4 epochs x 8000 words
  CHECK(w2v::test::read_file(dir.file("v4.txt")) != w2v::test::read_file(dir.file("v.txt")));
}

TEST_CASE("train: SIGINT without --checkpoint, or while the outputs are written, leaves nothing" * doctest::test_suite("cli")) {
  TempDir dir;
  w2v::test::write_file(dir.file("c.txt"), w2v::test::planted_corpus(5000, 33));
  // Without --quiet, the corpus line on stderr tells that training began.
  std::string verbose = train_args(dir);
  verbose.erase(verbose.find(" --quiet"), 8);
  const auto no_checkpoint =
      run(signalled(verbose + " --output " + dir.file("v.txt"), "grep -q '^corpus' " + dir.file(".stderr"), "INT"), dir);
  CHECK(exit_code_of(no_checkpoint) == "130");
  CHECK(no_checkpoint.errors.find("interrupted by SIGINT; nothing saved (--checkpoint FILE would save the run)") !=
        std::string::npos);
  CHECK(dir.entries() == 1);

  // 3000 words of 1000 dimensions as text, about 30 MB: the signal comes
  // while the file is written, as an unnamed file in the directory.
  std::string words;
  for (int copy = 0; copy < 5; ++copy) {
    for (int i = 0; i < 3000; ++i) words += "w" + std::to_string(i) + (i % 20 == 19 ? "\n" : " ");
  }
  w2v::test::write_file(dir.file("many.txt"), words);
  const std::string writing = "ls -l /proc/$pid/fd 2>/dev/null | grep -q '" + dir.path().string() + "/#'";
  const auto during_write = run(signalled(w2v::test::w2v_binary() + " train --quiet --threads 1 --epochs 1 --dim 1000 "
                                          "--input " + dir.file("many.txt") + " --output " + dir.file("v.txt") +
                                          " --save-vocab " + dir.file("vocab.txt"),
                                          writing, "INT"),
                                dir);
  CHECK(exit_code_of(during_write) == "130");
  CHECK(during_write.errors == "\nw2v train: interrupted by SIGINT\n");
  CHECK(dir.entries() == 2);  // the two corpora: no vocabulary, no vectors, no temporary file
}

TEST_CASE("train --checkpoint/--resume: bad combinations and files get one error line" * doctest::test_suite("cli")) {
  TempDir dir;
  w2v::test::write_file(dir.file("c.txt"), w2v::test::planted_corpus(300, 34));
  w2v::test::write_file(dir.file("other.txt"), w2v::test::planted_corpus(300, 35));
  const std::string ck = dir.file("run.ckpt");
  const std::string base = w2v::test::w2v_binary() + " train --quiet --threads 1 --dim 8 --epochs 1 --min-count 1";
  REQUIRE(run(base + " --input " + dir.file("c.txt") + " --output " + dir.file("v.txt") + " --checkpoint " + ck, dir)
              .exit_code == 0);
  std::filesystem::remove(dir.file("v.txt"));
  const std::string out = " --output " + dir.file("out.txt");
  const std::vector<std::pair<std::string, std::string>> cases = {
      {" --input " + dir.file("c.txt") + out + " --checkpoint-every 10m", "--checkpoint-every: needs --checkpoint FILE"},
      {" --input " + dir.file("c.txt") + out + " --checkpoint " + dir.file("k") + " --checkpoint-every 10",
       "--checkpoint-every: expected a duration such as 30s, 10m or 2h, got '10'"},
      {" --input " + dir.file("c.txt") + out + " --checkpoint " + dir.file("k") + " --checkpoint-every -1s",
       "--checkpoint-every: expected a duration such as 30s, 10m or 2h, got '-1s'"},
      {" --resume " + ck + out + " --dim 9 --window 2",
       "--resume " + ck + ": options differ from the checkpoint's: --dim 9 (checkpoint: 8), --window 2 (checkpoint: 5); "
       "a resumed run keeps its options (only --epochs may be raised)"},
      {" --resume " + ck + out + " --read-vocab " + dir.file("c.txt"),
       "--read-vocab: a resumed run keeps the vocabulary of its checkpoint"},
      {" --resume " + ck + " --output " + ck, "--output " + ck + ": the same file as --resume"},
      {" --resume " + dir.file("c.txt") + out, dir.file("c.txt") + ": not a w2v checkpoint"},
      {" --resume " + ck + " --input " + dir.file("other.txt") + out,
       dir.file("other.txt") + ": not the corpus the checkpoint was trained on"},
      {" --input " + dir.file("c.txt") + out + " --checkpoint " + dir.file("c.txt"), "--checkpoint " + dir.file("c.txt") +
       ": the same file as --input"},
  };
  for (const auto& [args, expected] : cases) {
    CAPTURE(args);
    const auto r = run(base + args, dir);
    CHECK(r.exit_code == 1);
    CHECK(r.errors.find(expected) != std::string::npos);
    CHECK(r.errors.rfind("w2v train: error: ", 0) == 0);
    CHECK(std::count(r.errors.begin(), r.errors.end(), '\n') == 1);
    CHECK(dir.entries() == 3);  // the corpora and the checkpoint
  }
  // A run may continue its own checkpoint in place.
  const auto own = run(base + " --resume " + ck + " --checkpoint " + ck + " --epochs 2" + out, dir);
  CHECK_MESSAGE(own.exit_code == 0, own.errors);
}

TEST_SUITE_END();
