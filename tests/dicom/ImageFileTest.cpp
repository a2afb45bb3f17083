// NIfTI, NRRD and MetaImage through ITK: geometry survives with a non-identity direction, and
// the modality follows the documented Hounsfield-range rule unless overridden.
#include "TestVolumes.h"

#include "iliometry/dicom/InputLoader.h"
#include "iliometry/dicom/SeriesWriter.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>

namespace iliometry::dicom {
namespace {

// Rotated 30 degrees about z and feet-first along the third axis: nothing identity-like.
const test::Direction kRotated{
    std::cos(M_PI / 6), -std::sin(M_PI / 6), 0, std::sin(M_PI / 6), std::cos(M_PI / 6), 0, 0, 0, -1};

float huLike(const IntensityImage::PointType& p) { return p[0] > 0 ? 600.0f : -900.0f; }

class ImageFileRoundTrip : public ::testing::TestWithParam<std::string> {};

TEST_P(ImageFileRoundTrip, DirectionOriginSpacingAndVoxelsSurvive) {
  test::TempFolder folder;
  const Volume written =
      test::makeVolume({9, 7, 5}, {0.9, 1.1, 3.0}, {10.5, -20.0, 35.0}, kRotated, Modality::CT, test::linearRamp);
  const auto file = folder / ("volume" + GetParam());
  auto result = writeImageFile(*written.image, file);
  ASSERT_TRUE(result) << result.error().describe();
  auto loaded = loadInput(file);
  ASSERT_TRUE(loaded) << loaded.error().describe();
  const IntensityImage& image = *loaded.value().volume.image;
  for (unsigned r = 0; r < 3; ++r) {
    EXPECT_NEAR(image.GetOrigin()[r], written.image->GetOrigin()[r], 1e-4);
    EXPECT_NEAR(image.GetSpacing()[r], written.image->GetSpacing()[r], 1e-5);
    for (unsigned c = 0; c < 3; ++c)
      EXPECT_NEAR(image.GetDirection()(r, c), written.image->GetDirection()(r, c), 1e-5);
  }
  const auto n = written.image->GetBufferedRegion().GetNumberOfPixels();
  for (std::size_t i = 0; i < n; ++i)
    ASSERT_EQ(image.GetBufferPointer()[i], written.image->GetBufferPointer()[i]);
  EXPECT_EQ(loaded.value().chosenSeriesIndex, -1);
  ASSERT_EQ(loaded.value().series.size(), 1u);
  EXPECT_TRUE(std::filesystem::exists(file));
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(folder.path()), std::filesystem::directory_iterator()), 1)
      << "no temporary file left behind";
}

INSTANTIATE_TEST_SUITE_P(Formats, ImageFileRoundTrip, ::testing::Values(".nii.gz", ".nii", ".nrrd", ".mha"),
                         [](const auto& info) {
                           std::string name = info.param.substr(1);
                           std::replace(name.begin(), name.end(), '.', '_');
                           return name;
                         });

TEST(ImageFileModality, HounsfieldLikeRangeIsTakenAsCt) {
  test::TempFolder folder;
  const Volume v = test::makeVolume({4, 4, 4}, {1, 1, 1}, {-2, -2, -2}, test::kIdentity, Modality::CT, huLike);
  ASSERT_TRUE(writeImageFile(*v.image, folder / "ct.nii.gz"));
  auto loaded = loadInput(folder / "ct.nii.gz");
  ASSERT_TRUE(loaded) << loaded.error().describe();
  EXPECT_EQ(loaded.value().volume.info.modality, Modality::CT);
  EXPECT_EQ(loaded.value().volume.info.sourceFormat, "NIfTI");
}

TEST(ImageFileModality, PositiveRangeIsUnknownUnlessOverridden) {
  test::TempFolder folder;
  const Volume v = test::makeVolume({4, 4, 4}, {1, 1, 1}, {0, 0, 0}, test::kIdentity, Modality::MR,
                                    [](const auto& p) { return static_cast<float>(100 + p[0]); });
  ASSERT_TRUE(writeImageFile(*v.image, folder / "mr.nii.gz"));
  auto loaded = loadInput(folder / "mr.nii.gz");
  ASSERT_TRUE(loaded);
  EXPECT_EQ(loaded.value().volume.info.modality, Modality::Unknown);
  LoadOptions options;
  options.modalityOverride = Modality::MR;
  auto overridden = loadInput(folder / "mr.nii.gz", options);
  ASSERT_TRUE(overridden);
  EXPECT_EQ(overridden.value().volume.info.modality, Modality::MR);
}

TEST(ImageFileModality, CorruptNiftiIsAnErrorNamingTheFile) {
  test::TempFolder folder;
  {
    std::ofstream out(folder / "broken.nii", std::ios::binary);
    out << std::string(100, 'x');
  }
  auto loaded = loadInput(folder / "broken.nii");
  ASSERT_FALSE(loaded);
  EXPECT_EQ(loaded.error().code, ErrorCode::InvalidSeries);
  EXPECT_NE(loaded.error().message.find("broken.nii"), std::string::npos);
}

// A file cut short (an interrupted copy): ITK would read the header and invent the rest.
class TruncatedNifti : public ::testing::TestWithParam<std::string> {};

TEST_P(TruncatedNifti, IsAnErrorSayingSoAndNamingTheFile) {
  test::TempFolder folder;
  const Volume written = test::makeVolume({40, 40, 20}, {1, 1, 2}, {0, 0, 0}, test::kIdentity, Modality::CT, huLike);
  const auto whole = folder / ("whole" + GetParam());
  ASSERT_TRUE(writeImageFile(*written.image, whole));
  const auto size = std::filesystem::file_size(whole);
  std::string bytes(size, '\0');
  std::ifstream(whole, std::ios::binary).read(bytes.data(), static_cast<std::streamsize>(size));
  const auto cut = folder / ("cut" + GetParam());
  std::ofstream(cut, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(size * 2 / 3));

  ASSERT_TRUE(loadInput(whole)) << "the whole file reads";
  auto loaded = loadInput(cut);
  ASSERT_FALSE(loaded);
  EXPECT_EQ(loaded.error().code, ErrorCode::InvalidSeries);
  EXPECT_NE(loaded.error().message.find(cut.filename().string()), std::string::npos) << loaded.error().message;
  EXPECT_NE(loaded.error().message.find("truncated"), std::string::npos) << loaded.error().message;
}

INSTANTIATE_TEST_SUITE_P(Formats, TruncatedNifti, ::testing::Values(".nii.gz", ".nii"), [](const auto& info) {
  std::string name = info.param.substr(1);
  std::replace(name.begin(), name.end(), '.', '_');
  return name;
});

TEST(LabelFile, LabelsAreWrittenAsUint8Nifti) {
  test::TempFolder folder;
  auto labels = LabelImage::New();
  LabelImage::RegionType region;
  region.SetSize({3, 3, 3});
  labels->SetRegions(region);
  labels->Allocate();
  labels->FillBuffer(4);
  ASSERT_TRUE(writeLabelFile(*labels, folder / "labels.nii.gz"));
  auto loaded = loadInput(folder / "labels.nii.gz");
  ASSERT_TRUE(loaded);
  EXPECT_EQ(loaded.value().volume.image->GetBufferPointer()[13], 4.0f);
}

} // namespace
} // namespace iliometry::dicom
