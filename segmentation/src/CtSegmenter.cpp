#include "iliometry/segmentation/CtSegmenter.h"

#include "CanonicalVolume.h"
#include "LevelFinder.h"
#include "MuscleTracker.h"
#include "Smoothing.h"
#include "SpineTrack.h"

#include <itkMacro.h>

namespace iliometry::segmentation {

namespace {

// The muscles need at least the width of a pelvis in view and a few slices along the body.
constexpr double kMinFieldOfViewMm = 150.0;
constexpr int kMinSlices = 5;
constexpr double kSmoothingSigmaMm = 1.0;
constexpr double kSpineSmoothingSigmaMm = 3.0;

void report(const ProgressCallback& progress, const std::string& stage, double fraction) {
  if (progress) progress(stage, fraction);
}

Result<void> checkSize(const CanonicalVolume& v) {
  const double widthMm = v.nx() * v.spacingMm(0), depthMm = v.ny() * v.spacingMm(1);
  if (widthMm < kMinFieldOfViewMm || depthMm < kMinFieldOfViewMm || v.nz() < kMinSlices)
    return makeError(ErrorCode::SegmentationFailed,
                     "volume too small to hold the psoas and iliacus: " + std::to_string(int(widthMm)) + " x " +
                         std::to_string(int(depthMm)) + " mm in-plane and " + std::to_string(v.nz()) +
                         " slices (expected at least " + std::to_string(int(kMinFieldOfViewMm)) + " mm and " +
                         std::to_string(kMinSlices) + " slices)");
  return {};
}

// Levels come out with canonical slice indices; the product reports the input's indices.
void mapLevelsToSource(LevelSet& levels, const CanonicalVolume& v, const IntensityImage& hu) {
  for (auto& level : levels.levels) {
    level.sliceIndex = v.sourceSliceIndex(level.sliceIndex);
    IntensityImage::IndexType index{};
    index[2] = hu.GetLargestPossibleRegion().GetIndex(2) + level.sliceIndex;
    IntensityImage::PointType point;
    hu.TransformIndexToPhysicalPoint(index, point);
    level.zMm = point[2];
  }
}

} // namespace

Result<SegmentationResult> segmentCt(const IntensityImage& hu, const ProgressCallback& progress) {
  try {
    report(progress, "preparing volume", 0.0);
    auto canonical = CanonicalVolume::fromImage(hu);
    if (!canonical) return canonical.error();
    CanonicalVolume& v = canonical.value();
    if (auto size = checkSize(v); !size) return size.error();
    smoothInPlane(v, kSmoothingSigmaMm);

    report(progress, "finding the spine", 0.15);
    // Cancellous bone is noisy and only 100-170 HU in older patients: the column is found on
    // a strongly smoothed copy, where a vertebral body's interior averages out above discs.
    CanonicalVolume heavilySmoothed = v;
    smoothInPlane(heavilySmoothed, kSpineSmoothingSigmaMm);
    const SpineTrack spine = trackSpine(heavilySmoothed);
    if (!spine.found() || (spine.lastSlice - spine.firstSlice + 1) * v.spacingMm(2) < 30.0)
      return makeError(ErrorCode::SegmentationFailed,
                       "no vertebral column in view (expected lumbar vertebral bodies behind the abdomen); "
                       "is this an abdomen/pelvis CT?");

    report(progress, "identifying vertebral levels", 0.3);
    SegmentationResult result;
    result.levels = findLevels(v, spine);
    result.warnings = result.levels.warnings;

    report(progress, "segmenting psoas and iliacus", 0.45);
    auto muscles = trackMuscles(v, spine, result.levels);
    result.warnings.insert(result.warnings.end(), muscles.warnings.begin(), muscles.warnings.end());

    report(progress, "writing labels", 0.95);
    result.labels = v.labelsOnSourceGrid(muscles.labels, hu);
    mapLevelsToSource(result.levels, v, hu);
    report(progress, "segmentation done", 1.0);
    return result;
  } catch (const itk::ExceptionObject& e) {
    return makeError(ErrorCode::Internal, "segmentation failed inside ITK", e.GetDescription());
  }
}

} // namespace iliometry::segmentation
