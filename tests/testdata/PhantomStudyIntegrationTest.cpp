// The DICOM form of the phantom: written by the dicom library's series writer and loaded back
// by its loader, with the geometry and the stored values intact.
#include "iliometry/dicom/InputLoader.h"
#include "iliometry/testdata/PhantomWriter.h"

#include <gtest/gtest.h>

#include <cmath>
#include <unistd.h>

namespace iliometry::testdata {
namespace {

TEST(PhantomStudyIntegration, DicomSeriesLoadsBackWithSameGeometryAndValues) {
  const auto dir = std::filesystem::temp_directory_path() / ("iliometry_phantom_dicom_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  PhantomParameters p;
  p.columns = p.rows = 128;
  p.pixelSpacingMm = 3.2;
  p.sliceSpacingMm = 6.0;
  const auto phantom = generatePhantom(p);
  const auto files = writePhantomStudy(phantom, dir, PhantomFormat::Dicom);
  ASSERT_TRUE(files.ok()) << files.error().describe();
  const auto loaded = dicom::loadInput(files.value().image);
  ASSERT_TRUE(loaded.ok()) << loaded.error().describe();
  const auto& image = *loaded.value().volume.image;
  const auto& original = *phantom.volume.image;
  ASSERT_EQ(image.GetLargestPossibleRegion().GetSize(), original.GetLargestPossibleRegion().GetSize());
  for (unsigned d = 0; d < 3; ++d) {
    EXPECT_NEAR(image.GetSpacing()[d], original.GetSpacing()[d], 1e-3);
    EXPECT_NEAR(image.GetOrigin()[d], original.GetOrigin()[d], 1e-2);
  }
  EXPECT_EQ(loaded.value().volume.info.modality, Modality::CT);
  EXPECT_EQ(loaded.value().volume.info.patientName, "PHANTOM^CT");
  // Stored as int16 with rescale: values agree to the rounding of the stored integers.
  const std::size_t n = original.GetLargestPossibleRegion().GetNumberOfPixels();
  double worst = 0;
  for (std::size_t i = 0; i < n; ++i)
    worst = std::max(worst, std::abs(double(image.GetBufferPointer()[i]) - double(original.GetBufferPointer()[i])));
  EXPECT_LE(worst, 1.0);
  std::filesystem::remove_all(dir);
}

} // namespace
} // namespace iliometry::testdata

namespace iliometry::testdata {
namespace {

std::filesystem::path freshFolder(const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() / ("iliometry_" + name + "_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  return dir;
}

PhantomParameters smallDixon() {
  PhantomParameters p;
  p.modality = Modality::MR;
  p.mrSequence = MrSequence::Dixon;
  p.columns = p.rows = 128;
  p.pixelSpacingMm = 3.2;
  p.sliceSpacingMm = 6.0;
  return p;
}

// Three series of one study (in-phase, water, fat): the loader measures the in-phase series and
// pairs the water and fat series with it, on the same grid and with their own values.
TEST(PhantomStudyIntegration, DixonWaterAndFatSeriesArePairedWithTheInPhaseSeries) {
  const auto dir = freshFolder("dixon");
  const auto phantom = generatePhantom(smallDixon());
  const auto files = writePhantomStudy(phantom, dir, PhantomFormat::Dicom);
  ASSERT_TRUE(files.ok()) << files.error().describe();
  const auto loaded = dicom::loadInput(files.value().image);
  ASSERT_TRUE(loaded.ok()) << loaded.error().describe();
  const Volume& volume = loaded.value().volume;
  EXPECT_EQ(volume.info.seriesInstanceUid, phantom.volume.info.seriesInstanceUid) << "the in-phase series is measured";
  ASSERT_TRUE(volume.dixonWater && volume.dixonFat) << "water and fat series paired";
  EXPECT_EQ(volume.dixonWater->GetLargestPossibleRegion(), volume.image->GetLargestPossibleRegion());
  // Values survive the int16 storage to within the rescale rounding (a fraction of a unit).
  const std::size_t n = volume.image->GetLargestPossibleRegion().GetNumberOfPixels();
  double worstWater = 0, worstFat = 0;
  for (std::size_t i = 0; i < n; ++i) {
    worstWater = std::max(worstWater, std::abs(double(volume.dixonWater->GetBufferPointer()[i]) -
                                               double(phantom.dixonWater.image->GetBufferPointer()[i])));
    worstFat = std::max(worstFat, std::abs(double(volume.dixonFat->GetBufferPointer()[i]) -
                                           double(phantom.dixonFat.image->GetBufferPointer()[i])));
  }
  EXPECT_LE(worstWater, 1.0);
  EXPECT_LE(worstFat, 1.0);
  int water = 0, fat = 0;
  for (const auto& series : loaded.value().series) {
    water += series.dixonImage == "water";
    fat += series.dixonImage == "fat";
  }
  EXPECT_EQ(water, 1);
  EXPECT_EQ(fat, 1);
  std::filesystem::remove_all(dir);
}

// A Dixon pair on another grid is not used (its voxels would not match the labels) and the
// user is told why the fat fraction is missing.
TEST(PhantomStudyIntegration, DixonSeriesOnAnotherGridAreNotPairedAndAWarningSaysSo) {
  const auto dir = freshFolder("dixon_grid");
  auto phantom = generatePhantom(smallDixon());
  auto shifted = smallDixon();
  shifted.coverageBottomMm = 30.0; // same study, other slice positions
  const auto other = generatePhantom(shifted);
  phantom.dixonWater.image = other.dixonWater.image;
  phantom.dixonFat.image = other.dixonFat.image;
  const auto files = writePhantomStudy(phantom, dir, PhantomFormat::Dicom);
  ASSERT_TRUE(files.ok()) << files.error().describe();
  const auto loaded = dicom::loadInput(files.value().image);
  ASSERT_TRUE(loaded.ok()) << loaded.error().describe();
  EXPECT_FALSE(loaded.value().volume.dixonWater);
  EXPECT_FALSE(loaded.value().volume.dixonFat);
  bool warned = false;
  for (const auto& warning : loaded.value().volume.warnings)
    warned = warned || warning.find("not on the voxel grid of the chosen series; fat fraction not measured") != std::string::npos;
  EXPECT_TRUE(warned);
  std::filesystem::remove_all(dir);
}

TEST(DixonImageKind, ImageTypeFirstThenDescriptionWithoutMistakingFatSuppression) {
  EXPECT_EQ(dicom::dixonImageKind("MR", "DERIVED\\PRIMARY\\DIXON\\WATER", ""), "water");
  EXPECT_EQ(dicom::dixonImageKind("MR", "ORIGINAL\\PRIMARY\\F\\", ""), "fat");
  EXPECT_EQ(dicom::dixonImageKind("MR", "ORIGINAL\\PRIMARY\\M\\IP", ""), "in-phase");
  EXPECT_EQ(dicom::dixonImageKind("MR", "ORIGINAL\\PRIMARY", "t1_vibe_dixon_tra_opp"), "opposed-phase");
  EXPECT_EQ(dicom::dixonImageKind("MR", "ORIGINAL\\PRIMARY", "mDixon W"), "water");
  EXPECT_EQ(dicom::dixonImageKind("MR", "ORIGINAL\\PRIMARY", "T2 TSE fat sat"), "");
  EXPECT_EQ(dicom::dixonImageKind("CT", "DERIVED\\PRIMARY\\DIXON\\WATER", ""), "");
}

} // namespace
} // namespace iliometry::testdata
