#include "iliometry/core/Asymmetry.h"

#include <gtest/gtest.h>

using namespace iliometry;

namespace {

MeasurementSet measurementsWith(double psoasLeft, double psoasRight, double iliacusLeft, double iliacusRight) {
  MeasurementSet set;
  set.sliceCount = 3;
  const double values[4] = {psoasLeft, psoasRight, iliacusLeft, iliacusRight};
  for (Structure s : kStructures) {
    auto& m = set.structures[indexOf(s)];
    m.structure = s;
    m.volumeMm3 = values[indexOf(s)] * 10;
    m.maxCsaMm2 = values[indexOf(s)];
    m.csaMm2PerSlice = {0.0, values[indexOf(s)] / 2, values[indexOf(s)]};
  }
  return set;
}

} // namespace

TEST(Asymmetry, IndexFollowsDefinition) {
  EXPECT_NEAR(*asymmetryIndexPercent(11.0, 9.0), 20.0, 1e-12);
  EXPECT_NEAR(*asymmetryIndexPercent(9.0, 11.0), -20.0, 1e-12);
  EXPECT_FALSE(asymmetryIndexPercent(0.0, 0.0).has_value());
}

TEST(Asymmetry, FlagsLargerSideAboveThreshold) {
  LevelSet levels;
  levels.levels.push_back({"L3", LevelKind::VertebralBody, 2, 0.0, 1.0});
  const auto report = assessAsymmetry(measurementsWith(100, 130, 50, 51), levels, AsymmetryOptions{});
  ASSERT_EQ(report.verdicts.size(), 2u);
  const auto& psoas = report.verdicts[0];
  EXPECT_EQ(psoas.muscle, Muscle::PsoasMajor);
  EXPECT_TRUE(psoas.asymmetricHypertrophy);
  ASSERT_TRUE(psoas.largerSide.has_value());
  EXPECT_EQ(*psoas.largerSide, Side::Right);
  EXPECT_FALSE(report.verdicts[1].asymmetricHypertrophy);
  // volume, max_csa and L3 for each muscle
  EXPECT_EQ(report.entries.size(), 6u);
  bool sawL3 = false;
  for (const auto& e : report.entries)
    if (e.basis == "L3" && e.muscle == Muscle::PsoasMajor) {
      sawL3 = true;
      EXPECT_DOUBLE_EQ(e.left, 100.0);
      EXPECT_DOUBLE_EQ(e.right, 130.0);
    }
  EXPECT_TRUE(sawL3);
}

TEST(Asymmetry, MissingPrimaryBasisGivesNoVerdictAndSaysSo) {
  AsymmetryOptions options;
  options.psoasPrimaryBasis = "L3";
  const auto report = assessAsymmetry(measurementsWith(100, 200, 1, 1), LevelSet{}, options);
  EXPECT_FALSE(report.verdicts[0].asymmetricHypertrophy);
  EXPECT_FALSE(report.verdicts[0].indexPercent.has_value());
  EXPECT_NE(report.verdicts[0].note.find("not available"), std::string::npos);
}

TEST(Asymmetry, ThresholdIsConfigurable) {
  AsymmetryOptions options;
  options.thresholdPercent = 25.0;
  const auto report = assessAsymmetry(measurementsWith(100, 125, 1, 1), LevelSet{}, options);
  EXPECT_FALSE(report.verdicts[0].asymmetricHypertrophy); // AI = 22.2 %
  EXPECT_NEAR(*report.verdicts[0].indexPercent, -22.222, 1e-3);
  EXPECT_FALSE(report.verdicts[0].note.empty()); // within 3 points of 25 %
}
