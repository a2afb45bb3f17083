// The generated anatomy and its ground truth agree with the parameters and with the design.
#include "PhantomTestSupport.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace iliometry::testdata {
namespace {

using test::intensitiesOf;
using test::labelCentroid;
using test::levelSlice;

const Phantom& defaultPhantom() {
  static const Phantom phantom = generatePhantom(PhantomParameters{});
  return phantom;
}

double mean(const std::vector<float>& v) { return std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size()); }
double median(std::vector<float> v) {
  std::nth_element(v.begin(), v.begin() + static_cast<long>(v.size() / 2), v.end());
  return v[v.size() / 2];
}

TEST(PhantomGrid, FollowsParametersWithCaudalFirstSlicesAndIdentityDirection) {
  const auto& image = *defaultPhantom().volume.image;
  const auto size = image.GetLargestPossibleRegion().GetSize();
  EXPECT_EQ(size[0], 256u);
  EXPECT_EQ(size[1], 256u);
  EXPECT_EQ(size[2], 127u); // 0..378 mm at 3 mm
  EXPECT_DOUBLE_EQ(image.GetSpacing()[0], 1.6);
  EXPECT_DOUBLE_EQ(image.GetSpacing()[2], 3.0);
  EXPECT_TRUE(image.GetDirection().GetVnlMatrix().is_identity());
  EXPECT_DOUBLE_EQ(image.GetOrigin()[2], 0.0);
  EXPECT_NEAR(image.GetOrigin()[0], -0.5 * 255 * 1.6, 1e-9); // FOV centred on the body axis
  EXPECT_EQ(defaultPhantom().labels->GetLargestPossibleRegion(), image.GetLargestPossibleRegion());
}

TEST(PhantomLevels, AreOrderedCranialToCaudalWithExactSliceIndices) {
  const auto& levels = defaultPhantom().levels.levels;
  const std::vector<std::string> expected{"T12", "T12/L1", "L1", "L1/L2", "L2", "L2/L3", "L3",
                                          "L3/L4", "L4",  "L4/L5",  "L5", "L5/S1"};
  ASSERT_EQ(levels.size(), expected.size());
  for (std::size_t i = 0; i < levels.size(); ++i) {
    EXPECT_EQ(levels[i].name, expected[i]);
    EXPECT_EQ(levels[i].kind, expected[i].find('/') == std::string::npos ? LevelKind::VertebralBody : LevelKind::Disc);
    EXPECT_DOUBLE_EQ(levels[i].confidence, 1.0);
    if (i > 0) EXPECT_LT(levels[i].sliceIndex, levels[i - 1].sliceIndex);
    // The level's slice is the one nearest the segment's mid-height.
    EXPECT_LE(std::abs(levels[i].zMm - spineSegmentMidZMm(levels[i].name)), 1.5 + 1e-9);
  }
}

TEST(PhantomLevels, SegmentSliceRangesContainTheirMidSliceAndDoNotOverlap) {
  const auto& phantom = defaultPhantom();
  ASSERT_FALSE(phantom.spineSegments.empty());
  for (std::size_t i = 0; i < phantom.spineSegments.size(); ++i) {
    const auto& s = phantom.spineSegments[i];
    const int mid = levelSlice(phantom, s.name);
    ASSERT_GE(mid, 0) << s.name;
    EXPECT_GE(mid, s.firstSliceIndex) << s.name;
    EXPECT_LE(mid, s.lastSliceIndex) << s.name;
    if (i > 0) EXPECT_LT(s.lastSliceIndex, phantom.spineSegments[i - 1].firstSliceIndex) << s.name;
  }
}

TEST(PhantomMuscles, PsoasCsaAtMidL3MatchesTheDesign) {
  const auto& phantom = defaultPhantom();
  const int l3 = levelSlice(phantom, "L3");
  const double z = phantom.levels.find("L3")->zMm;
  for (Side side : kSides) {
    const Structure psoas{Muscle::PsoasMajor, side};
    const double designed = designedCsaMm2(phantom.parameters, psoas, z);
    EXPECT_GT(designed, 800.0); // about 9 cm2 per side at L3
    EXPECT_LT(designed, 1000.0);
    EXPECT_NEAR(phantom.truth.csaMm2(psoas, l3), designed, 0.03 * designed);
  }
}

TEST(PhantomMuscles, PsoasGrowsCaudallyFromL1ToL5) {
  const auto& phantom = defaultPhantom();
  const Structure psoas{Muscle::PsoasMajor, Side::Left};
  double previous = 0;
  for (const char* level : {"L1", "L2", "L3", "L4", "L5"}) {
    const double csa = phantom.truth.csaMm2(psoas, levelSlice(phantom, level));
    EXPECT_GT(csa, previous) << level;
    previous = csa;
  }
  EXPECT_GT(phantom.truth.csaMm2(psoas, levelSlice(phantom, "L1")), 200.0);
  EXPECT_LT(phantom.truth.csaMm2(psoas, levelSlice(phantom, "L1")), 600.0);
  EXPECT_GT(phantom.truth.csaMm2(psoas, levelSlice(phantom, "L5")), 1200.0);
}

TEST(PhantomMuscles, IliacusStartsBelowTheIliacCrestAndPsoasAboveIt) {
  const auto& phantom = defaultPhantom();
  const auto& iliacus = phantom.truth.of({Muscle::Iliacus, Side::Left});
  const auto& psoas = phantom.truth.of({Muscle::PsoasMajor, Side::Left});
  // The crest lies between mid-L4 and the L5/S1 disc; psoas reaches up to L1.
  EXPECT_LT(iliacus.lastSliceIndex, levelSlice(phantom, "L4"));
  EXPECT_GT(iliacus.lastSliceIndex, levelSlice(phantom, "L5/S1"));
  EXPECT_GE(psoas.lastSliceIndex, levelSlice(phantom, "L1"));
  // Both run down to the lesser trochanter, near the bottom of the default coverage.
  EXPECT_LT(psoas.firstSliceIndex, 12);
  EXPECT_LT(iliacus.firstSliceIndex, 12);
}

TEST(PhantomMuscles, LabelsHoldMuscleDensityAndNoBoneOrAir) {
  const auto& phantom = defaultPhantom();
  for (Structure s : kStructures) {
    const auto values = intensitiesOf(phantom, labelOf(s));
    ASSERT_GT(values.size(), 1000u) << structureKey(s);
    if (s.muscle == Muscle::PsoasMajor) EXPECT_NEAR(mean(values), 50.0, 5.0) << structureKey(s);
    // Iliacus borders bone along its whole length: partial volume raises its mean, not its median.
    EXPECT_NEAR(median(values), 50.0, 5.0) << structureKey(s);
    // Edge voxels mix with their neighbours (gas, bone) as on a scanner, but nearly all of the
    // label lies inside the muscle window (-29..150 HU, Alberta protocol) widened by 2 noise
    // sigmas. The iliacus lies on bone (600 HU) along its whole lateral face, so its one-voxel
    // rim against the wing is brighter: a few percent more of it leaves the window.
    const auto inWindow = std::count_if(values.begin(), values.end(), [](float v) { return v > -53.0f && v < 174.0f; });
    const double required = s.muscle == Muscle::PsoasMajor ? 0.98 : 0.94;
    EXPECT_GT(static_cast<double>(inWindow) / static_cast<double>(values.size()), required) << structureKey(s);
  }
}

class PhantomRatio : public ::testing::TestWithParam<double> {};

TEST_P(PhantomRatio, LeftRightAreaRatioIsHonouredWithinTwoPercent) {
  PhantomParameters p;
  p.psoasRatio = GetParam();
  p.iliacusRatio = GetParam();
  const auto phantom = generatePhantom(p);
  for (Muscle m : kMuscles) {
    const double left = phantom.truth.of({m, Side::Left}).volumeMm3, right = phantom.truth.of({m, Side::Right}).volumeMm3;
    EXPECT_NEAR(left / right, GetParam(), 0.02 * GetParam()) << muscleKey(m);
  }
  const int l4 = levelSlice(phantom, "L4");
  const double csaRatio = phantom.truth.csaMm2({Muscle::PsoasMajor, Side::Left}, l4) /
                          phantom.truth.csaMm2({Muscle::PsoasMajor, Side::Right}, l4);
  EXPECT_NEAR(csaRatio, GetParam(), 0.02 * GetParam());
  // The total is kept: left * right equals the symmetric base squared.
  const double base = designedCsaMm2(PhantomParameters{}, {Muscle::PsoasMajor, Side::Left}, phantom.levels.find("L4")->zMm);
  EXPECT_NEAR(designedCsaMm2(p, {Muscle::PsoasMajor, Side::Left}, phantom.levels.find("L4")->zMm) *
                  designedCsaMm2(p, {Muscle::PsoasMajor, Side::Right}, phantom.levels.find("L4")->zMm),
              base * base, 1e-6 * base * base);
}

INSTANTIATE_TEST_SUITE_P(Ratios, PhantomRatio, ::testing::Values(1.1, 1.25, 1.5));

TEST(PhantomMuscles, OneSideRatioLeavesTheOtherMuscleSymmetric) {
  PhantomParameters p;
  p.psoasRatio = 1.4;
  const auto phantom = generatePhantom(p);
  const double iliacusRatio = phantom.truth.of({Muscle::Iliacus, Side::Left}).volumeMm3 /
                              phantom.truth.of({Muscle::Iliacus, Side::Right}).volumeMm3;
  EXPECT_NEAR(iliacusRatio, 1.0, 0.02);
}

TEST(PhantomMuscles, FatInfiltrationLowersPsoasDensityAndAddsFattyVoxels) {
  PhantomParameters p;
  p.fatInfiltration = 1.0;
  const auto phantom = generatePhantom(p);
  const auto values = intensitiesOf(phantom, labelOf({Muscle::PsoasMajor, Side::Left}));
  EXPECT_LT(mean(values), 20.0);
  const auto fatty = std::count_if(values.begin(), values.end(), [](float v) { return v < -30.0f; });
  EXPECT_GT(static_cast<double>(fatty) / static_cast<double>(values.size()), 0.03);
  // Labels are anatomical: infiltration does not change them.
  EXPECT_EQ(phantom.truth.of({Muscle::PsoasMajor, Side::Left}).voxelCount,
            defaultPhantom().truth.of({Muscle::PsoasMajor, Side::Left}).voxelCount);
}

TEST(PhantomDeterminism, SameSeedGivesIdenticalVoxelsAndOtherSeedOtherNoise) {
  PhantomParameters p;
  p.columns = p.rows = 128;
  p.pixelSpacingMm = 3.2;
  p.sliceSpacingMm = 6.0;
  p.seed = 42;
  const auto a = generatePhantom(p);
  p.threads = 1; // scheduling must not matter
  const auto b = generatePhantom(p);
  p.seed = 43;
  const auto c = generatePhantom(p);
  const std::size_t n = a.volume.image->GetLargestPossibleRegion().GetNumberOfPixels();
  EXPECT_TRUE(std::equal(a.volume.image->GetBufferPointer(), a.volume.image->GetBufferPointer() + n,
                         b.volume.image->GetBufferPointer()));
  EXPECT_TRUE(std::equal(a.labels->GetBufferPointer(), a.labels->GetBufferPointer() + n, b.labels->GetBufferPointer()));
  EXPECT_FALSE(std::equal(a.volume.image->GetBufferPointer(), a.volume.image->GetBufferPointer() + n,
                          c.volume.image->GetBufferPointer()));
  EXPECT_EQ(a.volume.info.seriesInstanceUid, b.volume.info.seriesInstanceUid);
  EXPECT_NE(a.volume.info.seriesInstanceUid, c.volume.info.seriesInstanceUid);
}

TEST(PhantomPose, OffsetMovesTheMusclesByTheOffset) {
  PhantomParameters p;
  p.offsetXMm = 20;
  p.offsetYMm = -12;
  const auto moved = generatePhantom(p);
  const int l3 = levelSlice(moved, "L3");
  for (Structure s : kStructures) {
    const int k = s.muscle == Muscle::PsoasMajor ? l3 : levelSlice(moved, "L5");
    const auto a = labelCentroid(defaultPhantom(), labelOf(s), k), b = labelCentroid(moved, labelOf(s), k);
    ASSERT_GT(a.count, 0u);
    EXPECT_NEAR(b.x - a.x, 20.0, 0.8) << structureKey(s);
    EXPECT_NEAR(b.y - a.y, -12.0, 0.8) << structureKey(s);
  }
}

TEST(PhantomPose, RotationTurnsTheAnatomyAboutTheBodyAxis) {
  PhantomParameters p;
  p.rotationDeg = 15;
  const auto rotated = generatePhantom(p);
  const int l3 = levelSlice(rotated, "L3");
  const auto left0 = labelCentroid(defaultPhantom(), 1, l3), left1 = labelCentroid(rotated, 1, l3);
  const double angle0 = std::atan2(left0.y, left0.x), angle1 = std::atan2(left1.y, left1.x);
  EXPECT_NEAR((angle1 - angle0) * 180.0 / 3.14159265358979, 15.0, 1.5);
  EXPECT_NEAR(std::hypot(left1.x, left1.y), std::hypot(left0.x, left0.y), 1.0);
  // The patient's left psoas stays on the patient's left of the rotated midline, and areas hold.
  EXPECT_NEAR(rotated.truth.csaMm2({Muscle::PsoasMajor, Side::Left}, l3),
              defaultPhantom().truth.csaMm2({Muscle::PsoasMajor, Side::Left}, l3), 0.03 * left0.count * 2.56);
}

TEST(PhantomMr, HasT1LikeContrastWithinTheBiasField) {
  PhantomParameters p;
  p.modality = Modality::MR;
  const auto phantom = generatePhantom(p);
  EXPECT_EQ(phantom.volume.info.modality, Modality::MR);
  const double psoas = median(intensitiesOf(phantom, labelOf({Muscle::PsoasMajor, Side::Left})));
  EXPECT_GT(psoas, 300.0 * 0.8);
  EXPECT_LT(psoas, 300.0 * 1.2);
  // Subcutaneous fat (bright) at the anterior midline of the L3 slice, air (0) in the corner.
  const int l3 = levelSlice(phantom, "L3");
  const auto& image = *phantom.volume.image;
  IntensityImage::PointType fatPoint;
  fatPoint[0] = 0;
  fatPoint[1] = -107 + 10; // 10 mm inside the anterior skin at L3
  fatPoint[2] = phantom.levels.find("L3")->zMm;
  IntensityImage::IndexType index;
  ASSERT_TRUE(image.TransformPhysicalPointToIndex(fatPoint, index));
  EXPECT_GT(image.GetPixel(index), 600.0f);
  EXPECT_LT(image.GetPixel({{2, 2, l3}}), 60.0f);
  const std::size_t n = image.GetLargestPossibleRegion().GetNumberOfPixels();
  EXPECT_GE(*std::min_element(image.GetBufferPointer(), image.GetBufferPointer() + n), 0.0f);
}

TEST(PhantomCt, ContrastEnhancesVesselsAndKidneysButNotMuscle) {
  PhantomParameters plain, enhanced;
  plain.noiseSigma = enhanced.noiseSigma = 0;
  enhanced.contrast = true;
  plain.coverageBottomMm = enhanced.coverageBottomMm = 255;
  plain.coverageTopMm = enhanced.coverageTopMm = 261;
  const auto a = generatePhantom(plain), b = generatePhantom(enhanced);
  // Aorta centre at L3: just left of the midline, anterior to the vertebral body.
  IntensityImage::PointType aorta;
  aorta[0] = 8;
  aorta[1] = 40 - 17.5 - 13;
  aorta[2] = 258;
  IntensityImage::IndexType index;
  ASSERT_TRUE(a.volume.image->TransformPhysicalPointToIndex(aorta, index));
  EXPECT_NEAR(a.volume.image->GetPixel(index), 40.0f, 1.0f);
  EXPECT_NEAR(b.volume.image->GetPixel(index), 200.0f, 1.0f);
  const double psoasPlain = median(intensitiesOf(a, 1)), psoasEnhanced = median(intensitiesOf(b, 1));
  EXPECT_NEAR(psoasEnhanced - psoasPlain, 5.0, 1.0);
}

TEST(PhantomCoverage, PartialCoverageKeepsOnlyLevelsInView) {
  PhantomParameters p;
  p.coverageBottomMm = 150;
  p.coverageTopMm = 300;
  const auto phantom = generatePhantom(p);
  EXPECT_EQ(phantom.levels.find("T12"), nullptr);
  EXPECT_EQ(phantom.levels.find("L1"), nullptr);
  ASSERT_NE(phantom.levels.find("L3"), nullptr);
  ASSERT_NE(phantom.levels.find("L5/S1"), nullptr);
  EXPECT_DOUBLE_EQ(phantom.volume.image->GetOrigin()[2], 150.0);
  EXPECT_EQ(phantom.levels.find("L3")->sliceIndex, static_cast<int>(std::lround((257.0 - 150.0) / 3.0)));
}

} // namespace
} // namespace iliometry::testdata
