#include "w2v/eval/evaluation_report.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

#include "w2v/base/utf8.h"

namespace w2v {
namespace {

std::string printf_string(const char* format, auto... args) {
  const int size = std::snprintf(nullptr, 0, format, args...);
  std::string out(static_cast<std::size_t>(size) + 1, '\0');
  std::snprintf(out.data(), out.size(), format, args...);
  out.pop_back();
  return out;
}

// A JSON string of `text`. JSON is Unicode, so bytes that are not UTF-8 (a
// word of a file in another encoding) cannot be carried as they are; they
// are written as the text \xNN, as the table shows them.
std::string json_string(const std::string& text) {
  std::string out = "\"";
  for (std::size_t pos = 0; pos < text.size();) {
    const std::size_t start = pos;
    const char32_t c = decode_utf8(text, pos);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20) {
      out += printf_string("\\u%04x", static_cast<unsigned>(c));
    } else if (c == kInvalidCodePoint) {
      out += printf_string("\\\\x%02x", static_cast<unsigned char>(text[start]));
    } else {
      out.append(text, start, pos - start);
    }
  }
  return out + "\"";
}

// The shortest text that reads back as the same double; null for NaN.
std::string json_number(double value) {
  if (!std::isfinite(value)) return "null";
  char text[32];
  return {text, std::to_chars(text, text + sizeof text, value).ptr};
}

std::string json_score(const AnalogyScore& score) {
  return "{\"name\": " + json_string(score.name) + ", \"questions\": " + std::to_string(score.questions) +
         ", \"covered\": " + std::to_string(score.covered) + ", \"correct\": " + std::to_string(score.correct) +
         ", \"accuracy\": " + json_number(score.accuracy()) + "}";
}

}  // namespace

std::string format_table(const Evaluation& evaluation) {
  std::string out = printf_string("vectors: %s (%zu words, %zu dimensions)\n", printable(evaluation.vectors_path).c_str(),
                                  evaluation.words, evaluation.dim);
  if (evaluation.analogies) {
    const auto& [path, results] = *evaluation.analogies;
    int width = 9;  // "syntactic"
    for (const AnalogyScore& section : results.sections) {
      width = std::max(width, static_cast<int>(printable(section.name).size()));
    }
    out += printf_string("\nanalogies: %s (candidates: the first %zu words)\n", printable(path).c_str(), results.restrict);
    out += printf_string("%-*s %9s %8s %8s %9s\n", width, "section", "questions", "covered", "correct", "accuracy");
    const auto row = [&](const AnalogyScore& score) {
      out += printf_string("%-*s %9zu %8zu %8zu %8.2f%%\n", width, printable(score.name).c_str(), score.questions, score.covered,
                           score.correct, 100 * score.accuracy());
    };
    for (const AnalogyScore& section : results.sections) row(section);
    out += std::string(static_cast<std::size_t>(width) + 38, '-') + "\n";
    row(results.semantic);
    row(results.syntactic);
    row(results.total);
  }
  if (!evaluation.word_pairs.empty()) {
    int width = 10;  // "similarity"
    for (const auto& [path, results] : evaluation.word_pairs) {
      width = std::max(width, static_cast<int>(printable(path).size()));
    }
    out += printf_string("\n%-*s %6s %8s %9s\n", width, "similarity", "pairs", "covered", "spearman");
    for (const auto& [path, results] : evaluation.word_pairs) {
      out += printf_string("%-*s %6zu %8zu %9.4f\n", width, printable(path).c_str(), results.pairs, results.covered,
                           results.spearman);
    }
  }
  return out;
}

std::string format_json(const Evaluation& evaluation) {
  std::string out = "{\"vectors\": {\"path\": " + json_string(evaluation.vectors_path) +
                    ", \"words\": " + std::to_string(evaluation.words) +
                    ", \"dim\": " + std::to_string(evaluation.dim) + "}";
  if (evaluation.analogies) {
    const auto& [path, results] = *evaluation.analogies;
    out += ", \"analogies\": {\"path\": " + json_string(path) + ", \"restrict\": " + std::to_string(results.restrict) +
           ", \"sections\": [";
    for (std::size_t i = 0; i < results.sections.size(); ++i) {
      out += (i ? ", " : "") + json_score(results.sections[i]);
    }
    out += "], \"semantic\": " + json_score(results.semantic) + ", \"syntactic\": " + json_score(results.syntactic) +
           ", \"total\": " + json_score(results.total) + "}";
  }
  out += ", \"similarity\": [";
  for (std::size_t i = 0; i < evaluation.word_pairs.size(); ++i) {
    const auto& [path, results] = evaluation.word_pairs[i];
    out += std::string(i ? ", " : "") + "{\"path\": " + json_string(path) +
           ", \"restrict\": " + std::to_string(results.restrict) + ", \"pairs\": " + std::to_string(results.pairs) +
           ", \"covered\": " + std::to_string(results.covered) + ", \"spearman\": " + json_number(results.spearman) +
           "}";
  }
  return out + "]}\n";
}

}  // namespace w2v
