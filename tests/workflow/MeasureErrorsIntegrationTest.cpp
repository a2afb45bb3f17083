// Studies the CT pipeline cannot measure get a clear error naming the file, and no outputs.
#include "TempFolder.h"

#include "iliometry/dicom/SeriesWriter.h"
#include "iliometry/testdata/Phantom.h"
#include "iliometry/workflow/MeasureWorkflow.h"

#include <gtest/gtest.h>

using namespace iliometry;
using namespace iliometry::testing_support;
namespace fs = std::filesystem;

namespace {

Result<workflow::MeasureOutcome> measurePhantom(const testdata::PhantomParameters& parameters, const fs::path& folder) {
  const auto phantom = testdata::generatePhantom(parameters);
  EXPECT_TRUE(dicom::writeImageFile(*phantom.volume.image, folder / "study.nii.gz"));
  workflow::MeasureOptions options;
  options.inputPath = folder / "study.nii.gz";
  options.outputDir = folder / "out";
  options.modality = Modality::CT;
  options.quiet = true;
  return workflow::runMeasure(options, {});
}

} // namespace

TEST(MeasureErrorsIntegration, LegOnlyScanIsRefusedNamingTheFile) {
  TempFolder folder("measure-legs");
  testdata::PhantomParameters legs; // thighs and groin only: no vertebra in view
  legs.coverageBottomMm = 0.0;
  legs.coverageTopMm = 60.0;
  auto result = measurePhantom(legs, folder.path());
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::SegmentationFailed);
  EXPECT_NE(result.error().message.find("no vertebral column"), std::string::npos) << result.error().message;
  EXPECT_NE(result.error().message.find("study.nii.gz"), std::string::npos) << result.error().message;
  EXPECT_FALSE(fs::exists(folder.path() / "out")); // nothing half-written
}

TEST(MeasureErrorsIntegration, VolumeTooSmallForTheMusclesIsRefused) {
  TempFolder folder("measure-small");
  testdata::PhantomParameters small; // a 64 mm field of view cannot hold both psoas
  small.columns = small.rows = 40;
  auto result = measurePhantom(small, folder.path());
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::SegmentationFailed);
  EXPECT_NE(result.error().message.find("too small"), std::string::npos) << result.error().message;
}

TEST(MeasureErrorsIntegration, ScanWithoutTheSacrumIsMeasuredAndSaysLevelsWereNotNamed) {
  TempFolder folder("measure-upper");
  testdata::PhantomParameters upper; // from mid-L4 up: no sacrum, no pelvis
  upper.coverageBottomMm = 220.0;
  auto result = measurePhantom(upper, folder.path());
  ASSERT_TRUE(result) << result.error().describe();
  const auto& report = result.value().report;
  EXPECT_TRUE(report.levels.levels.empty());
  bool warned = false;
  for (const auto& warning : report.warnings) warned = warned || warning.message.find("sacrum") != std::string::npos;
  EXPECT_TRUE(warned) << "a warning must say why no level was named";
  // The psoas is still measured on every slice where it is in view.
  EXPECT_GT(report.measurements.of({Muscle::PsoasMajor, Side::Left}).volumeMm3, 10000.0);
  EXPECT_GT(report.measurements.of({Muscle::PsoasMajor, Side::Right}).volumeMm3, 10000.0);
}
