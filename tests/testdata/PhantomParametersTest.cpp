// Parameter validation and the command-line front end.
#include "iliometry/testdata/Phantom.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>

namespace iliometry::testdata {
namespace {

void expectRejected(const PhantomParameters& p, const std::string& keyword) {
  const auto result = validate(p);
  ASSERT_FALSE(result.ok()) << keyword;
  EXPECT_EQ(result.error().code, ErrorCode::InvalidArgument);
  EXPECT_NE(result.error().message.find(keyword), std::string::npos) << result.error().message;
}

TEST(PhantomParameters, DefaultsAreValid) { EXPECT_TRUE(validate(PhantomParameters{}).ok()); }

TEST(PhantomParameters, OutOfRangeValuesAreRejectedByName) {
  PhantomParameters p;
  p.psoasRatio = 0;
  expectRejected(p, "psoas ratio");
  p = {};
  p.iliacusRatio = 9;
  expectRejected(p, "iliacus ratio");
  p = {};
  p.fatInfiltration = 1.5;
  expectRejected(p, "fat infiltration");
  p = {};
  p.pixelSpacingMm = 0;
  expectRejected(p, "pixel spacing");
  p = {};
  p.columns = 4;
  expectRejected(p, "matrix");
  p = {};
  p.coverageTopMm = 900;
  expectRejected(p, "coverage");
  p = {};
  p.modality = Modality::Unknown;
  expectRejected(p, "modality");
  p = {};
  p.sliceSpacingMm = 0.2;
  p.coverageBottomMm = -80;
  expectRejected(p, "slices");
}

TEST(PhantomParameters, DesignedAreasFollowTheSquareRootRule) {
  PhantomParameters symmetric, asymmetric;
  asymmetric.psoasRatio = 1.44;
  const double z = spineSegmentMidZMm("L4");
  const double base = designedCsaMm2(symmetric, {Muscle::PsoasMajor, Side::Left}, z);
  EXPECT_NEAR(designedCsaMm2(asymmetric, {Muscle::PsoasMajor, Side::Left}, z), base * 1.2, 1e-6 * base);
  EXPECT_NEAR(designedCsaMm2(asymmetric, {Muscle::PsoasMajor, Side::Right}, z), base / 1.2, 1e-6 * base);
  EXPECT_DOUBLE_EQ(designedCsaMm2(symmetric, {Muscle::Iliacus, Side::Left}, spineSegmentMidZMm("L2")), 0.0);
}

TEST(PhantomParameters, SpineSegmentHeightsAreAnatomical) {
  EXPECT_DOUBLE_EQ(spineSegmentMidZMm("L3"), 257.0);
  EXPECT_GT(spineSegmentMidZMm("T12"), spineSegmentMidZMm("L1"));
  EXPECT_TRUE(std::isnan(spineSegmentMidZMm("C7")));
}

int runCli(const std::string& arguments) {
  const std::string command = std::string(ILIOMETRY_CLI) + " phantom " + arguments + " >/dev/null 2>&1";
  const int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TEST(PhantomCommand, WritesANiftiStudyAndRejectsBadValuesWithExitCodeTwo) {
  const auto dir = std::filesystem::temp_directory_path() / ("iliometry_phantom_cli_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  EXPECT_EQ(runCli("--out " + dir.string() + " --format nifti --matrix 96 --pixel-mm 4 --slice-mm 8 --psoas-ratio 1.2 "
                   "--offset-mm 5 -5 --rotation-deg 3 --seed 9 --contrast"),
            0);
  EXPECT_TRUE(std::filesystem::exists(dir / "image.nii.gz"));
  EXPECT_TRUE(std::filesystem::exists(dir / "truth_labels.nii.gz"));
  EXPECT_TRUE(std::filesystem::exists(dir / "truth.json"));
  EXPECT_EQ(runCli("--out " + dir.string() + " --fat 3"), 2);
  std::filesystem::remove_all(dir);
}

} // namespace
} // namespace iliometry::testdata
