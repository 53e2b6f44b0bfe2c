#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "w2v/vectors/projection.h"

namespace w2v {

struct MapStyle {
  double width = 1000;    // pixels; the height follows the points' extent
  double font_size = 14;  // pixels
  std::string title;      // drawn at the top when not empty
};

// A picture of words at positions in the plane, as SVG. The points are
// scaled into the canvas with one scale for both axes, so distances keep
// their proportions. Each word's label goes beside its point, placed
// greedily in the order the words come (put the important ones first): the
// first of a ring of spots around the point (right, left, above, below, the
// corners) where the label covers no other label and no point, else a spot
// further out with a thin leader line to the point, else the spot closest
// to the point that overlaps least.
class WordMap {
 public:
  struct Box {
    double left, top, right, bottom;
  };
  struct Label {
    Box box;       // where the text goes
    bool leader;   // drawn away from the point, with a line to it
    bool overlaps; // no free spot was found
  };

  // `points` has a row per word.
  WordMap(std::vector<std::string> words, const PlanePoints& points, MapStyle style);

  double width() const { return style_.width; }
  double height() const { return height_; }
  // The points in canvas pixels (y down).
  const PlanePoints& canvas_points() const { return canvas_; }
  const std::vector<Label>& labels() const { return labels_; }
  std::size_t overlapping_labels() const;

  // Writes the picture as an SVG file, atomically. Each point carries its
  // word as a <title> too (a tooltip in browsers).
  void write_svg(const std::string& path) const;

 private:
  void scale_points(const PlanePoints& points);
  void place_labels();

  std::vector<std::string> words_;
  MapStyle style_;
  double height_ = 0;
  double top_ = 0;  // below the title
  PlanePoints canvas_;
  std::vector<Label> labels_;
};

// The width in pixels a label of `text` takes at `font_size`, estimated from
// its characters (there are no font metrics in a program that only writes
// SVG): generous, so that estimated boxes that do not touch do not touch
// when drawn.
double estimated_text_width(const std::string& text, double font_size);

}  // namespace w2v
