// Stored values become modality values through Rescale Slope/Intercept, whatever the bit layout.
#include "TestVolumes.h"

#include "iliometry/dicom/InputLoader.h"
#include "iliometry/dicom/SeriesWriter.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>

#include <gtest/gtest.h>

#include <cmath>

namespace iliometry::dicom {
namespace {

TEST(PixelRescale, FractionalIntensitiesRoundTripWithinHalfAStoredStep) {
  test::TempFolder folder;
  // 0.001 .. ~150 in fractional steps: not whole numbers, so the writer picks a slope below 1.
  const Volume written =
      test::makeVolume({10, 10, 3}, {1, 1, 1}, {0, 0, 0}, test::kIdentity, Modality::MR, [](const auto& p) {
        return static_cast<float>(0.001 + 1.37 * p[0] + 2.71 * p[1] + 9.1 * p[2]);
      });
  auto slices = writeSeries(written, folder.path());
  ASSERT_TRUE(slices);
  DcmFileFormat format;
  ASSERT_TRUE(format.loadFile(slices.value().front().filePath.c_str()).good());
  Float64 slope = 0;
  ASSERT_TRUE(format.getDataset()->findAndGetFloat64(DCM_RescaleSlope, slope).good());
  EXPECT_LT(slope, 0.01);

  auto loaded = loadInput(folder.path());
  ASSERT_TRUE(loaded) << loaded.error().describe();
  EXPECT_EQ(loaded.value().volume.info.modality, Modality::MR);
  const auto n = written.image->GetBufferedRegion().GetNumberOfPixels();
  for (std::size_t i = 0; i < n; ++i)
    ASSERT_NEAR(loaded.value().volume.image->GetBufferPointer()[i], written.image->GetBufferPointer()[i],
                slope * 0.5 + 1e-4);
}

TEST(PixelRescale, WholeHounsfieldUnitsAreStoredExactlyWithSlopeOne) {
  test::TempFolder folder;
  const Volume written =
      test::makeVolume({4, 4, 3}, {1, 1, 1}, {0, 0, 0}, test::kIdentity, Modality::CT,
                       [](const auto& p) { return static_cast<float>(-1024 + 100 * p[0] + 500 * p[2]); });
  auto slices = writeSeries(written, folder.path());
  ASSERT_TRUE(slices);
  DcmFileFormat format;
  ASSERT_TRUE(format.loadFile(slices.value().front().filePath.c_str()).good());
  Float64 slope = 0, intercept = 1;
  format.getDataset()->findAndGetFloat64(DCM_RescaleSlope, slope);
  format.getDataset()->findAndGetFloat64(DCM_RescaleIntercept, intercept);
  EXPECT_EQ(slope, 1.0);
  EXPECT_EQ(intercept, 0.0);
}

// Rewrites the pixel data of every file as 12-bit unsigned values in 16-bit words with junk in
// the unused high bits (as some scanners do), with intercept -1024: HU = stored - 1024.
TEST(PixelRescale, TwelveBitUnsignedWithJunkHighBitsAndInterceptGivesHounsfieldUnits) {
  test::TempFolder folder;
  const Volume written =
      test::makeVolume({4, 4, 3}, {1, 1, 1}, {0, 0, 0}, test::kIdentity, Modality::CT, test::linearRamp);
  auto slices = writeSeries(written, folder.path());
  ASSERT_TRUE(slices);
  for (const auto& slice : slices.value())
    test::editDicomFile(slice.filePath, [](DcmDataset& ds) {
      std::vector<Uint16> stored(16);
      for (std::size_t i = 0; i < stored.size(); ++i)
        stored[i] = static_cast<Uint16>(0xF000 | (1000 + 7 * i));
      ds.putAndInsertUint16Array(DCM_PixelData, stored.data(), 16);
      ds.putAndInsertUint16(DCM_BitsStored, 12);
      ds.putAndInsertUint16(DCM_HighBit, 11);
      ds.putAndInsertUint16(DCM_PixelRepresentation, 0);
      ds.putAndInsertString(DCM_RescaleIntercept, "-1024");
      ds.putAndInsertString(DCM_RescaleSlope, "1");
    });
  auto loaded = loadInput(folder.path());
  ASSERT_TRUE(loaded) << loaded.error().describe();
  for (std::size_t i = 0; i < 16; ++i)
    EXPECT_EQ(loaded.value().volume.image->GetBufferPointer()[i], 1000.0f + 7.0f * i - 1024.0f);
}

TEST(PixelRescale, SignedTwelveBitValuesAreSignExtended) {
  test::TempFolder folder;
  const Volume written =
      test::makeVolume({4, 4, 3}, {1, 1, 1}, {0, 0, 0}, test::kIdentity, Modality::CT, test::linearRamp);
  auto slices = writeSeries(written, folder.path());
  ASSERT_TRUE(slices);
  for (const auto& slice : slices.value())
    test::editDicomFile(slice.filePath, [](DcmDataset& ds) {
      std::vector<Uint16> stored(16, 0x0FFF); // -1 in 12-bit two's complement
      stored[1] = 0x0800;                     // -2048
      stored[2] = 0x07FF;                     // 2047
      ds.putAndInsertUint16Array(DCM_PixelData, stored.data(), 16);
      ds.putAndInsertUint16(DCM_BitsStored, 12);
      ds.putAndInsertUint16(DCM_HighBit, 11);
      ds.putAndInsertUint16(DCM_PixelRepresentation, 1);
    });
  auto loaded = loadInput(folder.path());
  ASSERT_TRUE(loaded) << loaded.error().describe();
  const float* v = loaded.value().volume.image->GetBufferPointer();
  EXPECT_EQ(v[0], -1.0f);
  EXPECT_EQ(v[1], -2048.0f);
  EXPECT_EQ(v[2], 2047.0f);
}

TEST(PixelRescale, MonochromeOneMrIsInvertedSoThatLargerMeansBrighter) {
  test::TempFolder folder;
  const Volume written = test::makeVolume({4, 4, 3}, {1, 1, 1}, {0, 0, 0}, test::kIdentity, Modality::MR,
                                          [](const auto& p) { return static_cast<float>(p[0]); });
  auto slices = writeSeries(written, folder.path());
  ASSERT_TRUE(slices);
  for (const auto& slice : slices.value())
    test::editDicomFile(slice.filePath, [](DcmDataset& ds) {
      std::vector<Uint8> stored{0, 10, 200, 255};
      stored.resize(16, 0);
      ds.putAndInsertUint8Array(DCM_PixelData, stored.data(), 16);
      ds.putAndInsertUint16(DCM_BitsAllocated, 8);
      ds.putAndInsertUint16(DCM_BitsStored, 8);
      ds.putAndInsertUint16(DCM_HighBit, 7);
      ds.putAndInsertUint16(DCM_PixelRepresentation, 0);
      ds.putAndInsertString(DCM_PhotometricInterpretation, "MONOCHROME1");
      ds.putAndInsertString(DCM_RescaleIntercept, "0");
      ds.putAndInsertString(DCM_RescaleSlope, "1");
    });
  auto loaded = loadInput(folder.path());
  ASSERT_TRUE(loaded) << loaded.error().describe();
  const float* v = loaded.value().volume.image->GetBufferPointer();
  EXPECT_EQ(v[0], 255.0f);
  EXPECT_EQ(v[1], 245.0f);
  EXPECT_EQ(v[2], 55.0f);
  EXPECT_EQ(v[3], 0.0f);
}

} // namespace
} // namespace iliometry::dicom
