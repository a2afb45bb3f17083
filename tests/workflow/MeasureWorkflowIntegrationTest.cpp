// runMeasure end to end on generated phantoms. Tests marked [segmentation] need a working
// segmentation::segmentCt; the others stop before segmentation and check the error paths.
#include "TempFolder.h"

#include "iliometry/dicom/SeriesWriter.h"
#include "iliometry/testdata/Phantom.h"
#include "iliometry/testdata/PhantomWriter.h"
#include "iliometry/workflow/MeasureWorkflow.h"

#include <gtest/gtest.h>
#include <itkImageFileReader.h>
#include <itkImageRegionConstIterator.h>
#include <itkNiftiImageIO.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <fstream>
#include <sstream>

using namespace iliometry;
using namespace iliometry::workflow;
using iliometry::testing_support::TempFolder;
namespace fs = std::filesystem;

namespace {

testdata::Phantom makePhantom(Modality modality = Modality::CT) {
  testdata::PhantomParameters parameters;
  parameters.modality = modality;
  return testdata::generatePhantom(parameters);
}

fs::path writeNifti(const testdata::Phantom& phantom, const fs::path& folder) {
  const fs::path path = folder / "input.nii.gz";
  const auto written = dicom::writeImageFile(*phantom.volume.image, path);
  EXPECT_TRUE(written) << (written ? "" : written.error().describe());
  return path;
}

fs::path writeDicom(const testdata::Phantom& phantom, const fs::path& folder) {
  const fs::path path = folder / "dicom";
  const auto written = dicom::writeSeries(phantom.volume, path);
  EXPECT_TRUE(written) << (written ? "" : written.error().describe());
  return path;
}

MeasureOptions optionsFor(const fs::path& input, const fs::path& output) {
  MeasureOptions options;
  options.inputPath = input;
  options.outputDir = output;
  return options;
}

LabelImage::Pointer readLabelFile(const fs::path& path) {
  auto reader = itk::ImageFileReader<LabelImage>::New();
  reader->SetImageIO(itk::NiftiImageIO::New()); // explicit: no reliance on IO factory registration
  reader->SetFileName(path.string());
  reader->Update();
  return reader->GetOutput();
}

std::vector<std::string> readLines(const fs::path& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);)
    lines.push_back(line);
  return lines;
}

} // namespace

TEST(MeasureWorkflowIntegration, NonexistentInputFailsWithInputNotFound) {
  TempFolder folder("workflow-missing");
  const auto result = runMeasure(optionsFor(folder.path() / "no-such-input", folder.path() / "out"));
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::InputNotFound);
  EXPECT_NE(result.error().describe().find("no-such-input"), std::string::npos);
  EXPECT_FALSE(fs::exists(folder.path() / "out"));
}

// [segmentation] needs segmentation::segmentMr.
TEST(MeasureWorkflowIntegration, MrPhantomGoesThroughTheMrPipelineAndReportsSignalNotHu) {
  TempFolder folder("workflow-mr");
  const fs::path input = writeDicom(makePhantom(Modality::MR), folder.path());
  const auto result = runMeasure(optionsFor(input, folder.path() / "out"));
  ASSERT_TRUE(result) << result.error().describe();
  const nlohmann::json report = nlohmann::json::parse(std::ifstream(folder.path() / "out" / "measurements.json"));
  EXPECT_EQ(report["input"]["pipeline"], "MR") << report["input"].dump();
  for (const auto& [key, structure] : report["structures"].items()) {
    EXPECT_TRUE(structure["mean_hu"].is_null()) << key;
    EXPECT_TRUE(structure["mean_signal"].is_number()) << key;
    EXPECT_TRUE(structure["fat_fraction_percent"].is_null()) << key << ": a T1 study has no Dixon images";
    EXPECT_GT(structure["volume_cm3"].get<double>(), 10.0) << key;
  }
  EXPECT_TRUE(fs::exists(folder.path() / "out" / "labels.nii.gz"));
}

// [segmentation] NIfTI holds one image per file: the Dixon pair comes by option, both or none.
TEST(MeasureWorkflowIntegration, NiftiDixonPairGivesFatFractionsAndHalfAPairIsRefused) {
  TempFolder folder("workflow-dixon-nifti");
  testdata::PhantomParameters parameters;
  parameters.modality = Modality::MR;
  parameters.mrSequence = testdata::MrSequence::Dixon;
  parameters.noiseSigma = 15.0;
  const auto phantom = testdata::generatePhantom(parameters);
  const auto files = testdata::writePhantomStudy(phantom, folder.path() / "study", testdata::PhantomFormat::Nifti);
  ASSERT_TRUE(files) << files.error().describe();
  auto options = optionsFor(files.value().image, folder.path() / "out");
  options.modality = Modality::MR;
  options.dixonWaterPath = files.value().dixonWater;
  const auto half = runMeasure(options);
  ASSERT_FALSE(half);
  EXPECT_EQ(half.error().code, ErrorCode::InvalidArgument);
  EXPECT_NE(half.error().message.find("--dixon-fat"), std::string::npos);

  options.dixonFatPath = files.value().dixonFat;
  const auto result = runMeasure(options);
  ASSERT_TRUE(result) << result.error().describe();
  const nlohmann::json report = nlohmann::json::parse(std::ifstream(folder.path() / "out" / "measurements.json"));
  for (const auto& [key, structure] : report["structures"].items()) {
    ASSERT_TRUE(structure["fat_fraction_percent"].is_number()) << key;
    // Muscle of the phantom is 3 % fat, its edges more: a plausible muscle fat fraction.
    EXPECT_GT(structure["fat_fraction_percent"].get<double>(), 2.0) << key;
    EXPECT_LT(structure["fat_fraction_percent"].get<double>(), 12.0) << key;
  }
  // Per level too: both psoas muscles are on the mid-L3 slice.
  bool l3 = false;
  for (const auto& row : report.at("level_csa"))
    if (row.at("level") == "L3") {
      l3 = true;
      EXPECT_TRUE(row.at("fat_fraction_percent").at("psoas_major_left").is_number());
      EXPECT_TRUE(row.at("fat_fraction_percent").at("psoas_major_right").is_number());
    }
  EXPECT_TRUE(l3) << "L3 not named";
}

TEST(MeasureWorkflowIntegration, ModalityOverrideMrRefusesACtVolumeNamingTheValues) {
  TempFolder folder("workflow-override");
  auto options = optionsFor(writeNifti(makePhantom(), folder.path()), folder.path() / "out");
  options.modality = Modality::MR;
  const auto result = runMeasure(options);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::UnsupportedModality);
  EXPECT_NE(result.error().message.find("Hounsfield units of a CT?"), std::string::npos) << result.error().message;
  EXPECT_NE(result.error().message.find("input.nii.gz"), std::string::npos) << result.error().message;
}

TEST(MeasureWorkflowIntegration, OutputUnderARegularFileFailsWithOutputFailedNamingThePath) {
  TempFolder folder("workflow-output-file");
  const fs::path blocker = folder.path() / "a-file";
  std::ofstream(blocker) << "not a folder";
  auto options = optionsFor(writeNifti(makePhantom(), folder.path()), blocker / "out");
  options.modality = Modality::CT; // do not depend on the loader's HU heuristic for NIfTI
  const auto result = runMeasure(options);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::OutputFailed);
  EXPECT_NE(result.error().message.find((blocker / "out").string()), std::string::npos);
}

TEST(MeasureWorkflowIntegration, OutputUnderDevFullFailsWithOutputFailed) {
  TempFolder folder("workflow-output-devfull");
  auto options = optionsFor(writeNifti(makePhantom(), folder.path()), "/dev/full/out");
  options.modality = Modality::CT;
  const auto result = runMeasure(options);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::OutputFailed);
  EXPECT_NE(result.error().message.find("/dev/full/out"), std::string::npos);
}

TEST(MeasureWorkflowIntegration, ProgressIsReportedUnlessQuiet) {
  TempFolder folder("workflow-progress");
  auto options = optionsFor(writeNifti(makePhantom(), folder.path()), folder.path() / "out");
  options.modality = Modality::MR; // stops right after loading
  std::vector<std::string> stages;
  const ProgressCallback record = [&](const std::string& stage, double) { stages.push_back(stage); };
  EXPECT_FALSE(runMeasure(options, record));
  ASSERT_FALSE(stages.empty());
  EXPECT_EQ(stages.front().rfind("loading", 0), 0u);
  stages.clear();
  options.quiet = true;
  EXPECT_FALSE(runMeasure(options, record));
  EXPECT_TRUE(stages.empty());
}

// [segmentation] needs segmentation::segmentCt.
TEST(MeasureWorkflowIntegration, CtPhantomGivesLabelsOnTheInputGridAndMatchingJsonAndCsv) {
  TempFolder folder("workflow-ct");
  const testdata::Phantom phantom = makePhantom();
  const fs::path output = folder.path() / "out";
  std::vector<std::pair<std::string, double>> progress;
  const auto outcome =
      runMeasure(optionsFor(writeDicom(phantom, folder.path()), output),
                 [&](const std::string& stage, double fraction) { progress.emplace_back(stage, fraction); });
  ASSERT_TRUE(outcome) << outcome.error().describe();
  const report::MeasurementReport& result = outcome.value().report;

  // Outputs exist where they are announced.
  EXPECT_EQ(outcome.value().outputs.labelsPath, output / "labels.nii.gz");
  EXPECT_EQ(outcome.value().outputs.jsonPath, output / "measurements.json");
  EXPECT_EQ(outcome.value().outputs.csvPath, output / "measurements.csv");
  for (const auto& path :
       {outcome.value().outputs.labelsPath, outcome.value().outputs.jsonPath, outcome.value().outputs.csvPath})
    EXPECT_TRUE(fs::is_regular_file(path)) << path;

  // The input grid is the phantom's grid (it went through DICOM and back).
  const auto phantomGrid = report::geometryOf(*phantom.volume.image);
  EXPECT_TRUE(report::sameGrid(result.geometry, phantomGrid, 1e-3));

  // labels.nii.gz: the input's voxel grid, and exactly the voxels that were measured.
  const auto labels = readLabelFile(output / "labels.nii.gz");
  EXPECT_TRUE(report::sameGrid(report::geometryOf(*labels), result.geometry, 1e-3));
  std::array<std::size_t, 5> countPerLabel{};
  for (itk::ImageRegionConstIterator<LabelImage> it(labels, labels->GetLargestPossibleRegion()); !it.IsAtEnd(); ++it) {
    ASSERT_LE(it.Get(), 4) << "label values are 0..4";
    ++countPerLabel[it.Get()];
  }
  for (Structure s : kStructures)
    EXPECT_EQ(countPerLabel[labelOf(s)], result.measurements.of(s).voxelCount);

  // measurements.json parses and agrees with the outcome.
  std::ifstream jsonFile(output / "measurements.json");
  const auto json = nlohmann::json::parse(jsonFile);
  const int sliceCount = static_cast<int>(result.geometry.sizeVoxels[2]);
  EXPECT_EQ(json["software"]["name"], "iliometry");
  EXPECT_EQ(json["software"]["version"], softwareVersion());
  EXPECT_EQ(json["input"]["pipeline"], "CT");
  EXPECT_EQ(json["study"]["series_instance_uid"], result.study.seriesInstanceUid);
  EXPECT_FALSE(result.study.seriesInstanceUid.empty());
  EXPECT_EQ(json["slices"].size(), static_cast<std::size_t>(sliceCount));
  EXPECT_EQ(json["structures"].size(), 4u);
  EXPECT_EQ(json["structures"]["psoas_major_left"]["voxel_count"],
            result.measurements.of({Muscle::PsoasMajor, Side::Left}).voxelCount);
  EXPECT_EQ(json["asymmetry"]["verdicts"].size(), 2u);
  EXPECT_TRUE(json.contains("psoas_muscle_index_cm2_per_m2"));

  // measurements.csv: header plus slices x 4 rows, carrying the series UID.
  const auto lines = readLines(output / "measurements.csv");
  ASSERT_EQ(lines.size(), 1u + static_cast<std::size_t>(sliceCount) * 4u);
  EXPECT_NE(lines[1].find(result.study.seriesInstanceUid), std::string::npos);

  // Progress runs forward from loading to done, through the segmentation's stages.
  ASSERT_FALSE(progress.empty());
  for (std::size_t i = 1; i < progress.size(); ++i)
    EXPECT_GE(progress[i].second, progress[i - 1].second);
  EXPECT_DOUBLE_EQ(progress.back().second, 1.0);
  EXPECT_TRUE(
      std::any_of(progress.begin(), progress.end(), [](const auto& p) { return p.first.rfind("segmenting", 0) == 0; }));
}

// [segmentation] needs segmentation::segmentCt. The scan stops at about L2, so psoas major
// (which starts at T12/L1) is cut by the top slice: its volume depends on where the scan stopped.
TEST(MeasureWorkflowIntegration, PsoasCutByTheTopOfTheScanIsJudgedOnMaxCsaWithAWarning) {
  TempFolder folder("workflow-partial");
  testdata::PhantomParameters parameters;
  parameters.coverageTopMm = 300.0;
  const fs::path input = writeDicom(testdata::generatePhantom(parameters), folder.path());
  const auto outcome = runMeasure(optionsFor(input, folder.path() / "out"));
  ASSERT_TRUE(outcome) << outcome.error().describe();
  const auto& result = outcome.value().report;
  const auto& psoasLeft = result.measurements.of({Muscle::PsoasMajor, Side::Left});
  ASSERT_EQ(psoasLeft.lastSliceIndex, result.measurements.sliceCount - 1)
      << "precondition: psoas labelled on the top slice";
  ASSERT_EQ(result.asymmetry.verdicts.size(), 2u);
  EXPECT_EQ(result.parameters.asymmetry.psoasPrimaryBasis, "volume");
  EXPECT_EQ(result.asymmetry.verdicts[0].basis, "max_csa");
  EXPECT_NE(result.asymmetry.verdicts[0].note.find("partial coverage"), std::string::npos);
  EXPECT_TRUE(std::any_of(result.warnings.begin(), result.warnings.end(), [](const report::ReportWarning& w) {
    return w.source == "workflow" && w.message.find("partial coverage") != std::string::npos;
  }));
}
