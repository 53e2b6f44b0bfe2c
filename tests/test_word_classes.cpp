// K-means word classes on vectors with planted clusters.
#include <doctest/doctest.h>

#include <cstdio>
#include <map>
#include <random>
#include <set>
#include <sstream>

#include "planted_corpus.h"
#include "test_util.h"
#include "w2v/vectors/vectors_file.h"
#include "w2v/vectors/word_classes.h"

using w2v::test::run;

using namespace w2v;

TEST_SUITE_BEGIN("unit");

namespace {

// `clusters` random directions in `dim` dimensions, `per_cluster` rows around
// each (the direction plus noise, at random lengths), rows shuffled.
struct PlantedVectors {
  RowMatrix<float> rows;
  std::vector<int> cluster;
};

PlantedVectors planted_vectors(int clusters, int per_cluster, int dim, float noise, unsigned seed) {
  std::mt19937 rng(seed);
  std::normal_distribution<float> normal(0.0f, 1.0f);
  std::uniform_real_distribution<float> length(0.5f, 3.0f);
  RowMatrix<float> directions(clusters, dim);
  for (Eigen::Index i = 0; i < directions.size(); ++i) directions.data()[i] = normal(rng);
  directions.rowwise().normalize();
  std::vector<int> order(static_cast<std::size_t>(clusters * per_cluster));
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i) % clusters;
  std::shuffle(order.begin(), order.end(), rng);
  PlantedVectors planted{RowMatrix<float>(static_cast<Eigen::Index>(order.size()), dim), order};
  for (Eigen::Index i = 0; i < planted.rows.rows(); ++i) {
    for (int j = 0; j < dim; ++j) planted.rows(i, j) = directions(order[static_cast<std::size_t>(i)], j) + noise * normal(rng);
    planted.rows.row(i) *= length(rng);
  }
  return planted;
}

ConstMatrixMap<float> view(const RowMatrix<float>& m) { return {m.data(), m.rows(), m.cols(), Eigen::OuterStride<>(m.cols())}; }

// True when the found classes and the planted clusters are the same partition.
bool same_partition(const std::vector<std::int32_t>& found, const std::vector<int>& planted) {
  std::map<int, std::int32_t> class_of_cluster;
  std::map<std::int32_t, int> cluster_of_class;
  for (std::size_t i = 0; i < found.size(); ++i) {
    const auto [a, new_a] = class_of_cluster.emplace(planted[i], found[i]);
    const auto [b, new_b] = cluster_of_class.emplace(found[i], planted[i]);
    if (a->second != found[i] || b->second != planted[i]) return false;
  }
  return true;
}

}  // namespace

TEST_CASE("word classes: k-means finds planted clusters, whatever the lengths of the vectors") {
  const PlantedVectors planted = planted_vectors(12, 40, 32, 0.05f, 1);
  for (std::uint64_t seed = 1; seed <= 10; ++seed) {
    CAPTURE(seed);
    const WordClasses classes = cluster_words(view(planted.rows), 12, 20, seed);
    CHECK(classes.classes == 12);
    CHECK(same_partition(classes.class_of, planted.cluster));
    CHECK(classes.converged);
    CHECK(classes.iterations < 20);
    CHECK(classes.mean_cosine > 0.8);
    CHECK(classes.class_of[0] == 0);  // numbered in order of first appearance
  }
}

TEST_CASE("word classes: deterministic for a seed, every class gets words") {
  const PlantedVectors planted = planted_vectors(5, 30, 8, 1.0f, 2);  // overlapping clusters
  const WordClasses a = cluster_words(view(planted.rows), 20, 10, 7), b = cluster_words(view(planted.rows), 20, 10, 7);
  CHECK(a.class_of == b.class_of);
  CHECK(a.iterations == b.iterations);
  CHECK(a.classes == 20);
  CHECK(std::set<std::int32_t>(a.class_of.begin(), a.class_of.end()).size() == 20);
  // One class per row: every row is its own class.
  const WordClasses each = cluster_words(view(planted.rows), 150, 5, 1);
  CHECK(std::set<std::int32_t>(each.class_of.begin(), each.class_of.end()).size() == 150);
  CHECK(each.mean_cosine == doctest::Approx(1.0).epsilon(1e-5));
}

TEST_CASE("word classes: identical and zero vectors, and impossible class counts") {
  RowMatrix<float> rows = RowMatrix<float>::Zero(6, 4);
  rows.row(1) << 1, 0, 0, 0;
  rows.row(2) << 2, 0, 0, 0;
  rows.row(3) << 0, 1, 0, 0;
  const WordClasses classes = cluster_words(view(rows), 3, 10, 1);
  CHECK(classes.class_of[1] == classes.class_of[2]);
  CHECK(classes.class_of[1] != classes.class_of[3]);
  CHECK(test::error_of([&] { cluster_words(view(rows), 0, 10, 1); }) == "the number of classes must be at least 1");
  CHECK(test::error_of([&] { cluster_words(view(rows), 7, 10, 1); }) ==
        "7 classes for 6 words: there can be at most one class per word");
}

TEST_CASE("word classes: written as word2vec.c's 'word class' lines" * doctest::test_suite("cli")) {
  test::TempDir dir;
  WordClasses classes;
  classes.class_of = {0, 1, 0};
  std::FILE* out = std::fopen(dir.file("c.txt").c_str(), "w");
  write_word_classes(out, {"the", "of", "über"}, classes);
  std::fclose(out);
  CHECK(test::read_file(dir.file("c.txt")) == "the 0\nof 1\nüber 0\n");
}

namespace {

// "word class" lines as a file holds them.
struct ClassesFile {
  std::vector<std::string> words;
  std::vector<std::int32_t> class_of;
};

ClassesFile read_classes(const std::string& text) {
  ClassesFile file;
  std::istringstream lines(text);
  std::string word;
  std::int32_t c = 0;
  while (lines >> word >> c) {
    file.words.push_back(word);
    file.class_of.push_back(c);
  }
  return file;
}

std::string w2v_command(const std::string& args) { return test::w2v_binary() + " " + args; }

}  // namespace

TEST_CASE("w2v classes and train --classes: the planted topic groups become the classes" * doctest::test_suite("cli")) {
  test::TempDir dir;
  test::write_file(dir.file("topics.txt"), test::planted_corpus(3000, 21));
  const std::string train = "train --quiet --threads 1 --dim 20 --epochs 3 --sample 1e-2 --input " + dir.file("topics.txt");
  auto r = run(w2v_command(train + " --output " + dir.file("v.txt")), dir);
  REQUIRE_MESSAGE(r.exit_code == 0, r.errors);
  const WordVectors vectors = read_vectors(dir.file("v.txt"));

  r = run(w2v_command("classes " + dir.file("v.txt") + " 8"), dir);
  REQUIRE_MESSAGE(r.exit_code == 0, r.errors);
  const std::string printed_text = r.output;
  const ClassesFile printed = read_classes(printed_text);
  CHECK(printed.words == vectors.words());  // in the order of the vectors file
  CHECK(test::class_precision(printed.words, printed.class_of) >= 0.9);
  CHECK(r.errors.rfind("66 words in 8 classes, ", 0) == 0);
  CHECK(r.errors.find("mean cosine to the class centre 0.") != std::string::npos);

  r = run(w2v_command("classes " + dir.file("v.txt") + " 8 --seed 1 --iterations 10 --output " + dir.file("c.txt")), dir);
  REQUIRE_MESSAGE(r.exit_code == 0, r.errors);
  CHECK(r.output.empty());
  CHECK(test::read_file(dir.file("c.txt")) == printed_text);  // the defaults are seed 1, 10 iterations

  // At training time, with the classes in place of the vectors.
  r = run(w2v_command(train + " --classes 8 --output " + dir.file("tc.txt")), dir);
  REQUIRE_MESSAGE(r.exit_code == 0, r.errors);
  const ClassesFile trained = read_classes(test::read_file(dir.file("tc.txt")));
  CHECK(trained.words == vectors.words());
  CHECK(test::class_precision(trained.words, trained.class_of) >= 0.9);
}

TEST_CASE("w2v classes: the same classes with one thread or two" * doctest::test_suite("cli")) {
  test::TempDir dir;
  const PlantedVectors planted = planted_vectors(40, 75, 32, 0.3f, 3);  // big enough for threaded products
  std::vector<std::string> words;
  for (Eigen::Index i = 0; i < planted.rows.rows(); ++i) words.push_back("w" + std::to_string(i));
  write_vectors(dir.file("v.bin"), words, planted.rows.data(), 32, 32, true);
  const std::string command = " " + test::w2v_binary() + " classes " + dir.file("v.bin") + " 40 --iterations 5";
  const auto one = run("OMP_NUM_THREADS=1" + command, dir), two = run("OMP_NUM_THREADS=2" + command, dir);
  REQUIRE_MESSAGE(one.exit_code == 0, one.errors);
  REQUIRE_MESSAGE(two.exit_code == 0, two.errors);
  CHECK(read_classes(one.output).words.size() == 3000);
  CHECK(one.output == two.output);
  CHECK(one.errors == two.errors);
}

TEST_CASE("w2v classes and train --classes: bad input gets one error line and exit 1" * doctest::test_suite("cli")) {
  test::TempDir dir;
  test::write_file(dir.file("v.txt"), "3 2\na 1 0\nb 0 1\nc 1 1\n");
  test::write_file(dir.file("bad.txt"), "3 2\na 1 0\nb 0\n");
  test::write_file(dir.file("topics.txt"), test::planted_corpus(300, 1));
  const std::string train = "train --quiet --threads 1 --dim 8 --epochs 1 --input " + dir.file("topics.txt") + " --output " +
                            dir.file("out.txt");
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"classes " + dir.file("v.txt"), "w2v classes: error: missing the number of classes K after VECTORS"},
      {"classes " + dir.file("v.txt") + " 0", "w2v classes: error: K: must be at least 1"},
      {"classes " + dir.file("v.txt") + " two", "w2v classes: error: K: invalid value 'two'"},
      {"classes " + dir.file("v.txt") + " 4", "w2v classes: error: K: 4 classes for 3 words in " + dir.file("v.txt")},
      {"classes " + dir.file("v.txt") + " 2 3", "w2v classes: error: unexpected argument '3'"},
      {"classes " + dir.file("v.txt") + " 2 --iterations 0", "w2v classes: error: --iterations: must be at least 1"},
      {"classes " + dir.file("v.txt") + " 2 --seed x", "w2v classes: error: --seed: invalid value 'x'"},
      {"classes " + dir.file("missing.txt") + " 2", "w2v classes: error: " + dir.file("missing.txt") + ": cannot open"},
      {"classes " + dir.file("bad.txt") + " 2", "w2v classes: error: " + dir.file("bad.txt") + ": line 3: "},
      {"classes " + dir.file("v.txt") + " 2 --output " + dir.file("no/dir/c.txt"), "c.txt: cannot create file"},
      {train + " --classes 0", "w2v train: error: --classes: must be at least 1"},
      {train + " --classes 100", "w2v train: error: --classes: 100 classes for a vocabulary of 66 words"},
      {train + " --classes 8 --binary", "w2v train: error: --binary: has no effect with --classes (classes are text)"},
  };
  for (const auto& [args, expected] : cases) {
    CAPTURE(args);
    const auto r = run(w2v_command(args), dir);
    CHECK(r.exit_code == 1);
    CHECK(r.output.empty());
    CHECK(r.errors.find(expected) != std::string::npos);
    CHECK(std::count(r.errors.begin(), r.errors.end(), '\n') == 1);
    CHECK(dir.entries() == 3);  // no output, no temporary file
  }
}

TEST_SUITE_END();
