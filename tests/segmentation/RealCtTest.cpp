// The CT pipeline on the real abdomen/pelvis CT in ../shared/realdata (3 mm, RAS NIfTI, with a
// hip implant). There is no reference segmentation for it: the test asserts anatomical
// plausibility. Skipped with a reason when the file is absent.
#include "iliometry/core/Measurement.h"
#include "iliometry/segmentation/CtSegmenter.h"

#include <itkImageFileReader.h>
#include <itkImageRegionConstIteratorWithIndex.h>
#include <itkNiftiImageIO.h>

#include <gtest/gtest.h>

#include <filesystem>

using namespace iliometry;

namespace {

const std::filesystem::path kRealCt = std::filesystem::path(ILIOMETRY_SOURCE_DIR) / ".." / "shared" / "realdata" /
                                      "abdomen_pelvis_ct_3mm.nii.gz";

IntensityImage::Pointer readRealCt() {
  auto reader = itk::ImageFileReader<IntensityImage>::New();
  reader->SetImageIO(itk::NiftiImageIO::New());
  reader->SetFileName(kRealCt.string());
  reader->Update();
  return reader->GetOutput();
}

// Physical LPS x (patient left positive) of a structure's voxels, averaged.
double meanLpsX(const LabelImage& labels, std::uint8_t label) {
  double sum = 0;
  std::size_t count = 0;
  itk::ImageRegionConstIteratorWithIndex<LabelImage> it(&labels, labels.GetLargestPossibleRegion());
  for (; !it.IsAtEnd(); ++it)
    if (it.Get() == label) {
      LabelImage::PointType p;
      labels.TransformIndexToPhysicalPoint(it.GetIndex(), p);
      sum += p[0];
      ++count;
    }
  return count ? sum / count : 0.0;
}

} // namespace

TEST(RealCtIntegration, AbdomenPelvisCtGivesPlausibleAnatomy) {
  if (!std::filesystem::exists(kRealCt)) GTEST_SKIP() << kRealCt << " absent (shared real data not mounted)";
  const auto hu = readRealCt();
  auto result = segmentation::segmentCt(*hu);
  ASSERT_TRUE(result) << result.error().describe();
  const auto& levels = result.value().levels;
  for (const char* name : {"L5/S1", "L4/L5", "L4", "L3/L4", "L3", "L2/L3"}) EXPECT_NE(levels.find(name), nullptr) << name;
  // Looked at on sagittal and axial renderings: the L5/S1 disc is on slice 49-51 (0-based,
  // third axis of the file), L3/L4 on 67-69.
  if (const auto* l5s1 = levels.find("L5/S1")) EXPECT_NEAR(l5s1->sliceIndex, 50, 1);
  if (const auto* l3l4 = levels.find("L3/L4")) EXPECT_NEAR(l3l4->sliceIndex, 68, 1);

  const auto m = measureStructures(*hu, *result.value().labels);
  const int l3 = levels.find("L3") ? levels.find("L3")->sliceIndex : -1;
  ASSERT_GE(l3, 0);
  for (Side side : kSides) {
    const Structure psoas{Muscle::PsoasMajor, side}, iliacus{Muscle::Iliacus, side};
    // An elderly patient's psoas at L3: a few cm2 per side (anatomy notes: 6-15 cm2 in
    // healthy adults, less with sarcopenia).
    EXPECT_GT(m.csaMm2(psoas, l3), 200.0) << sideKey(side);
    EXPECT_LT(m.csaMm2(psoas, l3), 1500.0) << sideKey(side);
    EXPECT_GT(m.of(iliacus).volumeMm3, 20000.0) << sideKey(side);
    EXPECT_LT(m.of(iliacus).volumeMm3, 400000.0) << sideKey(side);
    for (Structure s : {psoas, iliacus}) {
      ASSERT_TRUE(m.of(s).meanIntensity.has_value());
      EXPECT_GT(*m.of(s).meanIntensity, 20.0) << structureKey(s); // muscle, not fat or fluid
      EXPECT_LT(*m.of(s).meanIntensity, 90.0) << structureKey(s);
    }
  }
  // Left structures lie on the patient's left (+x in LPS) of the right ones.
  EXPECT_GT(meanLpsX(*result.value().labels, 1), meanLpsX(*result.value().labels, 2) + 40.0);
  EXPECT_GT(meanLpsX(*result.value().labels, 3), meanLpsX(*result.value().labels, 4) + 100.0);
}
