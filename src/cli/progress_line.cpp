#include "progress_line.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdio>
#include <iterator>

namespace w2v::cli {
namespace {

std::string format(const char* pattern, auto... values) {
  char text[160];
  std::snprintf(text, sizeof text, pattern, values...);
  return text;
}

// h:mm:ss, or m:ss under an hour.
std::string duration_text(long seconds) {
  if (seconds >= 3600) return format("%ld:%02ld:%02ld", seconds / 3600, seconds / 60 % 60, seconds % 60);
  return format("%ld:%02ld", seconds / 60, seconds % 60);
}

}  // namespace

std::string count_text(double value) {
  if (value >= 1e6) return format("%.2fM", value / 1e6);
  if (value >= 1e3) return format("%.1fk", value / 1e3);
  return format("%.0f", value);
}

std::string progress_line(const ProgressFields& f, std::size_t width) {
  const double percent = 100 * f.fraction;
  const std::string speed = count_text(f.words_per_second), eta = duration_text(f.eta_seconds);
  const long s = f.eta_seconds;
  const std::string forms[] = {
      format("progress: %5.1f%%  words/sec/thread: %s  alpha: %.6f  loss: %.4f  eta: %ld:%02ld:%02ld", percent,
             speed.c_str(), f.alpha, f.loss, s / 3600, s / 60 % 60, s % 60),
      format("%5.1f%%  %s words/s/thread  alpha %.6f  loss %.4f  eta %s", percent, speed.c_str(), f.alpha, f.loss,
             eta.c_str()),
      format("%5.1f%%  %s w/s/t  alpha %.5f  loss %.3f  eta %s", percent, speed.c_str(), f.alpha, f.loss, eta.c_str()),
      format("%5.1f%%  %s w/s/t  loss %.3f  eta %s", percent, speed.c_str(), f.loss, eta.c_str()),
      format("%5.1f%%  loss %.3f  eta %s", percent, f.loss, eta.c_str()),
      format("%5.1f%%  eta %s", percent, eta.c_str()),
      format("%.1f%%", percent),
  };
  for (const std::string& form : forms) {
    if (width == 0 || form.size() <= width) return form;
  }
  return std::string(forms[std::size(forms) - 1], 0, width);
}

std::size_t terminal_width(int fd) {
  winsize size{};
  if (!isatty(fd) || ioctl(fd, TIOCGWINSZ, &size) != 0) return 0;
  return size.ws_col;
}

}  // namespace w2v::cli
