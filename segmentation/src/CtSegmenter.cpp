#include "iliometry/segmentation/CtSegmenter.h"

#include "CanonicalVolume.h"
#include "LevelFinder.h"
#include "MuscleTracker.h"
#include "Smoothing.h"
#include "SpineTrack.h"
#include "WorkingGrid.h"

#include <itkMacro.h>

#include <algorithm>

namespace iliometry::segmentation {

namespace {

// The muscles need at least the width of a pelvis in view and a few slices along the body.
constexpr double kMinFieldOfViewMm = 150.0;
constexpr int kMinSlices = 5;
constexpr double kSmoothingSigmaMm = 1.0;
constexpr double kSpineSmoothingSigmaMm = 3.0;
constexpr double kWorkingPixelMm = 1.5;
constexpr double kWorkingSliceMm = 3.0;

void report(const ProgressCallback& progress, const std::string& stage, double fraction) {
  if (progress) progress(stage, fraction);
}

// Psoas and iliacus lie within this box around the vertebral column (pelvis included);
// tracking them on a crop of it instead of the whole field of view saves most of the work.
constexpr double kMuscleBoxLateralMm = 150.0;
constexpr double kMuscleBoxAnteriorMm = 140.0;
constexpr double kMuscleBoxPosteriorMm = 70.0;

MuscleTrackingResult trackMusclesAroundSpine(const CanonicalVolume& v, const SpineTrack& spine, const LevelSet& levels,
                                             int nativeSlicesPerSlice) {
  double xMin = 1e9, xMax = -1e9, yMin = 1e9, yMax = -1e9;
  for (const auto& p : spine.points)
    if (p.present) {
      xMin = std::min(xMin, p.xMm), xMax = std::max(xMax, p.xMm);
      yMin = std::min(yMin, p.yMm), yMax = std::max(yMax, p.yMm);
    }
  const int i0 = std::max(0, static_cast<int>((xMin - kMuscleBoxLateralMm) / v.spacingMm(0)));
  const int i1 = std::min(v.nx(), static_cast<int>((xMax + kMuscleBoxLateralMm) / v.spacingMm(0)) + 1);
  const int j0 = std::max(0, static_cast<int>((yMin - kMuscleBoxAnteriorMm) / v.spacingMm(1)));
  const int j1 = std::min(v.ny(), static_cast<int>((yMax + kMuscleBoxPosteriorMm) / v.spacingMm(1)) + 1);
  const CanonicalVolume crop = v.cropped(i0, j0, i1 - i0, j1 - j0);
  SpineTrack shifted = spine;
  for (auto& p : shifted.points) {
    p.xMm -= i0 * v.spacingMm(0);
    p.yMm -= j0 * v.spacingMm(1);
  }
  auto result = trackMuscles(crop, shifted, levels, nativeSlicesPerSlice);
  std::vector<std::uint8_t> labels(v.values().size(), 0);
  for (int k = 0; k < v.nz(); ++k)
    for (int j = 0; j < crop.ny(); ++j)
      std::copy_n(result.labels.begin() + static_cast<std::ptrdiff_t>(crop.offset(0, j, k)), crop.nx(),
                  labels.begin() + static_cast<std::ptrdiff_t>(v.offset(i0, j0 + j, k)));
  result.labels = std::move(labels);
  return result;
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
    const CanonicalVolume& native = canonical.value();
    if (auto size = checkSize(native); !size) return size.error();
    WorkingGrid grid = makeWorkingGrid(native, kWorkingPixelMm, kWorkingSliceMm);
    CanonicalVolume& v = grid.volume;
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
    for (auto& level : result.levels.levels) level.sliceIndex = grid.nativeSlice(level.sliceIndex);

    report(progress, "segmenting psoas and iliacus", 0.45);
    auto muscles = trackMusclesAroundSpine(v, spine, result.levels, grid.factor[2]);
    result.warnings.insert(result.warnings.end(), muscles.warnings.begin(), muscles.warnings.end());

    report(progress, "refining outlines on the native grid", 0.9);
    UpsamplingRule rule;
    rule.coreLowHu = muscles.muscleLowHu;
    rule.coreHighHu = muscles.muscleHighHu;
    rule.muscleHu = muscles.muscleMeanHu;
    rule.besideBone = true;
    const auto nativeLabels = upsampleLabels(muscles.labels, grid, native, rule);
    result.labels = native.labelsOnSourceGrid(nativeLabels, hu);
    mapLevelsToSource(result.levels, native, hu);
    report(progress, "segmentation done", 1.0);
    return result;
  } catch (const itk::ExceptionObject& e) {
    return makeError(ErrorCode::Internal, "segmentation failed inside ITK", e.GetDescription());
  }
}

} // namespace iliometry::segmentation
