#include <doctest/doctest.h>

#include <Eigen/QR>
#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "test_util.h"
#include "w2v/base/utf8.h"
#include "w2v/vectors/projection.h"
#include "w2v/vectors/vectors_file.h"
#include "w2v/vectors/word_map.h"

using namespace w2v;

TEST_SUITE_BEGIN("unit");

namespace {

// A small XML well-formedness check (no DTDs, no CDATA, no comments: the
// writer uses none): one root element, tags nested and closed in order,
// quoted attributes, '<' only in tags and '&' only in entities, valid UTF-8.
// Collects the unescaped text inside each element, by element name.
class XmlCheck {
 public:
  explicit XmlCheck(const std::string& xml) : xml_(xml) { parse(); }
  const std::string& error() const { return error_; }
  const std::vector<std::string>& texts(const std::string& element) { return texts_[element]; }

 private:
  void fail(const std::string& problem) {
    if (error_.empty()) error_ = problem + " at byte " + std::to_string(pos_);
  }

  std::string name() {
    const std::size_t start = pos_;
    while (pos_ < xml_.size() && (std::isalnum(static_cast<unsigned char>(xml_[pos_])) || xml_[pos_] == '-' ||
                                  xml_[pos_] == ':' || xml_[pos_] == '_')) {
      ++pos_;
    }
    if (pos_ == start) fail("expected a name");
    return xml_.substr(start, pos_ - start);
  }

  // Text up to '<' (or a quote, in an attribute), with entities replaced.
  std::string text(char end) {
    std::string out;
    while (pos_ < xml_.size() && xml_[pos_] != end && xml_[pos_] != '<') {
      if (xml_[pos_] == '&') {
        const std::size_t semicolon = xml_.find(';', pos_);
        const std::string entity = semicolon == std::string::npos ? "" : xml_.substr(pos_, semicolon - pos_ + 1);
        static const std::map<std::string, char> kEntities{
            {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''}};
        const auto found = kEntities.find(entity);
        if (found == kEntities.end()) return fail("bad entity"), out;
        out += found->second;
        pos_ = semicolon + 1;
      } else {
        out += xml_[pos_++];
      }
    }
    return out;
  }

  void skip_blanks() {
    while (pos_ < xml_.size() && std::isspace(static_cast<unsigned char>(xml_[pos_]))) ++pos_;
  }

  void parse() {
    if (!is_valid_utf8(xml_)) return fail("not UTF-8");
    if (xml_.starts_with("<?xml")) pos_ = xml_.find("?>") + 2;
    std::vector<std::string> open;
    std::vector<std::string> content;
    bool root_seen = false;
    while (error_.empty()) {
      const std::string between = text('<');
      if (!content.empty()) content.back() += between;
      if (open.empty() && between.find_first_not_of(" \n") != std::string::npos) return fail("text outside the root");
      if (pos_ >= xml_.size()) break;
      ++pos_;  // '<'
      if (xml_[pos_] == '/') {
        ++pos_;
        const std::string closing = name();
        skip_blanks();
        if (open.empty() || open.back() != closing || xml_[pos_] != '>') return fail("unmatched </" + closing + ">");
        ++pos_;
        texts_[closing].push_back(content.back());
        open.pop_back();
        content.pop_back();
        continue;
      }
      if (open.empty() && root_seen) return fail("a second root element");
      root_seen = true;
      const std::string element = name();
      for (;;) {
        skip_blanks();
        if (xml_.compare(pos_, 2, "/>") == 0) {
          pos_ += 2;
          break;
        }
        if (xml_[pos_] == '>') {
          ++pos_;
          open.push_back(element);
          content.emplace_back();
          break;
        }
        name();
        if (xml_[pos_] != '=' || xml_[pos_ + 1] != '"') return fail("unquoted attribute");
        pos_ += 2;
        text('"');
        if (xml_[pos_] != '"') return fail("'<' in an attribute");
        ++pos_;
      }
    }
    if (!open.empty()) fail("<" + open.back() + "> not closed");
    if (!root_seen) fail("no root element");
  }

  std::string xml_;
  std::size_t pos_ = 0;
  std::string error_;
  std::map<std::string, std::vector<std::string>> texts_;
};

// Distances between all rows of a 2-column matrix.
std::vector<double> plane_distances(const Eigen::MatrixX2d& points) {
  std::vector<double> d;
  for (Eigen::Index i = 0; i < points.rows(); ++i) {
    for (Eigen::Index j = i + 1; j < points.rows(); ++j) d.push_back((points.row(i) - points.row(j)).norm());
  }
  return d;
}

// `clusters` groups of `size` points around far apart centres in `dim` dimensions.
Points clustered(int clusters, int size, int dim, unsigned seed) {
  std::mt19937 random(seed);
  std::normal_distribution<double> normal;
  Points points(clusters * size, dim);
  for (int c = 0; c < clusters; ++c) {
    Eigen::RowVectorXd centre(dim);
    for (double& v : centre) v = 5 * normal(random);
    for (int i = 0; i < size; ++i) {
      for (int j = 0; j < dim; ++j) points(c * size + i, j) = centre(j) + normal(random);
    }
  }
  return points;
}

bool boxes_intersect(const WordMap::Box& a, const WordMap::Box& b) {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

test::CommandResult map(const std::string& arguments, const test::TempDir& dir) {
  return test::run(test::w2v_binary() + " map " + arguments, dir);
}

}  // namespace

TEST_CASE("pca: points on a plane keep their distances, the sign does not depend on the input's") {
  // 2-D points placed on a plane of a 10-D space, away from the origin.
  std::mt19937 random(1);
  std::normal_distribution<double> normal;
  Eigen::MatrixX2d flat(40, 2);
  for (double& v : flat.reshaped()) v = normal(random);
  flat.col(0) *= 3;  // the first axis holds more of the variance
  Eigen::MatrixXd basis = Eigen::MatrixXd::NullaryExpr(10, 2, [&] { return normal(random); });
  basis = Eigen::HouseholderQR<Eigen::MatrixXd>(basis).householderQ() * Eigen::MatrixXd::Identity(10, 2);
  Points points = flat * basis.transpose();
  points.rowwise() += Eigen::RowVectorXd::Constant(10, 7.0);
  const PcaResult result = pca(points);
  const std::vector<double> expected = plane_distances(flat), got = plane_distances(result.points);
  for (std::size_t i = 0; i < expected.size(); ++i) CHECK(got[i] == doctest::Approx(expected[i]).epsilon(1e-9));
  CHECK(result.explained(0) + result.explained(1) == doctest::Approx(1.0));
  CHECK(result.explained(0) > 0.8);
  // Mirrored input, the same picture.
  const PcaResult mirrored = pca(-points);
  CHECK((mirrored.points - result.points).cwiseAbs().maxCoeff() < 1e-9);
  CHECK_THROWS_AS(pca(points.topRows(1)), Error);
}

TEST_CASE("t-SNE: separate clusters stay separate, deterministically") {
  const Points points = clustered(4, 25, 20, 2);
  const TsneResult result = tsne(points, TsneOptions{});
  CHECK(result.perplexity == 30);
  CHECK(result.kl_divergence > 0);
  CHECK(result.kl_divergence < 1);
  // Every point's nearest neighbour in the plane is from its own cluster.
  for (Eigen::Index i = 0; i < points.rows(); ++i) {
    Eigen::Index nearest = -1;
    double best = INFINITY;
    for (Eigen::Index j = 0; j < points.rows(); ++j) {
      const double d = (result.points.row(i) - result.points.row(j)).squaredNorm();
      if (j != i && d < best) best = d, nearest = j;
    }
    CHECK(nearest / 25 == i / 25);
  }
  CHECK(tsne(points, TsneOptions{}).points == result.points);
  // Fewer points than the perplexity needs: it is lowered to (n - 1) / 3.
  CHECK(tsne(points.topRows(10), TsneOptions{}).perplexity == 3);
  CHECK_THROWS_AS(tsne(points.topRows(2), TsneOptions{}), Error);
}

TEST_CASE("word map: labels beside their points, covering no other label or point when there is room") {
  std::vector<std::string> words;
  Eigen::MatrixX2d points(49, 2);
  for (int i = 0; i < 49; ++i) {
    words.push_back("word" + std::to_string(i));
    points.row(i) << i % 7, i / 7;
  }
  const WordMap grid(words, points, MapStyle{});
  CHECK(grid.overlapping_labels() == 0);
  for (std::size_t w = 0; w < words.size(); ++w) {
    const WordMap::Box& box = grid.labels()[w].box;
    CHECK(box.left >= 0);
    CHECK(box.right <= grid.width());
    CHECK(box.top >= 0);
    CHECK(box.bottom <= grid.height());
    CHECK(box.right - box.left == doctest::Approx(estimated_text_width(words[w], 14)));
    for (std::size_t o = 0; o < words.size(); ++o) {
      if (o == w) continue;
      CHECK_FALSE(boxes_intersect(box, grid.labels()[o].box));
      const double x = grid.canvas_points()(static_cast<Eigen::Index>(o), 0);
      const double y = grid.canvas_points()(static_cast<Eigen::Index>(o), 1);
      CHECK_FALSE(boxes_intersect(box, {x - 3, y - 3, x + 3, y + 3}));
    }
  }
  // A crowd: points in a tight bunch send labels out on leader lines, and
  // the rest overlap; every word still gets its label.
  Eigen::MatrixX2d bunch(60, 2);
  std::mt19937 random(3);
  std::normal_distribution<double> normal;
  for (double& v : bunch.reshaped()) v = normal(random);
  bunch.row(0) << 40, 0;  // one far away, so that the bunch is small on the canvas
  std::vector<std::string> many;
  for (int i = 0; i < 60; ++i) many.push_back("w" + std::to_string(i));
  const WordMap crowded(many, bunch, MapStyle{});
  CHECK(crowded.labels().size() == 60);
  CHECK(crowded.overlapping_labels() > 0);
  CHECK(std::count_if(crowded.labels().begin(), crowded.labels().end(), [](const auto& l) { return l.leader; }) > 0);
  // Wider text is wider.
  CHECK(estimated_text_width("mmm", 14) > estimated_text_width("iii", 14));
  CHECK(estimated_text_width("日本", 14) == doctest::Approx(28));
}

TEST_CASE("word map: the SVG is well-formed XML and holds every word, escaped") {
  const test::TempDir dir;
  const std::vector<std::string> words{"a&b", "<c>", "\"q\"", "it's", "日本", std::string("bad\xff"), "plain"};
  Eigen::MatrixX2d points(7, 2);
  points << 0, 0, 1, 0, 0, 1, 1, 1, 2, 2, 3, 1, 2, 0;
  MapStyle style;
  style.title = "a <title> & more";
  WordMap(words, points, style).write_svg(dir.file("map.svg"));
  XmlCheck xml(test::read_file(dir.file("map.svg")));
  REQUIRE(xml.error().empty());
  std::vector<std::string> expected = words;
  expected[5] = "bad\xef\xbf\xbd";  // not UTF-8: the replacement character
  std::vector<std::string> labels = xml.texts("text");
  REQUIRE(labels.size() == words.size() + 1);
  CHECK(labels.front() == style.title);
  labels.erase(labels.begin());
  CHECK(labels == expected);
  CHECK(xml.texts("title") == expected);
  CHECK(XmlCheck("<a><b></a></b>").error().starts_with("unmatched"));  // the check checks
  CHECK(XmlCheck("<a x=\"1&2\"/>").error().starts_with("bad entity"));
}

TEST_CASE("w2v map: PCA or t-SNE of chosen or most frequent words, bad arguments fail with one line" * doctest::test_suite("cli")) {
  const test::TempDir dir;
  const Points points = clustered(3, 10, 8, 4);
  std::vector<std::string> words;
  std::vector<float> values;
  for (Eigen::Index i = 0; i < points.rows(); ++i) {
    words.push_back("w" + std::to_string(i));
    for (Eigen::Index j = 0; j < points.cols(); ++j) values.push_back(static_cast<float>(points(i, j)));
  }
  const std::string vectors = dir.file("v.bin");
  write_vectors(vectors, words, values.data(), 8, 8, true);
  const auto all_words = [&](const std::string& svg, std::size_t count) {
    XmlCheck xml(test::read_file(svg));
    REQUIRE(xml.error().empty());
    const std::vector<std::string> titles = xml.texts("title");
    CHECK(titles == std::vector<std::string>(words.begin(), words.begin() + static_cast<std::ptrdiff_t>(count)));
  };
  const auto pca_map = map(vectors + " --output " + dir.file("pca.svg"), dir);
  CHECK(pca_map.exit_code == 0);
  CHECK(pca_map.errors.starts_with("w2v map: wrote " + dir.file("pca.svg") + ": 30 words, PCA (the axes hold "));
  all_words(dir.file("pca.svg"), 30);
  const auto tsne_map = map(vectors + " -o " + dir.file("tsne.svg") + " --method tsne --top 12 --title 'Twelve'", dir);
  CHECK(tsne_map.exit_code == 0);
  CHECK(tsne_map.errors.starts_with("w2v map: wrote " + dir.file("tsne.svg") + ": 12 words, t-SNE (perplexity 3.67, "));
  all_words(dir.file("tsne.svg"), 12);
  CHECK(XmlCheck(test::read_file(dir.file("tsne.svg"))).texts("text").front() == "Twelve");
  const auto chosen = map(vectors + " w2 w0 w1 w0 -o " + dir.file("chosen.svg"), dir);
  CHECK(chosen.exit_code == 0);
  CHECK(XmlCheck(test::read_file(dir.file("chosen.svg"))).texts("title") == std::vector<std::string>{"w2", "w0", "w1"});

  const std::string out = dir.file("out.svg");
  const auto expect_error = [&](const std::string& arguments, const std::string& message) {
    CAPTURE(arguments);
    const auto result = map(arguments, dir);
    CHECK(result.exit_code == 1);
    CHECK(result.errors == "w2v map: error: " + message + "\n");
    CHECK_FALSE(std::filesystem::exists(out));
  };
  expect_error(vectors, "--output is required");
  expect_error("-o " + out, "missing the VECTORS file argument");
  expect_error(vectors + " w1 xyzzy w2 plugh -o " + out, "not in the vectors: 'xyzzy', 'plugh'");
  expect_error(vectors + " w1 w2 -o " + out, "a map needs 3 words or more, got 2");
  expect_error(vectors + " -o " + out + " --method umap", "--method: expected 'pca' or 'tsne', got 'umap'");
  expect_error(vectors + " -o " + out + " --perplexity 0", "--perplexity: must be above 0");
  expect_error(vectors + " -o " + out + " --perplexity many", "--perplexity: invalid value 'many'");
  expect_error(vectors + " -o " + out + " --top 0", "--top: must be at least 1");
  expect_error(vectors + " -o " + out + " --top 1001", "--top: at most 1000 words fit on a map");
  expect_error(vectors + " -o " + dir.file("no/such.svg"),
               dir.file("no/such.svg") + ": cannot create file: No such file or directory");
}

TEST_SUITE_END();
