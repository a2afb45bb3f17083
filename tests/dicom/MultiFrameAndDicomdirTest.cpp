// Enhanced (multi-frame) CT objects and DICOMDIR inputs.
#include "TestVolumes.h"

#include "iliometry/dicom/InputLoader.h"
#include "iliometry/dicom/SeriesWriter.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcitem.h>
#include <dcmtk/dcmdata/dcuid.h>

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

namespace iliometry::dicom {
namespace {

namespace fs = std::filesystem;

DcmItem* newItem(DcmItem& parent, const DcmTagKey& sequence, long index = -2) {
  DcmItem* item = nullptr;
  parent.findOrCreateSequenceItem(sequence, item, index);
  return item;
}

// Four 6x5 frames stored in reverse position order (z = 6, 4, 2, 0); stored value of frame f is
// 100*f + pixel index, shown as HU with intercept -1024 in the shared functional groups.
void writeEnhancedCt(const fs::path& file) {
  DcmFileFormat format;
  DcmDataset& ds = *format.getDataset();
  ds.putAndInsertString(DCM_SOPClassUID, UID_EnhancedCTImageStorage);
  ds.putAndInsertString(DCM_SOPInstanceUID, "1.2.826.0.1.3680043.10.900.1");
  ds.putAndInsertString(DCM_StudyInstanceUID, "1.2.826.0.1.3680043.10.900");
  ds.putAndInsertString(DCM_SeriesInstanceUID, "1.2.826.0.1.3680043.10.901");
  ds.putAndInsertString(DCM_Modality, "CT");
  ds.putAndInsertString(DCM_ImageType, "ORIGINAL\\PRIMARY\\AXIAL\\NONE");
  ds.putAndInsertUint16(DCM_Rows, 5);
  ds.putAndInsertUint16(DCM_Columns, 6);
  ds.putAndInsertUint16(DCM_BitsAllocated, 16);
  ds.putAndInsertUint16(DCM_BitsStored, 16);
  ds.putAndInsertUint16(DCM_HighBit, 15);
  ds.putAndInsertUint16(DCM_PixelRepresentation, 0);
  ds.putAndInsertUint16(DCM_SamplesPerPixel, 1);
  ds.putAndInsertString(DCM_PhotometricInterpretation, "MONOCHROME2");
  ds.putAndInsertString(DCM_NumberOfFrames, "4");
  DcmItem* shared = newItem(ds, DCM_SharedFunctionalGroupsSequence, 0);
  newItem(*shared, DCM_PixelMeasuresSequence, 0)->putAndInsertString(DCM_PixelSpacing, "0.5\\0.6");
  newItem(*shared, DCM_PlaneOrientationSequence, 0)
      ->putAndInsertString(DCM_ImageOrientationPatient, "1\\0\\0\\0\\1\\0");
  DcmItem* transform = newItem(*shared, DCM_PixelValueTransformationSequence, 0);
  transform->putAndInsertString(DCM_RescaleIntercept, "-1024");
  transform->putAndInsertString(DCM_RescaleSlope, "1");
  for (int f = 0; f < 4; ++f) {
    DcmItem* perFrame = newItem(ds, DCM_PerFrameFunctionalGroupsSequence, f);
    const std::string position = "10\\20\\" + std::to_string(6 - 2 * f);
    newItem(*perFrame, DCM_PlanePositionSequence, 0)->putAndInsertString(DCM_ImagePositionPatient, position.c_str());
  }
  std::vector<Uint16> pixels(4 * 30);
  for (int f = 0; f < 4; ++f)
    for (int i = 0; i < 30; ++i)
      pixels[f * 30 + i] = static_cast<Uint16>(100 * f + i);
  ds.putAndInsertUint16Array(DCM_PixelData, pixels.data(), static_cast<unsigned long>(pixels.size()));
  ASSERT_TRUE(format.saveFile(file.c_str(), EXS_LittleEndianExplicit).good());
}

TEST(EnhancedMultiFrame, FramesAreStackedByTheirPerFramePositions) {
  test::TempFolder folder;
  writeEnhancedCt(folder / "enhanced.dcm");
  auto loaded = loadInput(folder / "enhanced.dcm");
  ASSERT_TRUE(loaded) << loaded.error().describe();
  const Volume& v = loaded.value().volume;
  EXPECT_EQ(v.image->GetLargestPossibleRegion().GetSize()[2], 4u);
  EXPECT_NEAR(v.image->GetOrigin()[2], 0.0, 1e-9);
  EXPECT_NEAR(v.image->GetSpacing()[0], 0.6, 1e-9); // column spacing is Pixel Spacing's second value
  EXPECT_NEAR(v.image->GetSpacing()[1], 0.5, 1e-9);
  EXPECT_NEAR(v.image->GetSpacing()[2], 2.0, 1e-9);
  // Slice 0 (z = 0) is frame 4, whose stored values start at 300.
  ASSERT_EQ(v.slices.size(), 4u);
  EXPECT_EQ(v.slices[0].frameNumber, 4);
  EXPECT_EQ(v.slices[3].frameNumber, 1);
  EXPECT_EQ(v.image->GetPixel({{0, 0, 0}}), 300.0f - 1024.0f);
  EXPECT_EQ(v.image->GetPixel({{5, 4, 3}}), 29.0f - 1024.0f);
  EXPECT_EQ(loaded.value().series.front().fileCount, 1u);
}

TEST(Dicomdir, OnlyTheFilesItReferencesAreLoaded) {
  if (std::system("command -v dcmmkdir > /dev/null 2>&1") != 0) GTEST_SKIP() << "dcmmkdir (dcmtk) not installed";
  test::TempFolder folder;
  // DICOMDIR file IDs must be short upper-case names without extension.
  SeriesWriteOptions options;
  options.fileNamePrefix = "IM";
  Volume referenced =
      test::makeVolume({8, 8, 6}, {1, 1, 2}, {0, 0, 0}, test::kIdentity, Modality::CT, test::linearRamp);
  auto slices = writeSeries(referenced, folder / "MEDIA" / "SER1", options);
  ASSERT_TRUE(slices);
  for (const auto& s : slices.value())
    fs::rename(s.filePath, fs::path(s.filePath).replace_extension());
  const std::string command = "cd '" + (folder / "MEDIA").string() + "' && dcmmkdir +r +I SER1 > dcmmkdir.log 2>&1";
  ASSERT_EQ(std::system(command.c_str()), 0) << std::ifstream(folder / "MEDIA" / "dcmmkdir.log").rdbuf();
  fs::remove(folder / "MEDIA" / "dcmmkdir.log");
  // A longer series beside the media that the DICOMDIR does not list: a folder walk would choose it.
  Volume other = test::makeVolume({8, 8, 20}, {1, 1, 2}, {0, 0, 0}, test::kIdentity, Modality::CT, test::linearRamp);
  ASSERT_TRUE(writeSeries(other, folder / "MEDIA" / "UNLISTED"));

  auto loaded = loadInput(folder / "MEDIA" / "DICOMDIR");
  ASSERT_TRUE(loaded) << loaded.error().describe();
  EXPECT_EQ(loaded.value().volume.image->GetLargestPossibleRegion().GetSize()[2], 6u);
  EXPECT_EQ(loaded.value().series.size(), 1u);
}

} // namespace
} // namespace iliometry::dicom
