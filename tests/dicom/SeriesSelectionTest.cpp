// A folder with several series: the longest axial CT/MR stack is chosen, the rest are listed with
// the reason they are not candidates, and a Series Instance UID overrides the choice.
#include "TestVolumes.h"

#include "iliometry/dicom/InputLoader.h"
#include "iliometry/dicom/SeriesWriter.h"

#include <gtest/gtest.h>

#include <cmath>

namespace iliometry::dicom {
namespace {

namespace fs = std::filesystem;

Volume volumeWith(std::size_t slices, double sliceSpacingMm, const test::Direction& direction,
                  const std::string& seriesUid) {
  Volume v =
      test::makeVolume({8, 8, slices}, {1, 1, sliceSpacingMm}, {0, 0, 0}, direction, Modality::CT, test::linearRamp);
  v.info.seriesInstanceUid = seriesUid;
  v.info.studyInstanceUid = "1.2.826.0.1.3680043.10.1";
  v.info.frameOfReferenceUid = "1.2.826.0.1.3680043.10.2";
  return v;
}

const test::Direction kCoronal{1,  0, 0, 0, 0,
                               -1, 0, 1, 0}; // rows along +x, columns along +z, slices stack along -y (anterior)

class MixedFolder : public ::testing::Test {
protected:
  void SetUp() override {
    auto write = [&](const Volume& v, const std::string& sub, SeriesWriteOptions options = {}) {
      auto written = writeSeries(v, m_folder / sub, options);
      ASSERT_TRUE(written) << written.error().describe();
    };
    write(volumeWith(20, 2.0, test::kIdentity, kLongAxial), "a-long");   // 38 mm: the one to choose
    write(volumeWith(12, 1.0, test::kIdentity, kShortAxial), "b-short"); // 11 mm, more slices per mm
    write(volumeWith(30, 2.0, kCoronal, kCoronalReformat), "c-coronal"); // longer, but coronal
    SeriesWriteOptions localizer;
    localizer.imageType = "ORIGINAL\\PRIMARY\\LOCALIZER";
    write(volumeWith(40, 2.0, test::kIdentity, kLocalizer), "d-localizer", localizer);
    SeriesWriteOptions capture;
    capture.sopClassUidOverride = "1.2.840.10008.5.1.4.1.1.7"; // secondary capture
    write(volumeWith(40, 2.0, test::kIdentity, kCapture), "e-capture", capture);
    write(volumeWith(1, 2.0, test::kIdentity, kSingle), "f-single");
  }

  const SeriesSummary* find(const LoadedInput& input, const std::string& uid) const {
    for (const auto& s : input.series)
      if (s.seriesInstanceUid == uid) return &s;
    return nullptr;
  }

  static constexpr const char* kLongAxial = "1.2.826.0.1.3680043.10.100";
  static constexpr const char* kShortAxial = "1.2.826.0.1.3680043.10.101";
  static constexpr const char* kCoronalReformat = "1.2.826.0.1.3680043.10.102";
  static constexpr const char* kLocalizer = "1.2.826.0.1.3680043.10.103";
  static constexpr const char* kCapture = "1.2.826.0.1.3680043.10.104";
  static constexpr const char* kSingle = "1.2.826.0.1.3680043.10.105";
  test::TempFolder m_folder;
};

TEST_F(MixedFolder, ChoosesTheLongestAxialStackAndExplainsTheOthers) {
  auto loaded = loadInput(m_folder.path());
  ASSERT_TRUE(loaded) << loaded.error().describe();
  EXPECT_EQ(loaded.value().chosenSeriesUid, kLongAxial);
  EXPECT_EQ(loaded.value().volume.info.seriesInstanceUid, kLongAxial);
  EXPECT_EQ(loaded.value().series.size(), 6u);
  EXPECT_TRUE(find(loaded.value(), kLongAxial)->isVolumeCandidate);
  EXPECT_TRUE(find(loaded.value(), kShortAxial)->isVolumeCandidate);
  EXPECT_EQ(find(loaded.value(), kCoronalReformat)->notCandidateReason, "not axial (coronal)");
  EXPECT_EQ(find(loaded.value(), kLocalizer)->notCandidateReason, "localizer");
  EXPECT_EQ(find(loaded.value(), kCapture)->notCandidateReason, "secondary capture");
  EXPECT_EQ(find(loaded.value(), kSingle)->notCandidateReason, "single image");
  EXPECT_EQ(loaded.value().series[static_cast<std::size_t>(loaded.value().chosenSeriesIndex)].seriesInstanceUid,
            kLongAxial);
}

TEST_F(MixedFolder, SeriesUidOverridesTheChoice) {
  LoadOptions options;
  options.seriesInstanceUid = kShortAxial;
  auto loaded = loadInput(m_folder.path(), options);
  ASSERT_TRUE(loaded) << loaded.error().describe();
  EXPECT_EQ(loaded.value().chosenSeriesUid, kShortAxial);
  EXPECT_EQ(loaded.value().volume.image->GetLargestPossibleRegion().GetSize()[2], 12u);
}

TEST_F(MixedFolder, RequestedNonAxialStackIsLoadedWithItsOwnGeometry) {
  LoadOptions options;
  options.seriesInstanceUid = kCoronalReformat;
  auto loaded = loadInput(m_folder.path(), options);
  ASSERT_TRUE(loaded) << loaded.error().describe();
  EXPECT_NEAR(loaded.value().volume.image->GetDirection()(1, 2), -1.0, 1e-6); // slices stack along -y, as written
  EXPECT_NEAR(loaded.value().volume.image->GetDirection()(2, 1), 1.0, 1e-6);
}

TEST_F(MixedFolder, RequestedLocalizerIsRefusedWithItsReason) {
  LoadOptions options;
  options.seriesInstanceUid = kLocalizer;
  auto loaded = loadInput(m_folder.path(), options);
  ASSERT_FALSE(loaded);
  EXPECT_EQ(loaded.error().code, ErrorCode::NoImageSeries);
  EXPECT_NE(loaded.error().message.find("localizer"), std::string::npos);
}

TEST_F(MixedFolder, UnknownSeriesUidIsAnInvalidArgument) {
  LoadOptions options;
  options.seriesInstanceUid = "9.9.9";
  auto loaded = loadInput(m_folder.path(), options);
  ASSERT_FALSE(loaded);
  EXPECT_EQ(loaded.error().code, ErrorCode::InvalidArgument);
  EXPECT_NE(loaded.error().message.find("9.9.9"), std::string::npos);
}

TEST(SeriesSplitting, OneSeriesUidWithTwoOrientationsIsSplitIntoParts) {
  test::TempFolder folder;
  ASSERT_TRUE(writeSeries(volumeWith(10, 2.0, test::kIdentity, "1.2.826.0.1.3680043.10.200"), folder / "axial"));
  ASSERT_TRUE(writeSeries(volumeWith(6, 2.0, kCoronal, "1.2.826.0.1.3680043.10.200"), folder / "coronal"));
  auto loaded = loadInput(folder.path());
  ASSERT_TRUE(loaded) << loaded.error().describe();
  ASSERT_EQ(loaded.value().series.size(), 2u);
  EXPECT_EQ(loaded.value().series[0].partNumber + loaded.value().series[1].partNumber, 3);
  EXPECT_EQ(loaded.value().volume.image->GetLargestPossibleRegion().GetSize()[2], 10u);
  EXPECT_NEAR(loaded.value().volume.image->GetDirection()(2, 2), 1.0, 1e-9);
}

TEST(StudyMetadata, PatientAndStudyFactsComeFromTheFiles) {
  test::TempFolder folder;
  Volume v = volumeWith(4, 2.0, test::kIdentity, "1.2.826.0.1.3680043.10.300");
  v.info.patientName = "Doe^Jane";
  v.info.patientId = "P-42";
  v.info.patientSex = "F";
  v.info.patientAge = "054Y";
  v.info.patientHeightM = 1.68;
  v.info.patientWeightKg = 61.5;
  v.info.studyDate = "20240131";
  v.info.accessionNumber = "ACC123";
  v.info.manufacturer = "Iliometry";
  v.info.bodyPart = "ABDOMEN";
  v.info.seriesDescription = "Abdomen 2mm";
  ASSERT_TRUE(writeSeries(v, folder.path()));
  auto loaded = loadInput(folder.path());
  ASSERT_TRUE(loaded) << loaded.error().describe();
  const StudyInfo& info = loaded.value().volume.info;
  EXPECT_EQ(info.patientName, "Doe^Jane");
  EXPECT_EQ(info.patientId, "P-42");
  EXPECT_EQ(info.patientSex, "F");
  EXPECT_EQ(info.patientAge, "054Y");
  ASSERT_TRUE(info.patientHeightM);
  EXPECT_DOUBLE_EQ(*info.patientHeightM, 1.68);
  ASSERT_TRUE(info.patientWeightKg);
  EXPECT_DOUBLE_EQ(*info.patientWeightKg, 61.5);
  EXPECT_EQ(info.studyInstanceUid, "1.2.826.0.1.3680043.10.1");
  EXPECT_EQ(info.seriesInstanceUid, "1.2.826.0.1.3680043.10.300");
  EXPECT_EQ(info.frameOfReferenceUid, "1.2.826.0.1.3680043.10.2");
  EXPECT_EQ(info.studyDate, "20240131");
  EXPECT_EQ(info.accessionNumber, "ACC123");
  EXPECT_EQ(info.manufacturer, "Iliometry");
  EXPECT_EQ(info.bodyPart, "ABDOMEN");
  EXPECT_EQ(info.seriesDescription, "Abdomen 2mm");
  EXPECT_EQ(info.modality, Modality::CT);
  EXPECT_EQ(info.sourceFormat, "DICOM");
}

} // namespace
} // namespace iliometry::dicom

namespace iliometry::dicom {
namespace {

// MR studies of the spine are often sagittal only: the user must learn that an axial stack is
// needed, and which series were found instead.
TEST(SeriesSelection, MrWithOnlySagittalAndCoronalStacksIsRefusedAskingForAnAxialSeries) {
  test::TempFolder folder;
  const test::Direction sagittal{0, 0, 1, 1, 0, 0, 0, -1, 0}; // rows along +y, columns along -z, slices along +x
  const test::Direction coronal{1, 0, 0, 0, 0, -1, 0, 1, 0};
  int n = 0;
  for (const auto& direction : {sagittal, coronal}) {
    Volume v = test::makeVolume({8, 8, 20}, {1, 1, 4}, {0, 0, 0}, direction, Modality::MR, test::linearRamp);
    v.info.seriesInstanceUid = "1.2.826.0.1.3680043.10.20" + std::to_string(n);
    v.info.studyInstanceUid = "1.2.826.0.1.3680043.10.1";
    ASSERT_TRUE(writeSeries(v, folder.path() / std::to_string(n++)));
  }
  const auto loaded = loadInput(folder.path());
  ASSERT_FALSE(loaded);
  EXPECT_EQ(loaded.error().code, ErrorCode::NoImageSeries);
  const std::string text = loaded.error().describe();
  EXPECT_NE(text.find("only coronal/sagittal stacks"), std::string::npos) << text;
  EXPECT_NE(text.find("axial"), std::string::npos) << text;
  EXPECT_NE(text.find("not axial (sagittal)"), std::string::npos) << text;
  EXPECT_NE(text.find(folder.path().string()), std::string::npos) << text;
}

} // namespace
} // namespace iliometry::dicom
