#include "iliometry/segmentation/MrSegmenter.h"

#include "MrIntensity.h"
#include "PseudoCt.h"

#include "iliometry/core/FatFraction.h"
#include "iliometry/core/ImageGrid.h"

#include <itkMacro.h>

#include <algorithm>
#include <cmath>

namespace iliometry::segmentation {

namespace {

// Some scanners store a small negative offset; CT air is -1000 HU.
constexpr float kLowestMrSignal = -50.f;

// In-phase = water + fat when no in-phase series came with the Dixon pair.
IntensityImage::Pointer sumOf(const IntensityImage& water, const IntensityImage& fat) {
  auto sum = allocateLike(water);
  const std::size_t count = water.GetBufferedRegion().GetNumberOfPixels();
  for (std::size_t n = 0; n < count; ++n) sum->GetBufferPointer()[n] = water.GetBufferPointer()[n] + fat.GetBufferPointer()[n];
  return sum;
}

} // namespace


Result<SegmentationResult> segmentMr(const MrImages& images, const ProgressCallback& progress) {
  const bool dixon = images.water != nullptr && images.fat != nullptr;
  if (images.structural == nullptr && !dixon)
    return makeError(ErrorCode::InvalidArgument, "MR segmentation needs an image (T1, T2 or in-phase) or a Dixon water/fat pair");
  if (dixon && !sameVoxelGrid(*images.water, *images.fat))
    return makeError(ErrorCode::InvalidSeries, "the Dixon water and fat images do not share one voxel grid");
  if (dixon && images.structural != nullptr && !sameVoxelGrid(*images.structural, *images.water))
    return makeError(ErrorCode::InvalidSeries, "the Dixon water/fat images do not share the voxel grid of the in-phase image");
  try {
    if (progress) progress("MR: body and bias field", 0.0);
    IntensityImage::Pointer summed;
    if (images.structural == nullptr) summed = sumOf(*images.water, *images.fat);
    const IntensityImage& structural = images.structural != nullptr ? *images.structural : *summed;
    // MR magnitude images are never negative; CT is, down to -1000 HU in air.
    const float lowest = *std::min_element(structural.GetBufferPointer(),
                                           structural.GetBufferPointer() + structural.GetBufferedRegion().GetNumberOfPixels());
    if (lowest < kLowestMrSignal)
      return makeError(ErrorCode::UnsupportedModality,
                       "the MR pipeline was given values down to " + std::to_string(static_cast<int>(lowest)) +
                           ", which MR magnitude images do not have (Hounsfield units of a CT?); expected an MR series");
    const auto body = bodyMask(structural);
    const auto corrected = correctBiasField(structural, *body);

    if (progress) progress("MR: tissue classes", 0.1);
    IntensityImage::Pointer fatFraction;
    if (dixon) fatFraction = fatFractionImage(*images.water, *images.fat);
    const PseudoCt pseudo = makePseudoCt({corrected.GetPointer(), fatFraction.GetPointer(), body.GetPointer()});

    auto result = segmentCt(*pseudo.hu, [&](const std::string& stage, double fraction) {
      if (progress) progress(stage, 0.15 + 0.85 * fraction);
    });
    if (!result) {
      Error error = result.error();
      if (error.code == ErrorCode::SegmentationFailed)
        error.message += " (MR path: on the density map learned from this series; fat " +
                         std::to_string(static_cast<int>(pseudo.structuralReferences.fat)) + ", muscle " +
                         std::to_string(static_cast<int>(pseudo.structuralReferences.muscle)) + ")";
      return error;
    }
    result.value().warnings.insert(result.value().warnings.begin(), pseudo.warnings.begin(), pseudo.warnings.end());
    result.value().warnings.push_back(
        "MR: iliacus outlines are less reliable than psoas outlines on MR (see docs/accuracy.md); check them on the "
        "images before relying on the iliacus asymmetry verdict");
    return result;
  } catch (const itk::ExceptionObject& e) {
    return makeError(ErrorCode::Internal, "MR segmentation failed inside ITK", e.GetDescription());
  }
}

} // namespace iliometry::segmentation
