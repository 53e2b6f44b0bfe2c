#pragma once
// The progress line of `w2v train`, fitted to the terminal.
#include <cstddef>
#include <string>

namespace w2v::cli {

struct ProgressFields {
  double fraction = 0;          // of the run done, 0..1
  double words_per_second = 0;  // per thread
  double alpha = 0;
  double loss = 0;              // mean per predicted word since the last report
  long eta_seconds = 0;
};

// The longest form of the line that fits in `width` columns: full labels
// first, then shorter labels, then without the learning rate, the speed, the
// loss and the time left, in that order; cut to `width` as a last resort.
// Width 0 means no limit (a log file). Plain ASCII: one byte, one column.
std::string progress_line(const ProgressFields& fields, std::size_t width);

// 1234 -> "1.2k", 2500000 -> "2.50M".
std::string count_text(double value);

// The columns of the terminal on file descriptor `fd`, or 0 when it is not one.
std::size_t terminal_width(int fd);

}  // namespace w2v::cli
