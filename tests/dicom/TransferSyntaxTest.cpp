// Every transfer syntax the writer offers must read back: exactly when lossless, closely when lossy.
#include "TestVolumes.h"

#include "iliometry/dicom/InputLoader.h"
#include "iliometry/dicom/SeriesWriter.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcmetinf.h>

#include <gtest/gtest.h>

#include <cmath>

namespace iliometry::dicom {
namespace {

struct SyntaxCase {
  std::string name;
  TransferSyntax syntax;
  std::string expectedUid;
  double maxAbsErrorHu;  // 0: lossless
  double meanAbsErrorHu; // 0: lossless
};

// A CT-like pattern with air, soft tissue and bone, smooth enough for lossy codecs.
float ctPattern(const IntensityImage::PointType& p) {
  const double r = std::hypot(p[0], p[1]);
  if (r > 40.0) return -1000.0f;
  if (r < 8.0) return 700.0f;
  return static_cast<float>(std::round(40.0 + 0.5 * p[2]));
}

class TransferSyntaxRoundTrip : public ::testing::TestWithParam<SyntaxCase> {};

TEST_P(TransferSyntaxRoundTrip, WrittenSeriesReadsBackWithinCodecTolerance) {
  test::TempFolder folder;
  const Volume written =
      test::makeVolume({64, 64, 4}, {1.5, 1.5, 3.0}, {-48, -48, 0}, test::kIdentity, Modality::CT, ctPattern);
  SeriesWriteOptions options;
  options.transferSyntax = GetParam().syntax;
  auto slices = writeSeries(written, folder.path(), options);
  ASSERT_TRUE(slices) << slices.error().describe();

  DcmFileFormat format;
  ASSERT_TRUE(format.loadFile(slices.value().front().filePath.c_str()).good());
  OFString uid;
  format.getMetaInfo()->findAndGetOFString(DCM_TransferSyntaxUID, uid);
  EXPECT_EQ(std::string(uid.c_str()), GetParam().expectedUid);

  auto loaded = loadInput(folder.path());
  ASSERT_TRUE(loaded) << loaded.error().describe();
  const auto count = written.image->GetBufferedRegion().GetNumberOfPixels();
  ASSERT_EQ(loaded.value().volume.image->GetBufferedRegion().GetNumberOfPixels(), count);
  const float* expected = written.image->GetBufferPointer();
  const float* actual = loaded.value().volume.image->GetBufferPointer();
  double worst = 0.0, sum = 0.0, signedSum = 0.0;
  for (std::size_t i = 0; i < count; ++i) {
    const double error = std::abs(double(actual[i]) - expected[i]);
    worst = std::max(worst, error);
    sum += error;
    signedSum += double(actual[i]) - expected[i];
  }
  // No codec may shift intensities as a whole (a wrong rescale would).
  EXPECT_LE(std::abs(signedSum / static_cast<double>(count)), 3.0);
  EXPECT_LE(worst, GetParam().maxAbsErrorHu);
  EXPECT_LE(sum / static_cast<double>(count), GetParam().meanAbsErrorHu);
}

INSTANTIATE_TEST_SUITE_P(
    AllSyntaxes, TransferSyntaxRoundTrip,
    ::testing::Values(
        SyntaxCase{"ExplicitLittleEndian", TransferSyntax::ExplicitLittleEndian, "1.2.840.10008.1.2.1", 0.0, 0.0},
        SyntaxCase{"ImplicitLittleEndian", TransferSyntax::ImplicitLittleEndian, "1.2.840.10008.1.2", 0.0, 0.0},
        SyntaxCase{"Deflated", TransferSyntax::DeflatedExplicitLittleEndian, "1.2.840.10008.1.2.1.99", 0.0, 0.0},
        SyntaxCase{"JpegLossless", TransferSyntax::JpegLossless, "1.2.840.10008.1.2.4.70", 0.0, 0.0},
        SyntaxCase{"JpegLsLossless", TransferSyntax::JpegLsLossless, "1.2.840.10008.1.2.4.80", 0.0, 0.0},
        SyntaxCase{"Rle", TransferSyntax::Rle, "1.2.840.10008.1.2.5", 0.0, 0.0},
        SyntaxCase{"Jpeg2000Lossless", TransferSyntax::Jpeg2000Lossless, "1.2.840.10008.1.2.4.90", 0.0, 0.0},
        // 8-bit storage of a 1700 HU range: one step is about 6.7 HU; JPEG rings at the
        // 1700 HU air/bone edges of this small, edge-heavy image: the worst voxel is far off,
        // the mean error stays within 20 HU and the mean bias within 3 HU.
        SyntaxCase{"JpegBaseline", TransferSyntax::JpegBaseline, "1.2.840.10008.1.2.4.50", 250.0, 20.0},
        SyntaxCase{"Jpeg2000Lossy", TransferSyntax::Jpeg2000Lossy, "1.2.840.10008.1.2.4.91", 250.0, 20.0}),
    [](const auto& info) { return info.param.name; });

} // namespace
} // namespace iliometry::dicom
