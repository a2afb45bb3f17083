#include "iliometry/workflow/MeasureOutputs.h"

#include "iliometry/core/Measurement.h"

#include <gtest/gtest.h>
#include <itkImageFileReader.h>
#include <itkNiftiImageIO.h>

#include <filesystem>
#include <fstream>
#include <unistd.h>

using namespace iliometry;
using namespace iliometry::workflow;
namespace fs = std::filesystem;

namespace {

fs::path uniqueTempPath(const std::string& name) {
  return fs::temp_directory_path() / ("iliometry-outputs-" + std::to_string(::getpid()) + "-" + name);
}

template <typename TImage> typename TImage::Pointer makeImage() {
  auto image = TImage::New();
  typename TImage::RegionType region;
  region.SetSize({6, 5, 3});
  image->SetRegions(region);
  image->SetSpacing(itk::Vector<double, 3>(std::array<double, 3>{0.8, 0.8, 2.5}.data()));
  typename TImage::PointType origin;
  origin[0] = -12.0;
  origin[1] = 7.5;
  origin[2] = 310.0;
  image->SetOrigin(origin);
  image->Allocate(true);
  return image;
}

} // namespace

TEST(OutputFolder, MissingFolderUnderAWritableFolderIsAcceptedWithoutBeingCreated) {
  const auto root = uniqueTempPath("check");
  fs::create_directories(root);
  EXPECT_TRUE(checkOutputFolder(root / "a" / "b"));
  EXPECT_FALSE(fs::exists(root / "a"));
  EXPECT_TRUE(checkOutputFolder(root));
  fs::remove_all(root);
}

TEST(OutputFolder, UnderARegularFileFailsNamingThePath) {
  const auto file = uniqueTempPath("file");
  std::ofstream(file) << "x";
  const auto result = checkOutputFolder(file / "out" / "deeper");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::OutputFailed);
  EXPECT_NE(result.error().message.find((file / "out" / "deeper").string()), std::string::npos);
  EXPECT_NE(result.error().message.find("is not a folder"), std::string::npos);
  fs::remove(file);
}

TEST(OutputFolder, ARegularFileIsNotAFolder) {
  const auto file = uniqueTempPath("plain");
  std::ofstream(file) << "x";
  const auto result = checkOutputFolder(file);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::OutputFailed);
  EXPECT_NE(result.error().message.find("exists and is not a folder"), std::string::npos);
  fs::remove(file);
}

TEST(OutputFolder, UnderDevFullFails) {
  const auto result = checkOutputFolder("/dev/full/out");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::OutputFailed);
  EXPECT_NE(result.error().message.find("/dev/full/out"), std::string::npos);
}

TEST(MeasureOutputFiles, AreWrittenIntoANewFolderWithLabelsOnTheirGrid) {
  const auto root = uniqueTempPath("write");
  auto intensity = makeImage<IntensityImage>();
  auto labels = makeImage<LabelImage>();
  labels->SetPixel({{1, 1, 0}}, labelOf({Muscle::PsoasMajor, Side::Left}));
  labels->SetPixel({{4, 2, 2}}, labelOf({Muscle::Iliacus, Side::Right}));
  report::MeasurementReport report;
  report.geometry = report::geometryOf(*intensity);
  report.measurements = measureStructures(*intensity, *labels);

  const auto outputs = writeMeasureOutputs(root / "out", *labels, report);
  ASSERT_TRUE(outputs) << outputs.error().describe();
  EXPECT_EQ(outputs.value().labelsPath, root / "out" / "labels.nii.gz");
  EXPECT_TRUE(fs::is_regular_file(outputs.value().jsonPath));
  EXPECT_TRUE(fs::is_regular_file(outputs.value().csvPath));

  auto reader = itk::ImageFileReader<LabelImage>::New();
  reader->SetImageIO(itk::NiftiImageIO::New());
  reader->SetFileName(outputs.value().labelsPath.string());
  reader->Update();
  const auto& read = *reader->GetOutput();
  EXPECT_TRUE(report::sameGrid(report::geometryOf(read), report.geometry, 1e-4));
  EXPECT_EQ(read.GetPixel({{1, 1, 0}}), 1);
  EXPECT_EQ(read.GetPixel({{4, 2, 2}}), 4);
  EXPECT_EQ(read.GetPixel({{0, 0, 0}}), 0);
  fs::remove_all(root);
}

TEST(MeasureOutputFiles, UnwritableFolderFailsWithOutputFailed) {
  auto labels = makeImage<LabelImage>();
  const auto outputs = writeMeasureOutputs("/dev/full/out", *labels, report::MeasurementReport{});
  ASSERT_FALSE(outputs);
  EXPECT_EQ(outputs.error().code, ErrorCode::OutputFailed);
  EXPECT_NE(outputs.error().message.find("/dev/full/out"), std::string::npos);
}
