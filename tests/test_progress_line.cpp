// The progress line of `w2v train`: fitted to the terminal's width, and drawn
// without leaving a trail.
#include <doctest/doctest.h>

#include <algorithm>

#include "progress_line.h"
#include "test_util.h"

using w2v::cli::progress_line;
using w2v::cli::ProgressFields;

TEST_SUITE_BEGIN("unit");

namespace {

const ProgressFields kFields{0.284, 362100, 0.017912, 2.73891, 3725};

bool has(const std::string& line, const std::string& part) { return line.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("progress line: every field with full labels when there is room, as in a log file") {
  const std::string full = progress_line(kFields, 0);
  CHECK(full == "progress:  28.4%  words/sec/thread: 362.1k  alpha: 0.017912  loss: 2.7389  eta: 1:02:05");
  CHECK(progress_line(kFields, 200) == full);
  CHECK(progress_line(kFields, full.size()) == full);
}

TEST_CASE("progress line: narrower terminals get shorter labels, then fewer fields, never more columns") {
  std::size_t previous = 0;
  for (std::size_t width = 1; width <= 120; ++width) {
    CAPTURE(width);
    const std::string line = progress_line(kFields, width);
    CHECK(line.size() <= width);
    CHECK(line.size() >= previous);  // more room never shows less
    previous = line.size();
  }
  // An 80-column terminal (79 usable) still shows every field.
  CHECK(progress_line(kFields, 79) == " 28.4%  362.1k words/s/thread  alpha 0.017912  loss 2.7389  eta 1:02:05");
  const std::string medium = progress_line(kFields, 40);
  CHECK(has(medium, "28.4%"));
  CHECK(has(medium, "loss 2.739"));
  CHECK(has(medium, "eta 1:02:05"));
  CHECK_FALSE(has(medium, "alpha"));
  CHECK(progress_line(kFields, 20) == " 28.4%  eta 1:02:05");
  CHECK(progress_line(kFields, 8) == "28.4%");
  CHECK(progress_line(kFields, 3) == "28.");
}

TEST_CASE("progress line: speeds and times as text") {
  CHECK(w2v::cli::count_text(950) == "950");
  CHECK(w2v::cli::count_text(1234) == "1.2k");
  CHECK(w2v::cli::count_text(2500000) == "2.50M");
  ProgressFields short_run = kFields;
  short_run.eta_seconds = 75;
  CHECK(has(progress_line(short_run, 30), "eta 1:15"));
  CHECK(has(progress_line(short_run, 0), "eta: 0:01:15"));
}

TEST_CASE("progress line: on a 40-column terminal every redraw fits and erases the rest of the line" * doctest::test_suite("cli")) {
  if (std::system("command -v script >/dev/null 2>&1 && command -v stty >/dev/null 2>&1") != 0) {
    MESSAGE("script(1) is not installed: skipping the terminal check");
    return;
  }
  w2v::test::TempDir dir;
  std::string corpus;
  for (int line = 0; line < 4000; ++line) corpus += "a b c d e f g h i j k l m n o p q r s t\n";
  w2v::test::write_file(dir.file("c.txt"), corpus);
  // script(1) runs the command on a pseudo-terminal and copies what it shows.
  const std::string command = w2v::test::w2v_binary() + " train --threads 1 --dim 8 --epochs 3 --min-count 1 --input " +
                              dir.file("c.txt") + " --output " + dir.file("v.txt");
  const auto r = w2v::test::run("script -qec 'stty cols 40 rows 20; " + command + "' /dev/null", dir);
  REQUIRE_MESSAGE(r.exit_code == 0, r.errors);
  const std::string erase = "\x1b[K";
  std::size_t redraws = 0;
  for (std::size_t at = r.output.find('\r'); at != std::string::npos; at = r.output.find('\r', at + 1)) {
    const std::size_t end = r.output.find(erase, at);
    if (end == std::string::npos || r.output.find_first_of("\r\n", at + 1) < end) continue;
    ++redraws;
    const std::string line = r.output.substr(at + 1, end - at - 1);
    CAPTURE(line);
    CHECK(line.size() <= 39);  // one column spare: no wrap
    CHECK(has(line, "%"));
  }
  CHECK(redraws >= 1);
  CHECK(has(r.output, "trained 240000 words"));
}

TEST_SUITE_END();
