// The table of training options: the command line and the Python module
// both build on it, so its defaults, parsing and ranges are checked here.
#include <doctest/doctest.h>

#include <set>

#include "test_util.h"
#include "w2v/train/train_options.h"

using namespace w2v;

TEST_SUITE_BEGIN("unit");

TEST_CASE("train options: every option shows its default and reads it back unchanged") {
  std::set<std::string> names;
  for (const TrainOptionSpec& spec : train_option_specs()) {
    CAPTURE(spec.name);
    CHECK(names.insert(spec.name).second);
    CHECK_FALSE(spec.help.empty());
    CHECK_FALSE(spec.placeholder.empty());
    const TrainOptions defaults;
    const std::string shown = spec.show(defaults);
    if (shown.empty()) continue;  // alpha, min-alpha: derived from other options
    TrainOptions options;
    spec.set(options, shown);
    CHECK(spec.show(options) == shown);
    spec.check(options);
  }
  CHECK(find_train_option("dim") != nullptr);
  CHECK(find_train_option("nope") == nullptr);
  CHECK(names.size() == 17);
}

TEST_CASE("train options: values are parsed and stored") {
  TrainOptions o;
  const auto set = [&](const char* name, const char* value) { find_train_option(name)->set(o, value); };
  set("model", "sg");
  set("loss", "hs");
  set("dim", "300");
  set("sample", "1e-4");
  set("alpha", "0.01");
  set("cbow-mean", "0");
  set("seed", "18446744073709551615");
  CHECK(o.model == ModelKind::kSkipGram);
  CHECK(o.loss == LossKind::kHierarchicalSoftmax);
  CHECK(o.dim == 300);
  CHECK(o.sample == 1e-4);
  CHECK(o.alpha == 0.01);
  CHECK_FALSE(o.cbow_mean);
  CHECK(o.seed == 18446744073709551615ull);
  CHECK(find_train_option("alpha")->show(o) == "0.01");
  set("loss", "ns+hs");
  CHECK(o.loss == LossKind::kNegativeSamplingAndHierarchicalSoftmax);
  CHECK(find_train_option("loss")->show(o) == "ns+hs");
}

TEST_CASE("train options: noise-word options say when the loss leaves them without effect") {
  TrainOptions o;
  for (const char* name : {"negative", "ns-exponent"}) {
    CAPTURE(name);
    const TrainOptionSpec& spec = *find_train_option(name);
    REQUIRE(spec.unused_with);
    o.loss = LossKind::kNegativeSampling;
    CHECK(spec.unused_with(o).empty());
    o.loss = LossKind::kNegativeSamplingAndHierarchicalSoftmax;
    CHECK(spec.unused_with(o).empty());
    o.loss = LossKind::kHierarchicalSoftmax;
    CHECK(spec.unused_with(o) == "--loss hs");
    o.loss = LossKind::kSoftmax;
    CHECK(spec.unused_with(o) == "--loss softmax");
  }
  CHECK_FALSE(find_train_option("dim")->unused_with);
}

TEST_CASE("train options: the learning rate defaults by model, and min-alpha to a fraction of it") {
  TrainOptions o;
  CHECK(o.start_alpha() == TrainOptions::kCbowAlpha);
  o.model = ModelKind::kSkipGram;
  CHECK(o.start_alpha() == TrainOptions::kSkipGramAlpha);
  CHECK(o.end_alpha() == doctest::Approx(TrainOptions::kSkipGramAlpha * TrainOptions::kMinAlphaFactor));
  o.alpha = 0.1;
  o.min_alpha = 0.0;
  CHECK(o.start_alpha() == 0.1);
  CHECK(o.end_alpha() == 0.0);
  CHECK(TrainOptions{}.threads >= 1);
}

TEST_CASE("train options: bad values are refused with the option's name and range") {
  const auto error = [](const char* name, const char* value) {
    TrainOptions o;
    return test::error_of([&] { find_train_option(name)->set(o, value); });
  };
  CHECK(error("dim", "0") == "--dim: must be a whole number from 1 to 10000, got 0");
  CHECK(error("dim", "1e12") == "--dim: invalid value '1e12'");
  CHECK(error("dim", "99999999999999999999999") == "--dim: invalid value '99999999999999999999999'");
  CHECK(error("window", "-3") == "--window: must be a whole number from 1 to 1000, got -3");
  CHECK(error("min-count", "0") == "--min-count: must be a whole number of at least 1, got 0");
  CHECK(error("sample", "1") == "--sample: must be in [0, 1), got 1");
  CHECK(error("sample", "nan") == "--sample: invalid value 'nan'");
  CHECK(error("alpha", "inf") == "--alpha: invalid value 'inf'");
  CHECK(error("alpha", "2") == "--alpha: must be in [1e-09, 1], got 2");
  CHECK(error("model", "glove") == "--model: unknown value 'glove' (expected cbow|sg)");
  CHECK(error("epochs", "") == "--epochs: invalid value ''");
}

TEST_CASE("train options: validate() checks every range and the options' relations") {
  TrainOptions o;
  CHECK_NOTHROW(o.validate());
  o.dim = -1;
  CHECK(test::error_of([&] { o.validate(); }) == "--dim: must be a whole number from 1 to 10000, got -1");
  o = TrainOptions{};
  o.negative = 0;
  CHECK(test::error_of([&] { o.validate(); }) == "--negative: must be at least 1 with --loss ns");
  o.loss = LossKind::kNegativeSamplingAndHierarchicalSoftmax;
  CHECK(test::error_of([&] { o.validate(); }) == "--negative: must be at least 1 with --loss ns+hs");
  o.loss = LossKind::kHierarchicalSoftmax;
  CHECK_NOTHROW(o.validate());
  o = TrainOptions{};
  o.alpha = 0.01;
  o.min_alpha = 0.02;
  CHECK(test::error_of([&] { o.validate(); }) == "--min-alpha: 0.02 exceeds the starting rate 0.01");
}

TEST_SUITE_END();
