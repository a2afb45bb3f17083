// SEG round trip on a small synthetic label map with a rotated, flipped grid: the encoding of
// positions, orientation, pixel order and packing is checked independently of any segmentation.
#include "iliometry/report/SegmentationObject.h"

#include <gtest/gtest.h>
#include <itkImageRegionConstIterator.h>

#include <filesystem>
#include <unistd.h>

using namespace iliometry;
using namespace iliometry::report;
namespace fs = std::filesystem;

namespace {

LabelImage::Pointer syntheticLabels() {
  auto labels = LabelImage::New();
  LabelImage::SizeType size{{7, 5, 4}};
  labels->SetRegions(LabelImage::RegionType(size));
  LabelImage::SpacingType spacing;
  spacing[0] = 0.7;
  spacing[1] = 0.9;
  spacing[2] = 2.5;
  labels->SetSpacing(spacing);
  LabelImage::PointType origin;
  origin[0] = -12.5;
  origin[1] = 30.25;
  origin[2] = 101.0;
  labels->SetOrigin(origin);
  // 30 degrees about z, then the row axis flipped: not axis aligned, not right-handed ordering.
  LabelImage::DirectionType direction;
  const double c = std::sqrt(3.0) / 2.0, s = 0.5;
  direction[0][0] = c, direction[0][1] = s, direction[0][2] = 0;
  direction[1][0] = s, direction[1][1] = -c, direction[1][2] = 0;
  direction[2][0] = 0, direction[2][1] = 0, direction[2][2] = -1;
  labels->SetDirection(direction);
  labels->Allocate();
  labels->FillBuffer(0);
  // Every structure present, psoas left on two slices, an asymmetric pattern to catch transposes.
  labels->SetPixel({{0, 0, 0}}, 1);
  labels->SetPixel({{6, 0, 0}}, 1);
  labels->SetPixel({{1, 4, 2}}, 1);
  labels->SetPixel({{2, 1, 1}}, 2);
  labels->SetPixel({{3, 1, 1}}, 2);
  labels->SetPixel({{5, 3, 3}}, 3);
  labels->SetPixel({{4, 2, 3}}, 4);
  return labels;
}

DicomExportContext contextFor(int slices) {
  DicomExportContext context;
  context.study.sourceFormat = "DICOM";
  context.study.patientName = "TEST^SEG";
  context.study.patientId = "SEG1";
  context.study.studyInstanceUid = "1.2.826.0.1.3680043.2.1125.1.1";
  context.study.seriesInstanceUid = "1.2.826.0.1.3680043.2.1125.1.2";
  context.study.frameOfReferenceUid = "1.2.826.0.1.3680043.2.1125.1.3";
  context.software = {"iliometry", "0.0-test"};
  for (int k = 0; k < slices; ++k)
    context.sourceSlices.push_back({"", "1.2.826.0.1.3680043.2.1125.1.4." + std::to_string(k + 1),
                                    "1.2.840.10008.5.1.4.1.1.2", 0});
  return context;
}

fs::path tempFile(const std::string& name) {
  return fs::temp_directory_path() / ("iliometry-segtest-" + std::to_string(::getpid()) + "-" + name);
}

} // namespace

TEST(SegmentationObject, RoundTripOnARotatedGridIsExact) {
  const auto labels = syntheticLabels();
  const fs::path path = tempFile("rotated.dcm");
  auto written = writeSegmentationObject(*labels, contextFor(4), path);
  ASSERT_TRUE(written) << written.error().describe();
  EXPECT_EQ(written.value().segments.size(), 4u);
  auto read = readSegmentationObject(path, geometryOf(*labels));
  ASSERT_TRUE(read) << read.error().describe();
  itk::ImageRegionConstIterator<LabelImage> a(labels, labels->GetLargestPossibleRegion());
  itk::ImageRegionConstIterator<LabelImage> b(read.value(), read.value()->GetLargestPossibleRegion());
  for (; !a.IsAtEnd(); ++a, ++b) ASSERT_EQ(a.Get(), b.Get()) << "at " << a.GetIndex();
  fs::remove(path);
}

TEST(SegmentationObject, EmptyStructuresGetNoSegment) {
  auto labels = syntheticLabels();
  labels->SetPixel({{5, 3, 3}}, 0); // iliacus left gone
  const fs::path path = tempFile("three.dcm");
  auto written = writeSegmentationObject(*labels, contextFor(4), path);
  ASSERT_TRUE(written) << written.error().describe();
  ASSERT_EQ(written.value().segments.size(), 3u);
  for (const auto& segment : written.value().segments) EXPECT_NE(segment.trackingId, "iliacus_left");
  fs::remove(path);
}

TEST(SegmentationObject, AGridThatDoesNotMatchTheFramesIsRefusedNamingTheFile) {
  const auto labels = syntheticLabels();
  const fs::path path = tempFile("shifted.dcm");
  ASSERT_TRUE(writeSegmentationObject(*labels, contextFor(4), path));
  VolumeGeometry shifted = geometryOf(*labels);
  shifted.originLpsMm[0] += 5.0;
  auto read = readSegmentationObject(path, shifted);
  ASSERT_FALSE(read);
  EXPECT_EQ(read.error().code, ErrorCode::InvalidSeries);
  EXPECT_NE(read.error().message.find(path.string()), std::string::npos);
  fs::remove(path);
}

TEST(SegmentationObject, NonDicomSourceIsRefusedSayingDicomIsNeeded) {
  DicomExportContext context = contextFor(4);
  context.study.sourceFormat = "NIfTI";
  const auto source = requireDicomSource(context, 4);
  ASSERT_FALSE(source);
  EXPECT_NE(source.error().message.find("need DICOM input"), std::string::npos);
  EXPECT_FALSE(requireDicomSource(contextFor(3), 4));
  EXPECT_TRUE(requireDicomSource(contextFor(4), 4));
}
