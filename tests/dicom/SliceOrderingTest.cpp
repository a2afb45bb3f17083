// Slices are stacked by position along the slice normal; spacing comes from the positions.
#include "TestVolumes.h"

#include "iliometry/dicom/InputLoader.h"
#include "iliometry/dicom/SeriesWriter.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>

#include <gtest/gtest.h>

namespace iliometry::dicom {
namespace {

Volume rampVolume(std::size_t slices = 9, double sliceSpacingMm = 2.0) {
  return test::makeVolume({8, 6, slices}, {1.0, 1.0, sliceSpacingMm}, {0, 0, -100}, test::kIdentity, Modality::CT,
                          test::linearRamp);
}

void expectSameVoxels(const IntensityImage& a, const IntensityImage& b) {
  const auto count = a.GetBufferedRegion().GetNumberOfPixels();
  ASSERT_EQ(count, b.GetBufferedRegion().GetNumberOfPixels());
  for (std::size_t i = 0; i < count; ++i)
    ASSERT_EQ(a.GetBufferPointer()[i], b.GetBufferPointer()[i]) << "voxel " << i;
}

TEST(SliceOrdering, ShuffledInstanceNumbersAndFileNamesStillStackByPosition) {
  test::TempFolder folder;
  const Volume written = rampVolume();
  SeriesWriteOptions options;
  options.shuffleInstanceNumbers = true; // file names follow the shuffled Instance Numbers
  auto slices = writeSeries(written, folder.path(), options);
  ASSERT_TRUE(slices) << slices.error().describe();
  // The shuffle really does put file-name order out of position order.
  std::vector<std::string> names;
  for (const auto& s : slices.value())
    names.push_back(s.filePath);
  ASSERT_FALSE(std::is_sorted(names.begin(), names.end()));

  auto loaded = loadInput(folder.path());
  ASSERT_TRUE(loaded) << loaded.error().describe();
  expectSameVoxels(*loaded.value().volume.image, *written.image);
  for (std::size_t k = 0; k < slices.value().size(); ++k)
    EXPECT_EQ(loaded.value().volume.slices[k].filePath, slices.value()[k].filePath);
}

TEST(SliceOrdering, SpacingComesFromPositionsNotSliceThickness) {
  test::TempFolder folder;
  SeriesWriteOptions options;
  options.sliceThicknessMm = 5.0; // overlapping reconstruction: thick slices every 2 mm
  ASSERT_TRUE(writeSeries(rampVolume(9, 2.0), folder.path(), options));
  auto loaded = loadInput(folder.path());
  ASSERT_TRUE(loaded) << loaded.error().describe();
  EXPECT_NEAR(loaded.value().volume.image->GetSpacing()[2], 2.0, 1e-6);
}

TEST(SliceOrdering, PixelSpacingIsWrittenRowSpacingFirstAsDicomRequires) {
  test::TempFolder folder;
  const Volume written =
      test::makeVolume({8, 6, 3}, {0.5, 0.9, 2.0}, {0, 0, 0}, test::kIdentity, Modality::CT, test::linearRamp);
  auto slices = writeSeries(written, folder.path());
  ASSERT_TRUE(slices);
  DcmFileFormat format;
  ASSERT_TRUE(format.loadFile(slices.value().front().filePath.c_str()).good());
  OFString spacing;
  format.getDataset()->findAndGetOFStringArray(DCM_PixelSpacing, spacing);
  EXPECT_EQ(std::string(spacing.c_str()), "0.9\\0.5"); // between rows (ITK y) first, then between columns
  Uint16 rows = 0, columns = 0;
  format.getDataset()->findAndGetUint16(DCM_Rows, rows);
  format.getDataset()->findAndGetUint16(DCM_Columns, columns);
  EXPECT_EQ(rows, 6);
  EXPECT_EQ(columns, 8);
}

TEST(SliceOrdering, MissingMiddleSliceIsRefusedWithTheGap) {
  test::TempFolder folder;
  auto slices = writeSeries(rampVolume(9, 2.0), folder.path());
  ASSERT_TRUE(slices);
  std::filesystem::remove(slices.value()[4].filePath);
  auto loaded = loadInput(folder.path());
  ASSERT_FALSE(loaded);
  EXPECT_EQ(loaded.error().code, ErrorCode::InvalidSeries);
  EXPECT_NE(loaded.error().message.find("gap of 4.00 mm"), std::string::npos) << loaded.error().message;
  EXPECT_NE(loaded.error().message.find("1 slice(s) missing"), std::string::npos) << loaded.error().message;
}

TEST(SliceOrdering, NonUniformSpacingIsRefusedNamingTheRange) {
  test::TempFolder folder;
  auto slices = writeSeries(rampVolume(9, 2.0), folder.path());
  ASSERT_TRUE(slices);
  // Move slice 4 from z = -92 to z = -91.4: gaps of 2.6 and 1.4 mm around it.
  test::editDicomFile(slices.value()[4].filePath,
                      [](DcmDataset& ds) { ds.putAndInsertString(DCM_ImagePositionPatient, "0\\0\\-91.4"); });
  auto loaded = loadInput(folder.path());
  ASSERT_FALSE(loaded);
  EXPECT_EQ(loaded.error().code, ErrorCode::InvalidSeries);
  EXPECT_NE(loaded.error().message.find("slice spacing varies from 1.40 to 2.60 mm (expected uniform)"),
            std::string::npos)
      << loaded.error().message;
  EXPECT_NE(loaded.error().message.find("series "), std::string::npos);
}

TEST(SliceOrdering, GantryTiltIsRefusedWithItsAngle) {
  test::TempFolder folder;
  auto slices = writeSeries(rampVolume(9, 2.0), folder.path());
  ASSERT_TRUE(slices);
  // Each slice shifted 0.35 mm posteriorly per 2 mm: a tilt of about 10 degrees.
  for (std::size_t k = 0; k < slices.value().size(); ++k) {
    const std::string position = "0\\" + std::to_string(0.35 * k) + "\\" + std::to_string(-100.0 + 2.0 * k);
    test::editDicomFile(slices.value()[k].filePath,
                        [&](DcmDataset& ds) { ds.putAndInsertString(DCM_ImagePositionPatient, position.c_str()); });
  }
  auto loaded = loadInput(folder.path());
  ASSERT_FALSE(loaded);
  EXPECT_EQ(loaded.error().code, ErrorCode::InvalidSeries);
  EXPECT_NE(loaded.error().message.find("gantry tilt of about 9.9 degrees"), std::string::npos)
      << loaded.error().message;
}

TEST(SliceOrdering, IdenticalDuplicateSliceIsDroppedWithAWarning) {
  test::TempFolder folder;
  auto slices = writeSeries(rampVolume(5, 2.0), folder.path());
  ASSERT_TRUE(slices);
  const auto copy = folder / "copy-of-slice-2.dcm";
  std::filesystem::copy_file(slices.value()[2].filePath, copy);
  auto loaded = loadInput(folder.path());
  ASSERT_TRUE(loaded) << loaded.error().describe();
  EXPECT_EQ(loaded.value().volume.image->GetLargestPossibleRegion().GetSize()[2], 5u);
  ASSERT_FALSE(loaded.value().volume.warnings.empty());
  EXPECT_NE(loaded.value().volume.warnings.front().find("copy-of-slice-2.dcm"), std::string::npos);
}

TEST(SliceOrdering, DifferentImagesAtTheSamePositionAreRefused) {
  test::TempFolder folder;
  auto slices = writeSeries(rampVolume(5, 2.0), folder.path());
  ASSERT_TRUE(slices);
  const auto copy = folder / "other-at-slice-2.dcm";
  std::filesystem::copy_file(slices.value()[2].filePath, copy);
  test::editDicomFile(copy, [](DcmDataset& ds) {
    ds.putAndInsertString(DCM_SOPInstanceUID, "1.2.3.4.5.6.7.8.9");
    ds.putAndInsertString(DCM_RescaleIntercept, "10"); // same stored pixels, different HU
  });
  auto loaded = loadInput(folder.path());
  ASSERT_FALSE(loaded);
  EXPECT_EQ(loaded.error().code, ErrorCode::InvalidSeries);
  EXPECT_NE(loaded.error().message.find("two different images at the same position"), std::string::npos)
      << loaded.error().message;
  EXPECT_NE(loaded.error().message.find("other-at-slice-2.dcm"), std::string::npos) << loaded.error().message;
}

} // namespace
} // namespace iliometry::dicom
