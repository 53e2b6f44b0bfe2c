#pragma once
// Counts and results as the commands report them on stderr.
#include <cstdint>
#include <cstdio>
#include <string>

#include "w2v/vectors/word_classes.h"

namespace w2v::cli {

// "1 word", "2 words"; "1 class", "3 classes" with the plural given.
inline std::string plural(std::uint64_t n, const std::string& singular, const std::string& plural_form = "") {
  return std::to_string(n) + " " + (n == 1 ? singular : plural_form.empty() ? singular + "s" : plural_form);
}

// "512 bytes", "3.2 kB", "64.1 MB", "1.2 GB" (powers of 1000).
inline std::string byte_text(std::uint64_t bytes) {
  const char* units[] = {"kB", "MB", "GB", "TB"};
  if (bytes < 1000) return plural(bytes, "byte");
  double value = static_cast<double>(bytes) / 1000;
  int unit = 0;
  while (value >= 1000 && unit < 3) {
    value /= 1000;
    ++unit;
  }
  char text[32];
  std::snprintf(text, sizeof text, "%.1f %s", value, units[unit]);
  return text;
}

// "71708 words in 500 classes, 10 k-means iterations, mean cosine to the class centre 0.4821"
inline std::string classes_summary(const WordClasses& classes) {
  char cosine[32];
  std::snprintf(cosine, sizeof cosine, "%.4f", classes.mean_cosine);
  return plural(classes.class_of.size(), "word") + " in " + plural(classes.classes, "class", "classes") + ", " +
         plural(static_cast<std::uint64_t>(classes.iterations), "k-means iteration") +
         (classes.converged ? " (converged)" : "") + ", mean cosine to the class centre " + cosine;
}

}  // namespace w2v::cli
