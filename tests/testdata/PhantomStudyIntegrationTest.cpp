// The DICOM form of the phantom: written by the dicom library's series writer and loaded back
// by its loader, with the geometry and the stored values intact.
#include "iliometry/dicom/InputLoader.h"
#include "iliometry/testdata/PhantomWriter.h"

#include <gtest/gtest.h>

#include <cmath>
#include <unistd.h>

namespace iliometry::testdata {
namespace {

TEST(PhantomStudyIntegration, DicomSeriesLoadsBackWithSameGeometryAndValues) {
  const auto dir = std::filesystem::temp_directory_path() / ("iliometry_phantom_dicom_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  PhantomParameters p;
  p.columns = p.rows = 128;
  p.pixelSpacingMm = 3.2;
  p.sliceSpacingMm = 6.0;
  const auto phantom = generatePhantom(p);
  const auto files = writePhantomStudy(phantom, dir, PhantomFormat::Dicom);
  ASSERT_TRUE(files.ok()) << files.error().describe();
  const auto loaded = dicom::loadInput(files.value().image);
  ASSERT_TRUE(loaded.ok()) << loaded.error().describe();
  const auto& image = *loaded.value().volume.image;
  const auto& original = *phantom.volume.image;
  ASSERT_EQ(image.GetLargestPossibleRegion().GetSize(), original.GetLargestPossibleRegion().GetSize());
  for (unsigned d = 0; d < 3; ++d) {
    EXPECT_NEAR(image.GetSpacing()[d], original.GetSpacing()[d], 1e-3);
    EXPECT_NEAR(image.GetOrigin()[d], original.GetOrigin()[d], 1e-2);
  }
  EXPECT_EQ(loaded.value().volume.info.modality, Modality::CT);
  EXPECT_EQ(loaded.value().volume.info.patientName, "PHANTOM^CT");
  // Stored as int16 with rescale: values agree to the rounding of the stored integers.
  const std::size_t n = original.GetLargestPossibleRegion().GetNumberOfPixels();
  double worst = 0;
  for (std::size_t i = 0; i < n; ++i)
    worst = std::max(worst, std::abs(double(image.GetBufferPointer()[i]) - double(original.GetBufferPointer()[i])));
  EXPECT_LE(worst, 1.0);
  std::filesystem::remove_all(dir);
}

} // namespace
} // namespace iliometry::testdata
