// The PACS exports of a real run on a DICOM phantom: report.pdf, seg.dcm, sr.dcm and the
// key-image Secondary Capture. Each test asserts properties of the exported objects relative to
// the labels the workflow produced (labels.nii.gz), not the accuracy of the segmentation.
// External checkers are the independent ones a PACS site would use: dciodvfy (dicom3tools),
// dsrdump (DCMTK) and pdfinfo/pdftotext (poppler).
#include "TempFolder.h"

#include "iliometry/dicom/InputLoader.h"
#include "iliometry/report/Pseudonym.h"
#include "iliometry/report/SegmentationObject.h"
#include "iliometry/report/VolumeGeometry.h"
#include "iliometry/testdata/Phantom.h"
#include "iliometry/testdata/PhantomWriter.h"
#include "iliometry/workflow/MeasureWorkflow.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <gtest/gtest.h>
#include <itkImageFileReader.h>
#include <itkImageRegionConstIterator.h>
#include <itkNiftiImageIO.h>
#include <nlohmann/json.hpp>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>

using namespace iliometry;
using namespace iliometry::workflow;
using iliometry::testing_support::TempFolder;
namespace fs = std::filesystem;

namespace {

constexpr const char* kSecret = "cohort-secret-2024";

struct CommandResult {
  int exitCode = -1;
  std::string output; // stdout and stderr
};

CommandResult run(const std::string& command) {
  CommandResult result;
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(::popen((command + " 2>&1").c_str(), "r"), ::pclose);
  if (!pipe) return result;
  char buffer[4096];
  while (std::fgets(buffer, sizeof buffer, pipe.get()) != nullptr) result.output += buffer;
  const int status = ::pclose(pipe.release());
  result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

std::string quoted(const fs::path& path) { return "'" + path.string() + "'"; }

LabelImage::Pointer readLabelFile(const fs::path& path) {
  auto reader = itk::ImageFileReader<LabelImage>::New();
  reader->SetImageIO(itk::NiftiImageIO::New());
  reader->SetFileName(path.string());
  reader->Update();
  return reader->GetOutput();
}

std::string tagOf(const fs::path& path, const DcmTagKey& tag) {
  DcmFileFormat file;
  if (file.loadFile(path.c_str()).bad()) return "<unreadable>";
  OFString value;
  file.getDataset()->findAndGetOFStringArray(tag, value);
  return value.c_str();
}

std::string fileBytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

// dciodvfy prints "Error - ..." for each violation of the IOD; warnings are allowed.
std::vector<std::string> dciodvfyErrors(const fs::path& path) {
  const CommandResult result = run("dciodvfy " + quoted(path));
  std::vector<std::string> errors;
  std::istringstream lines(result.output);
  for (std::string line; std::getline(lines, line);)
    if (line.rfind("Error", 0) == 0) errors.push_back(line);
  return errors;
}

// One measured DICOM phantom shared by the tests: the workflow's own outputs (labels.nii.gz),
// then the full export of the same run, plain and anonymized.
// The shared run, filled once per process by the suite set-up. ctest starts one process per
// test, so the checks are grouped into three tests to measure the phantom only three times.
std::unique_ptr<TempFolder> s_folder;
std::unique_ptr<report::MeasurementReport> s_report;
std::unique_ptr<Volume> s_volume;
LabelImage::Pointer s_labels;
std::unique_ptr<MeasureOutputs> s_plain, s_anonymized;
std::string s_patientName, s_patientId;

fs::path plainDir() { return s_folder->path() / "exports"; }
fs::path anonymizedDir() { return s_folder->path() / "anonymized"; }

class MeasureExportsIntegration : public ::testing::Test {
protected:
  static void SetUpTestSuite() {
    s_folder = std::make_unique<TempFolder>("exports");
    testdata::PhantomParameters parameters;
    parameters.psoasRatio = 1.4; // asymmetric, so the flag and the index have something to say
    const testdata::Phantom phantom = testdata::generatePhantom(parameters);
    s_patientName = phantom.volume.info.patientName;
    s_patientId = phantom.volume.info.patientId;
    auto study = testdata::writePhantomStudy(phantom, s_folder->path() / "study", testdata::PhantomFormat::Dicom);
    ASSERT_TRUE(study) << study.error().describe();

    MeasureOptions options;
    options.inputPath = study.value().image;
    options.outputDir = s_folder->path() / "measure";
    options.quiet = true;
    auto outcome = runMeasure(options);
    ASSERT_TRUE(outcome) << outcome.error().describe();
    s_report = std::make_unique<report::MeasurementReport>(outcome.value().report);
    s_labels = readLabelFile(outcome.value().outputs.labelsPath);

    auto loaded = dicom::loadInput(study.value().image);
    ASSERT_TRUE(loaded) << loaded.error().describe();
    s_volume = std::make_unique<Volume>(loaded.value().volume);

    auto plain = writeMeasureOutputs(plainDir(), *s_volume, *s_labels, *s_report, {});
    ASSERT_TRUE(plain) << plain.error().describe();
    s_plain = std::make_unique<MeasureOutputs>(plain.value());
    auto anonymized = writeMeasureOutputs(anonymizedDir(), *s_volume, *s_labels, *s_report, ExportOptions{kSecret});
    ASSERT_TRUE(anonymized) << anonymized.error().describe();
    s_anonymized = std::make_unique<MeasureOutputs>(anonymized.value());
  }
  static void TearDownTestSuite() {
    // ILIOMETRY_KEEP_EXPORTS=DIR keeps a copy of the exports to look at (pdftoppm, dciodvfy, dsrdump).
    if (const char* keep = std::getenv("ILIOMETRY_KEEP_EXPORTS"); keep != nullptr && s_folder) {
      std::error_code ec;
      fs::copy(s_folder->path(), keep, fs::copy_options::recursive | fs::copy_options::overwrite_existing, ec);
    }
    s_plain.reset();
    s_anonymized.reset();
    s_volume.reset();
    s_report.reset();
    s_labels = nullptr;
    s_folder.reset();
  }
  void SetUp() override {
    if (!s_plain || !s_anonymized) GTEST_FAIL() << "the shared measurement run failed (see the suite set-up)";
  }


};

void checkAllOutputsAreWrittenForDicomInput() {
  for (const auto& path : {s_plain->labelsPath, s_plain->jsonPath, s_plain->csvPath}) EXPECT_TRUE(fs::exists(path)) << path;
  ASSERT_TRUE(s_plain->pdfPath && s_plain->segmentationPath && s_plain->structuredReportPath && s_plain->keyImagePath);
  EXPECT_EQ(*s_plain->segmentationPath, plainDir() / "seg.dcm");
  EXPECT_EQ(*s_plain->structuredReportPath, plainDir() / "sr.dcm");
  EXPECT_EQ(*s_plain->keyImagePath, plainDir() / "keyimages.dcm");
  EXPECT_TRUE(s_plain->notes.empty());
  // Nothing but the outputs: atomic writing leaves no temporary files behind.
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(plainDir())) ++files;
  EXPECT_EQ(files, 7u);
}

void checkSegReadBackEqualsLabelsVoxelForVoxel() {
  auto fromSeg = report::readSegmentationObject(*s_plain->segmentationPath, report::geometryOf(*s_labels));
  ASSERT_TRUE(fromSeg) << fromSeg.error().describe();
  ASSERT_TRUE(report::sameGrid(report::geometryOf(*fromSeg.value()), report::geometryOf(*s_labels)));
  itk::ImageRegionConstIterator<LabelImage> expected(s_labels, s_labels->GetLargestPossibleRegion());
  itk::ImageRegionConstIterator<LabelImage> actual(fromSeg.value(), fromSeg.value()->GetLargestPossibleRegion());
  std::size_t differing = 0, labelled = 0;
  for (; !expected.IsAtEnd(); ++expected, ++actual) {
    differing += expected.Get() != actual.Get();
    labelled += expected.Get() != kBackgroundLabel;
  }
  EXPECT_GT(labelled, 0u) << "the workflow labelled nothing: the round trip would be trivial";
  EXPECT_EQ(differing, 0u);
}

void checkSegHasOneCodedSegmentPerLabelledStructure() {
  const std::string dump = run("dcmdump +P 0062,0005 +P 0062,0020 " + quoted(*s_plain->segmentationPath)).output;
  for (Structure structure : kStructures) {
    const bool labelled = s_report->measurements.of(structure).voxelCount > 0;
    EXPECT_EQ(dump.find(structureKey(structure)) != std::string::npos, labelled) << structureKey(structure);
  }
  const std::string codes = run("dcmdump " + quoted(*s_plain->segmentationPath)).output;
  EXPECT_NE(codes.find("7771000"), std::string::npos);  // left
  EXPECT_NE(codes.find("24028007"), std::string::npos); // right
  EXPECT_NE(codes.find("PSOAS-MAJOR"), std::string::npos);
  EXPECT_EQ(tagOf(*s_plain->segmentationPath, DCM_FrameOfReferenceUID), s_volume->info.frameOfReferenceUid);
  EXPECT_EQ(tagOf(*s_plain->segmentationPath, DCM_StudyInstanceUID), s_volume->info.studyInstanceUid);
}

void checkDciodvfyFindsNoErrorInSegSrOrKeyImage() {
  for (const auto& path : {*s_plain->segmentationPath, *s_plain->structuredReportPath, *s_plain->keyImagePath,
                           *s_anonymized->segmentationPath, *s_anonymized->structuredReportPath}) {
    const auto errors = dciodvfyErrors(path);
    EXPECT_TRUE(errors.empty()) << path << ":\n" << (errors.empty() ? "" : errors.front()) << "\n(" << errors.size()
                                << " errors)";
  }
}

void checkDsrdumpReadsTheTid1500ReportWithGroupsLevelsAndAsymmetry() {
  const CommandResult dump = run("dsrdump +Pu +Pl " + quoted(*s_plain->structuredReportPath));
  ASSERT_EQ(dump.exitCode, 0) << dump.output;
  EXPECT_NE(dump.output.find("Comprehensive 3D SR"), std::string::npos);
  EXPECT_NE(dump.output.find("Imaging Measurement Report"), std::string::npos);
  for (Structure structure : kStructures)
    if (s_report->measurements.of(structure).voxelCount > 0)
      EXPECT_NE(dump.output.find("\"" + structureKey(structure) + "\""), std::string::npos) << structureKey(structure);
  for (const auto& level : s_report->levels.levels) EXPECT_NE(dump.output.find(level.name), std::string::npos) << level.name;
  EXPECT_NE(dump.output.find("Left-right asymmetry index"), std::string::npos);
  EXPECT_NE(dump.output.find("Asymmetric hypertrophy"), std::string::npos);
  // The SR names the SEG and the source series it measured.
  EXPECT_NE(dump.output.find(tagOf(*s_plain->segmentationPath, DCM_SOPInstanceUID)), std::string::npos);
  EXPECT_NE(dump.output.find(s_volume->info.seriesInstanceUid), std::string::npos);
}

void checkSrVolumesMatchTheMeasurementsToTheRoundedDigit() {
  const std::string dump = run("dsrdump " + quoted(*s_plain->structuredReportPath)).output;
  for (Structure structure : kStructures) {
    const auto& m = s_report->measurements.of(structure);
    if (m.voxelCount == 0) continue;
    char volume[64];
    std::snprintf(volume, sizeof volume, "\"%.2f\" (cm3,UCUM", m.volumeMm3 / kMm3PerCm3);
    EXPECT_NE(dump.find(volume), std::string::npos) << volume;
  }
}

void checkKeyImageIsAnRgbSecondaryCaptureInTheSourceStudy() {
  const fs::path& path = *s_plain->keyImagePath;
  EXPECT_EQ(tagOf(path, DCM_SOPClassUID), "1.2.840.10008.5.1.4.1.1.7");
  EXPECT_EQ(tagOf(path, DCM_PhotometricInterpretation), "RGB");
  EXPECT_EQ(tagOf(path, DCM_StudyInstanceUID), s_volume->info.studyInstanceUid);
  EXPECT_EQ(tagOf(path, DCM_BurnedInAnnotation), "NO");
}

void checkPdfHasTwoPagesWithTheVerdictsAndTheDisclaimer() {
  const CommandResult info = run("pdfinfo " + quoted(*s_plain->pdfPath));
  ASSERT_EQ(info.exitCode, 0) << info.output;
  EXPECT_NE(info.output.find("Pages:           2"), std::string::npos) << info.output;
  const CommandResult text = run("pdftotext -layout " + quoted(*s_plain->pdfPath) + " -");
  ASSERT_EQ(text.exitCode, 0) << text.output;
  EXPECT_NE(text.output.find(s_patientId), std::string::npos);
  EXPECT_NE(text.output.find("Mid-L3"), std::string::npos);
  EXPECT_NE(text.output.find("Decision support"), std::string::npos);
  EXPECT_NE(text.output.find("threshold"), std::string::npos);
  for (const auto& verdict : s_report->asymmetry.verdicts)
    if (verdict.asymmetricHypertrophy) EXPECT_NE(text.output.find("ASYMMETRIC"), std::string::npos);
}

void checkAnonymizedExportsCarryThePseudonymAndNoIdentifier() {
  const std::string pseudonym = report::patientPseudonym(s_report->study, kSecret);
  for (const auto& path : {*s_anonymized->segmentationPath, *s_anonymized->structuredReportPath, *s_anonymized->keyImagePath}) {
    EXPECT_EQ(tagOf(path, DCM_PatientID), pseudonym) << path;
    EXPECT_EQ(tagOf(path, DCM_PatientName), pseudonym) << path;
    EXPECT_EQ(tagOf(path, DCM_PatientIdentityRemoved), "YES") << path;
  }
  for (const auto& path : {*s_anonymized->segmentationPath, *s_anonymized->structuredReportPath, *s_anonymized->keyImagePath,
                           s_anonymized->jsonPath, s_anonymized->csvPath}) {
    const std::string bytes = fileBytes(path);
    EXPECT_EQ(bytes.find(s_patientName), std::string::npos) << path;
    EXPECT_EQ(bytes.find(s_patientId), std::string::npos) << path;
  }
  const auto json = nlohmann::json::parse(fileBytes(s_anonymized->jsonPath));
  EXPECT_NE(json.dump().find(pseudonym), std::string::npos);
  const std::string pdfText = run("pdftotext " + quoted(*s_anonymized->pdfPath) + " -").output;
  EXPECT_NE(pdfText.find(pseudonym), std::string::npos);
  EXPECT_EQ(pdfText.find(s_patientName), std::string::npos);
}

void checkNiftiInputWritesTheRestAndSaysSrAndSegNeedDicom() {
  Volume nifti = *s_volume;
  nifti.info.sourceFormat = "NIfTI";
  nifti.slices.clear();
  const fs::path output = s_folder->path() / "nifti";
  report::MeasurementReport written;
  auto outputs = writeMeasureOutputs(output, nifti, *s_labels, *s_report, {}, &written);
  ASSERT_TRUE(outputs) << outputs.error().describe();
  EXPECT_TRUE(outputs.value().pdfPath && fs::exists(*outputs.value().pdfPath));
  EXPECT_FALSE(outputs.value().segmentationPath || outputs.value().structuredReportPath || outputs.value().keyImagePath);
  EXPECT_FALSE(fs::exists(output / "seg.dcm") || fs::exists(output / "sr.dcm") || fs::exists(output / "keyimages.dcm"));
  ASSERT_EQ(outputs.value().notes.size(), 1u);
  EXPECT_NE(outputs.value().notes[0].find("need DICOM input"), std::string::npos) << outputs.value().notes[0];
  EXPECT_NE(outputs.value().notes[0].find("NIfTI"), std::string::npos);
  EXPECT_NE(fileBytes(outputs.value().jsonPath).find("need DICOM input"), std::string::npos);
  EXPECT_EQ(written.warnings.back().message, outputs.value().notes[0]);
}

TEST_F(MeasureExportsIntegration, PlainDicomExportsAreCompleteValidAndReadBack) {
  {
    SCOPED_TRACE("AllOutputsAreWrittenForDicomInput");
    checkAllOutputsAreWrittenForDicomInput();
  }
  {
    SCOPED_TRACE("SegReadBackEqualsLabelsVoxelForVoxel");
    checkSegReadBackEqualsLabelsVoxelForVoxel();
  }
  {
    SCOPED_TRACE("SegHasOneCodedSegmentPerLabelledStructure");
    checkSegHasOneCodedSegmentPerLabelledStructure();
  }
  {
    SCOPED_TRACE("DciodvfyFindsNoErrorInSegSrOrKeyImage");
    checkDciodvfyFindsNoErrorInSegSrOrKeyImage();
  }
  {
    SCOPED_TRACE("DsrdumpReadsTheTid1500ReportWithGroupsLevelsAndAsymmetry");
    checkDsrdumpReadsTheTid1500ReportWithGroupsLevelsAndAsymmetry();
  }
  {
    SCOPED_TRACE("SrVolumesMatchTheMeasurementsToTheRoundedDigit");
    checkSrVolumesMatchTheMeasurementsToTheRoundedDigit();
  }
  {
    SCOPED_TRACE("KeyImageIsAnRgbSecondaryCaptureInTheSourceStudy");
    checkKeyImageIsAnRgbSecondaryCaptureInTheSourceStudy();
  }
  {
    SCOPED_TRACE("PdfHasTwoPagesWithTheVerdictsAndTheDisclaimer");
    checkPdfHasTwoPagesWithTheVerdictsAndTheDisclaimer();
  }
}

TEST_F(MeasureExportsIntegration, AnonymizedExportsCarryThePseudonymAndNoIdentifier) {
  {
    SCOPED_TRACE("AnonymizedExportsCarryThePseudonymAndNoIdentifier");
    checkAnonymizedExportsCarryThePseudonymAndNoIdentifier();
  }
}

TEST_F(MeasureExportsIntegration, NiftiInputWritesTheRestAndSaysSrAndSegNeedDicom) {
  {
    SCOPED_TRACE("NiftiInputWritesTheRestAndSaysSrAndSegNeedDicom");
    checkNiftiInputWritesTheRestAndSaysSrAndSegNeedDicom();
  }
}

} // namespace
