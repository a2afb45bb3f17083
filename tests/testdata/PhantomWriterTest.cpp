// Writing the phantom study as NIfTI and reading it back with ITK gives the same voxels.
#include "iliometry/testdata/PhantomWriter.h"

#include <gtest/gtest.h>
#include <itkImageFileReader.h>
#include <itkNiftiImageIOFactory.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <unistd.h>

namespace iliometry::testdata {
namespace {

class PhantomWriterTest : public ::testing::Test {
protected:
  void SetUp() override {
    m_dir = std::filesystem::temp_directory_path() /
            ("iliometry_phantom_" + std::to_string(::getpid()) + "_" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(m_dir);
  }
  void TearDown() override { std::filesystem::remove_all(m_dir); }
  std::filesystem::path m_dir;
};

template <typename ImageType> typename ImageType::Pointer readImage(const std::filesystem::path& path) {
  itk::NiftiImageIOFactory::RegisterOneFactory(); // this test reads with plain ITK, not the dicom library
  auto reader = itk::ImageFileReader<ImageType>::New();
  reader->SetFileName(path.string());
  reader->Update();
  return reader->GetOutput();
}

TEST_F(PhantomWriterTest, NiftiStudyReadsBackWithIdenticalVoxelsLabelsAndGeometry) {
  PhantomParameters p;
  p.columns = p.rows = 160;
  p.pixelSpacingMm = 2.5;
  p.sliceSpacingMm = 5.0;
  p.psoasRatio = 1.3;
  const auto phantom = generatePhantom(p);
  const auto files = writePhantomStudy(phantom, m_dir, PhantomFormat::Nifti);
  ASSERT_TRUE(files.ok()) << files.error().describe();

  const auto image = readImage<IntensityImage>(files.value().image);
  const auto labels = readImage<LabelImage>(files.value().truthLabels);
  const auto& original = *phantom.volume.image;
  ASSERT_EQ(image->GetLargestPossibleRegion().GetSize(), original.GetLargestPossibleRegion().GetSize());
  for (unsigned d = 0; d < 3; ++d) {
    EXPECT_NEAR(image->GetSpacing()[d], original.GetSpacing()[d], 1e-4);
    EXPECT_NEAR(image->GetOrigin()[d], original.GetOrigin()[d], 1e-3);
  }
  EXPECT_TRUE(image->GetDirection().GetVnlMatrix().is_identity(1e-6));
  const std::size_t n = original.GetLargestPossibleRegion().GetNumberOfPixels();
  EXPECT_TRUE(std::equal(original.GetBufferPointer(), original.GetBufferPointer() + n, image->GetBufferPointer()));
  EXPECT_TRUE(std::equal(phantom.labels->GetBufferPointer(), phantom.labels->GetBufferPointer() + n, labels->GetBufferPointer()));
}

TEST_F(PhantomWriterTest, TruthJsonCarriesLevelsRangesAreasAndParameters) {
  PhantomParameters p;
  p.columns = p.rows = 128;
  p.pixelSpacingMm = 3.2;
  p.seed = 77;
  p.iliacusRatio = 1.2;
  const auto phantom = generatePhantom(p);
  const auto files = writePhantomStudy(phantom, m_dir, PhantomFormat::Nifti);
  ASSERT_TRUE(files.ok()) << files.error().describe();
  std::ifstream in(files.value().truthJson);
  const auto j = nlohmann::json::parse(in);
  EXPECT_EQ(j.at("seed").get<int>(), 77);
  EXPECT_DOUBLE_EQ(j.at("parameters").at("iliacus_ratio").get<double>(), 1.2);
  ASSERT_EQ(j.at("levels").size(), phantom.levels.levels.size());
  EXPECT_EQ(j.at("levels")[0].at("name"), "T12");
  const auto* l3 = phantom.levels.find("L3");
  bool foundL3 = false;
  for (const auto& level : j.at("levels"))
    if (level.at("name") == "L3") {
      foundL3 = true;
      EXPECT_EQ(level.at("slice_index").get<int>(), l3->sliceIndex);
    }
  EXPECT_TRUE(foundL3);
  EXPECT_EQ(j.at("spine_segments").size(), phantom.spineSegments.size());
  const auto& psoas = j.at("structures").at("psoas_major_left");
  EXPECT_EQ(psoas.at("label").get<int>(), 1);
  EXPECT_NEAR(psoas.at("volume_mm3").get<double>(), phantom.truth.of({Muscle::PsoasMajor, Side::Left}).volumeMm3, 1e-6);
  ASSERT_EQ(psoas.at("csa_mm2_per_slice").size(), static_cast<std::size_t>(phantom.truth.sliceCount));
  EXPECT_NEAR(psoas.at("csa_mm2_per_slice")[l3->sliceIndex].get<double>(),
              phantom.truth.csaMm2({Muscle::PsoasMajor, Side::Left}, l3->sliceIndex), 1e-9);
}

TEST_F(PhantomWriterTest, UnwritableFolderIsAnOutputError) {
  std::filesystem::create_directories(m_dir);
  std::ofstream(m_dir / "blocker") << "a file where a folder must go";
  PhantomParameters p;
  p.columns = p.rows = 64;
  p.pixelSpacingMm = 6.4;
  p.sliceSpacingMm = 10;
  const auto result = writePhantomStudy(generatePhantom(p), m_dir / "blocker" / "study", PhantomFormat::Nifti);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::OutputFailed);
  EXPECT_NE(result.error().message.find("blocker"), std::string::npos);
}

} // namespace
} // namespace iliometry::testdata
