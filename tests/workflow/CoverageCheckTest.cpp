#include "iliometry/workflow/CoverageCheck.h"

#include <gtest/gtest.h>

using namespace iliometry;
using namespace iliometry::workflow;

namespace {

// 10 slices; each structure covers [first, last] with 100 mm2 per slice, or is empty.
MeasurementSet setWithRanges(std::pair<int, int> psoas, std::pair<int, int> iliacus) {
  MeasurementSet set;
  set.sliceCount = 10;
  for (Structure s : kStructures) {
    auto& m = set.structures[indexOf(s)];
    m.structure = s;
    m.csaMm2PerSlice.assign(10, 0.0);
    const auto range = s.muscle == Muscle::PsoasMajor ? psoas : iliacus;
    if (range.first < 0) continue;
    for (int k = range.first; k <= range.second; ++k)
      m.csaMm2PerSlice[static_cast<std::size_t>(k)] = 100.0;
    m.firstSliceIndex = range.first;
    m.lastSliceIndex = range.second;
    m.voxelCount = static_cast<std::size_t>(range.second - range.first + 1) * 100;
  }
  return set;
}

} // namespace

TEST(CoverageCheck, MuscleInsideTheVolumeKeepsTheVolumeBasis) {
  const auto set = setWithRanges({1, 6}, {5, 8});
  EXPECT_FALSE(touchesVolumeEdge(set, Muscle::PsoasMajor));
  const auto adjustment = adjustBasisForCoverage(set, AsymmetryOptions{});
  EXPECT_EQ(adjustment.options.psoasPrimaryBasis, "volume");
  EXPECT_EQ(adjustment.options.iliacusPrimaryBasis, "volume");
  EXPECT_TRUE(adjustment.fallbacks.empty());
}

TEST(CoverageCheck, MuscleCutByTheFirstSliceSwitchesToMaxCsa) {
  const auto set = setWithRanges({0, 6}, {5, 8});
  const auto adjustment = adjustBasisForCoverage(set, AsymmetryOptions{});
  EXPECT_EQ(adjustment.options.psoasPrimaryBasis, "max_csa");
  EXPECT_EQ(adjustment.options.iliacusPrimaryBasis, "volume");
  ASSERT_EQ(adjustment.fallbacks.size(), 1u);
  EXPECT_EQ(adjustment.fallbacks[0].muscle, Muscle::PsoasMajor);
  EXPECT_NE(adjustment.fallbacks[0].reason.find("partial coverage"), std::string::npos);
}

TEST(CoverageCheck, MuscleCutByTheLastSliceSwitchesToMaxCsa) {
  const auto set = setWithRanges({2, 6}, {5, 9});
  const auto adjustment = adjustBasisForCoverage(set, AsymmetryOptions{});
  EXPECT_EQ(adjustment.options.psoasPrimaryBasis, "volume");
  EXPECT_EQ(adjustment.options.iliacusPrimaryBasis, "max_csa");
}

TEST(CoverageCheck, OneSideAtTheEdgeIsEnough) {
  auto set = setWithRanges({2, 6}, {5, 8});
  auto& right = set.structures[indexOf({Muscle::PsoasMajor, Side::Right})];
  right.firstSliceIndex = 0;
  EXPECT_TRUE(touchesVolumeEdge(set, Muscle::PsoasMajor));
}

TEST(CoverageCheck, LevelAndMaxCsaBasesAreKeptAsAsked) {
  const auto set = setWithRanges({0, 9}, {0, 9});
  AsymmetryOptions requested;
  requested.psoasPrimaryBasis = "L3";
  requested.iliacusPrimaryBasis = "max_csa";
  const auto adjustment = adjustBasisForCoverage(set, requested);
  EXPECT_EQ(adjustment.options.psoasPrimaryBasis, "L3");
  EXPECT_EQ(adjustment.options.iliacusPrimaryBasis, "max_csa");
  EXPECT_TRUE(adjustment.fallbacks.empty());
}

TEST(CoverageCheck, EmptyMuscleDoesNotCountAsTouchingTheEdge) {
  const auto set = setWithRanges({-1, -1}, {5, 8});
  EXPECT_FALSE(touchesVolumeEdge(set, Muscle::PsoasMajor));
}

TEST(CoverageCheck, FallbackReasonIsAddedToTheVerdictNote) {
  const auto set = setWithRanges({0, 6}, {5, 8});
  const auto adjustment = adjustBasisForCoverage(set, AsymmetryOptions{});
  auto report = assessAsymmetry(set, LevelSet{}, adjustment.options);
  annotateVerdicts(report, adjustment.fallbacks);
  ASSERT_EQ(report.verdicts.size(), 2u);
  EXPECT_EQ(report.verdicts[0].basis, "max_csa");
  EXPECT_NE(report.verdicts[0].note.find("verdict on max_csa instead of volume"), std::string::npos);
  EXPECT_EQ(report.verdicts[1].note.find("partial coverage"), std::string::npos);
}
