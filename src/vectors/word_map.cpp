#include "w2v/vectors/word_map.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <numbers>

#include "w2v/base/atomic_file.h"
#include "w2v/base/error.h"
#include "w2v/base/utf8.h"

namespace w2v {
namespace {

constexpr double kPointRadius = 3;
constexpr double kGap = 3;            // between a point and its label
constexpr double kPadding = 24;       // around the drawing
constexpr double kMaxAspect = 1.25;   // the height at most this times the width
constexpr double kMinAspect = 0.5;
// Label spots away from the point, for a leader line: distances (pixels,
// beyond the near ring) and directions tried at each.
constexpr double kLeaderDistances[] = {18, 32, 48, 66};
constexpr int kLeaderDirections = 16;

using Box = WordMap::Box;

bool intersect(const Box& a, const Box& b) {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

double overlap_area(const Box& a, const Box& b) {
  const double w = std::min(a.right, b.right) - std::max(a.left, b.left);
  const double h = std::min(a.bottom, b.bottom) - std::max(a.top, b.top);
  return w > 0 && h > 0 ? w * h : 0;
}

// Characters' rough advance widths in em (DejaVu Sans and
// Helvetica are near these), rounded up.
double em_width(char32_t c) {
  if (c < 0x80) {
    switch (c) {
      case 'i': case 'j': case 'l': case '.': case ',': case '\'': case '!': case '|': case ':': case ';':
        return 0.34;
      case 'f': case 't': case 'r': case ' ': case '-': case '(': case ')':
        return 0.45;
      case 'm': case 'w':
        return 0.95;
      case 'M': case 'W':
        return 1.0;
      default:
        return (c >= 'A' && c <= 'Z') ? 0.75 : (c >= '0' && c <= '9') ? 0.64 : 0.62;
    }
  }
  // East Asian scripts are a full em wide; most others about like Latin capitals.
  return c >= 0x1100 ? 1.0 : 0.75;
}

// The text with &, <, >, " and ' as entities, and what XML 1.0 cannot hold
// (bytes that are not UTF-8, control characters) as U+FFFD.
std::string xml_escaped(const std::string& text) {
  std::string out;
  for (std::size_t pos = 0; pos < text.size();) {
    const char32_t c = decode_utf8(text, pos);
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        append_utf8(c == kInvalidCodePoint || c < 0x20 || c == 0xFFFE || c == 0xFFFF ? 0xFFFD : c, out);
    }
  }
  return out;
}

}  // namespace

double estimated_text_width(const std::string& text, double font_size) {
  double em = 0;
  for (std::size_t pos = 0; pos < text.size();) em += em_width(decode_utf8(text, pos));
  return em * font_size;
}

WordMap::WordMap(std::vector<std::string> words, const PlanePoints& points, MapStyle style)
    : words_(std::move(words)), style_(std::move(style)) {
  if (static_cast<std::size_t>(points.rows()) != words_.size()) throw Error("a map needs a point per word");
  if (!(style_.width >= 200)) throw Error("a map needs to be at least 200 pixels wide");
  scale_points(points);
  place_labels();
}

void WordMap::scale_points(const PlanePoints& points) {
  top_ = style_.title.empty() ? 0 : 2 * style_.font_size;
  const Eigen::RowVector2d low = points.colwise().minCoeff(), high = points.colwise().maxCoeff();
  const Eigen::RowVector2d extent = (high - low).cwiseMax(1e-12);
  // Room beside the points for labels: about the widest label, within reason.
  double widest = 0;
  for (const std::string& word : words_) widest = std::max(widest, estimated_text_width(word, style_.font_size));
  const double side = kPadding + std::min(widest, style_.width / 6) / 2;
  const double inner_width = style_.width - 2 * side;
  const double aspect = std::clamp(extent(1) / extent(0), kMinAspect, kMaxAspect);
  const double inner_height = inner_width * aspect;
  const double scale = std::min(inner_width / extent(0), inner_height / extent(1));
  height_ = top_ + inner_height + 2 * (kPadding + style_.font_size);
  // Centre the drawing; y grows downwards on the canvas.
  const double x0 = (style_.width - scale * extent(0)) / 2;
  const double y0 = top_ + (height_ - top_ - scale * extent(1)) / 2;
  canvas_.resize(points.rows(), 2);
  for (Eigen::Index i = 0; i < points.rows(); ++i) {
    canvas_(i, 0) = x0 + scale * (points(i, 0) - low(0));
    canvas_(i, 1) = y0 + scale * (high(1) - points(i, 1));
  }
}

void WordMap::place_labels() {
  const double fs = style_.font_size;
  const double ascent = 0.78 * fs, descent = 0.24 * fs;  // of the text box around its baseline
  std::vector<Box> obstacles;  // every point, then each label placed
  for (Eigen::Index i = 0; i < canvas_.rows(); ++i) {
    const double x = canvas_(i, 0), y = canvas_(i, 1), r = kPointRadius + 0.5;
    obstacles.push_back({x - r, y - r, x + r, y + r});
  }
  const Box inside{1, top_ + 1, style_.width - 1, height_ - 1};
  const auto fits_canvas = [&](const Box& b) {
    return b.left >= inside.left && b.right <= inside.right && b.top >= inside.top && b.bottom <= inside.bottom;
  };
  for (std::size_t w = 0; w < words_.size(); ++w) {
    const double x = canvas_(static_cast<Eigen::Index>(w), 0), y = canvas_(static_cast<Eigen::Index>(w), 1);
    const double width = estimated_text_width(words_[w], fs), height = ascent + descent;
    const auto box_at = [&](double left, double top) { return Box{left, top, left + width, top + height}; };
    const double d = kPointRadius + kGap;
    // The near ring: right, left, above, below, then the corners.
    std::vector<Box> near{box_at(x + d, y - height / 2),         box_at(x - d - width, y - height / 2),
                          box_at(x - width / 2, y - d - height), box_at(x - width / 2, y + d),
                          box_at(x + d, y - d - height),         box_at(x - d - width, y - d - height),
                          box_at(x + d, y + d),                  box_at(x - d - width, y + d)};
    const auto is_free = [&](const Box& b) {
      if (!fits_canvas(b)) return false;
      for (std::size_t o = 0; o < obstacles.size(); ++o) {
        if (o != w && intersect(b, obstacles[o])) return false;
      }
      return true;
    };
    Label label{};
    bool placed = false;
    for (const Box& b : near) {
      if (is_free(b)) {
        label = {b, false, false};
        placed = true;
        break;
      }
    }
    for (int ring = 0; !placed && ring < static_cast<int>(std::size(kLeaderDistances)); ++ring) {
      for (int k = 0; k < kLeaderDirections && !placed; ++k) {
        // The box's centre on a ring around the point, stretched to the label's width.
        const double angle = 2 * std::numbers::pi * k / kLeaderDirections;
        const double cx = x + std::cos(angle) * (width / 2 + d + kLeaderDistances[ring]);
        const double cy = y - std::sin(angle) * (height / 2 + d + kLeaderDistances[ring]);
        const Box b = box_at(cx - width / 2, cy - height / 2);
        if (is_free(b)) {
          label = {b, true, false};
          placed = true;
        }
      }
    }
    if (!placed) {
      // Crowded: the near spot that covers the least.
      double least = std::numeric_limits<double>::infinity();
      for (const Box& b : near) {
        double covered = 0;
        for (std::size_t o = 0; o < obstacles.size(); ++o) {
          if (o != w) covered += overlap_area(b, obstacles[o]);
        }
        if (!fits_canvas(b)) covered += width * height;
        if (covered < least) {
          least = covered;
          label = {b, false, true};
        }
      }
    }
    labels_.push_back(label);
    obstacles.push_back(label.box);
  }
}

std::size_t WordMap::overlapping_labels() const {
  return static_cast<std::size_t>(
      std::count_if(labels_.begin(), labels_.end(), [](const Label& label) { return label.overlaps; }));
}

void WordMap::write_svg(const std::string& path) const {
  AtomicFile file(path);
  std::FILE* out = file.stream();
  const double fs = style_.font_size;
  std::fprintf(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  std::fprintf(out,
               "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" "
               "font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\" font-size=\"%g\">\n",
               style_.width, height_, style_.width, height_, fs);
  std::fprintf(out, "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n");
  if (!style_.title.empty()) {
    std::fprintf(out, "<text x=\"%g\" y=\"%.1f\" font-size=\"%g\" font-weight=\"bold\" fill=\"#333\">%s</text>\n",
                 kPadding, 1.4 * fs, 1.1 * fs, xml_escaped(style_.title).c_str());
  }
  std::fprintf(out, "<g stroke=\"#aaa\" stroke-width=\"0.8\">\n");
  for (std::size_t w = 0; w < words_.size(); ++w) {
    if (!labels_[w].leader) continue;
    // From the point to the nearest spot of the label's box.
    const Box& b = labels_[w].box;
    const double x = canvas_(static_cast<Eigen::Index>(w), 0), y = canvas_(static_cast<Eigen::Index>(w), 1);
    std::fprintf(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>\n", x, y,
                 std::clamp(x, b.left, b.right), std::clamp(y, b.top, b.bottom));
  }
  std::fprintf(out, "</g>\n<g fill=\"#2f6db5\">\n");
  for (std::size_t w = 0; w < words_.size(); ++w) {
    std::fprintf(out, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%g\"><title>%s</title></circle>\n",
                 canvas_(static_cast<Eigen::Index>(w), 0), canvas_(static_cast<Eigen::Index>(w), 1), kPointRadius,
                 xml_escaped(words_[w]).c_str());
  }
  std::fprintf(out, "</g>\n<g fill=\"#222\">\n");
  for (std::size_t w = 0; w < words_.size(); ++w) {
    // The box's bottom holds the descent; the text sits on its baseline.
    const Box& b = labels_[w].box;
    std::fprintf(out, "<text x=\"%.1f\" y=\"%.1f\">%s</text>\n", b.left, b.bottom - 0.24 * fs,
                 xml_escaped(words_[w]).c_str());
  }
  std::fprintf(out, "</g>\n</svg>\n");
  file.commit();
}

}  // namespace w2v
