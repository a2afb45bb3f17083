// Broken, hostile or wrong inputs never crash: they are skipped with a warning naming the file
// when the series stays complete, and otherwise refused with an error that says what was found.
#include "TestVolumes.h"

#include "iliometry/dicom/InputLoader.h"
#include "iliometry/dicom/SeriesWriter.h"

#include <dcmtk/dcmdata/dcdatset.h>
#include <dcmtk/dcmdata/dcdeftag.h>

#include <gtest/gtest.h>

#include <fstream>

namespace iliometry::dicom {
namespace {

namespace fs = std::filesystem;

std::vector<SourceSlice> writeCtSeries(const fs::path& folder, std::size_t slices = 5) {
  const Volume volume =
      test::makeVolume({8, 8, slices}, {1, 1, 2}, {0, 0, 0}, test::kIdentity, Modality::CT, test::linearRamp);
  auto written = writeSeries(volume, folder);
  EXPECT_TRUE(written) << written.error().describe();
  return written ? written.value() : std::vector<SourceSlice>{};
}

void writeBytes(const fs::path& file, const std::string& bytes) {
  std::ofstream out(file, std::ios::binary);
  out << bytes;
}

bool anyWarningMentions(const Volume& volume, const std::string& text) {
  return std::any_of(volume.warnings.begin(), volume.warnings.end(),
                     [&](const std::string& w) { return w.find(text) != std::string::npos; });
}

TEST(HostileInput, NonexistentPathIsInputNotFound) {
  auto loaded = loadInput("/nonexistent/iliometry/input");
  ASSERT_FALSE(loaded);
  EXPECT_EQ(loaded.error().code, ErrorCode::InputNotFound);
  EXPECT_NE(loaded.error().message.find("/nonexistent/iliometry/input"), std::string::npos);
}

TEST(HostileInput, EmptyFolderIsInputNotFound) {
  test::TempFolder folder;
  auto loaded = loadInput(folder.path());
  ASSERT_FALSE(loaded);
  EXPECT_EQ(loaded.error().code, ErrorCode::InputNotFound);
}

TEST(HostileInput, FolderOfJunkIsNoImageSeries) {
  test::TempFolder folder;
  writeBytes(folder / "notes.txt", "this is not DICOM at all");
  writeBytes(folder / "zeros.bin", std::string(4096, '\0'));
  auto loaded = loadInput(folder.path());
  ASSERT_FALSE(loaded);
  EXPECT_EQ(loaded.error().code, ErrorCode::NoImageSeries);
  EXPECT_NE(loaded.error().message.find("none of them DICOM"), std::string::npos) << loaded.error().message;
}

TEST(HostileInput, JunkFilesBesideACompleteSeriesAreSkippedWithWarningsNamingThem) {
  test::TempFolder folder;
  writeCtSeries(folder.path());
  writeBytes(folder / "junk.dcm", std::string(128, '\0') + "DICM" + std::string(300, '\xff'));
  writeBytes(folder / "readme.txt", "hello");
  auto loaded = loadInput(folder.path());
  ASSERT_TRUE(loaded) << loaded.error().describe();
  EXPECT_EQ(loaded.value().volume.image->GetLargestPossibleRegion().GetSize()[2], 5u);
  EXPECT_TRUE(anyWarningMentions(loaded.value().volume, "junk.dcm"));
  EXPECT_TRUE(anyWarningMentions(loaded.value().volume, "readme.txt"));
}

TEST(HostileInput, TruncatedSliceInTheMiddleIsAnErrorNamingTheFile) {
  test::TempFolder folder;
  auto slices = writeCtSeries(folder.path());
  const fs::path victim = slices[2].filePath;
  fs::resize_file(victim, fs::file_size(victim) - 60);
  auto loaded = loadInput(folder.path());
  ASSERT_FALSE(loaded);
  EXPECT_EQ(loaded.error().code, ErrorCode::InvalidSeries);
  EXPECT_NE(loaded.error().describe().find(victim.filename().string()), std::string::npos) << loaded.error().describe();
}

TEST(HostileInput, SliceCutInsideItsHeaderIsSkippedAndTheGapReported) {
  test::TempFolder folder;
  auto slices = writeCtSeries(folder.path());
  fs::resize_file(slices[2].filePath, 200); // only the preamble and part of the meta header remain
  auto loaded = loadInput(folder.path());
  ASSERT_FALSE(loaded);
  EXPECT_EQ(loaded.error().code, ErrorCode::InvalidSeries);
  EXPECT_NE(loaded.error().message.find("slice(s) missing"), std::string::npos) << loaded.error().message;
  EXPECT_NE(loaded.error().message.find("unreadable files were skipped"), std::string::npos) << loaded.error().message;
}

TEST(HostileInput, AbsurdElementLengthDoesNotCrash) {
  test::TempFolder folder;
  writeCtSeries(folder.path());
  // Explicit VR little endian dataset: (0010,0010) PN with length 0xFFF0, then end of file;
  // then an OB element claiming 4 GB.
  std::string bytes(128, '\0');
  bytes += "DICM";
  const unsigned char element[] = {0x10, 0x00, 0x10, 0x00, 'P', 'N', 0xF0, 0xFF, 'A',  'B',  0xE0,
                                   0x7F, 0x10, 0x00, 'O',  'B', 0,   0,    0xF0, 0xFF, 0xFF, 0xFF};
  bytes.append(reinterpret_cast<const char*>(element), sizeof element);
  writeBytes(folder / "absurd.dcm", bytes);
  auto loaded = loadInput(folder.path());
  ASSERT_TRUE(loaded) << loaded.error().describe();
  EXPECT_TRUE(anyWarningMentions(loaded.value().volume, "absurd.dcm"));
}

TEST(HostileInput, ZeroRowsSeriesIsListedButNotLoaded) {
  test::TempFolder folder;
  auto slices = writeCtSeries(folder.path());
  for (const auto& s : slices)
    test::editDicomFile(s.filePath, [](DcmDataset& ds) { ds.putAndInsertUint16(DCM_Rows, 0); });
  auto loaded = loadInput(folder.path());
  ASSERT_FALSE(loaded);
  EXPECT_EQ(loaded.error().code, ErrorCode::NoImageSeries);
  EXPECT_NE(loaded.error().detail.find("unsupported pixel format (0 rows"), std::string::npos)
      << loaded.error().describe();
}

TEST(HostileInput, WrongValueRepresentationsDoNotCrash) {
  test::TempFolder folder;
  auto slices = writeCtSeries(folder.path());
  for (const auto& s : slices)
    test::editDicomFile(s.filePath, [](DcmDataset& ds) {
      ds.putAndInsertString(DCM_ImagePositionPatient, "abc\\def");
      ds.putAndInsertString(DCM_PixelSpacing, "-1");
    });
  auto loaded = loadInput(folder.path());
  ASSERT_FALSE(loaded);
  EXPECT_EQ(loaded.error().code, ErrorCode::NoImageSeries);
  EXPECT_NE(loaded.error().detail.find("no image position"), std::string::npos) << loaded.error().describe();
}

TEST(HostileInput, OnlyNonCtMrSeriesIsUnsupportedModality) {
  test::TempFolder folder;
  auto slices = writeCtSeries(folder.path());
  for (const auto& s : slices)
    test::editDicomFile(s.filePath, [](DcmDataset& ds) { ds.putAndInsertString(DCM_Modality, "PT"); });
  auto loaded = loadInput(folder.path());
  ASSERT_FALSE(loaded);
  EXPECT_EQ(loaded.error().code, ErrorCode::UnsupportedModality);
  EXPECT_NE(loaded.error().describe().find("modality PT"), std::string::npos) << loaded.error().describe();
}

TEST(HostileInput, SingleDicomImageIsNoImageSeries) {
  test::TempFolder folder;
  auto slices = writeCtSeries(folder.path());
  auto loaded = loadInput(slices.front().filePath);
  ASSERT_FALSE(loaded);
  EXPECT_EQ(loaded.error().code, ErrorCode::NoImageSeries);
  EXPECT_NE(loaded.error().detail.find("single image"), std::string::npos) << loaded.error().describe();
}

} // namespace
} // namespace iliometry::dicom
