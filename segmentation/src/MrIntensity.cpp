#include "MrIntensity.h"

#include "iliometry/core/ImageGrid.h"

#include <itkBSplineControlPointImageFilter.h>
#include <itkBinaryFillholeImageFilter.h>
#include <itkBinaryThresholdImageFilter.h>
#include <itkConnectedComponentImageFilter.h>
#include <itkExtractImageFilter.h>
#include <itkImageRegionConstIterator.h>
#include <itkN4BiasFieldCorrectionImageFilter.h>
#include <itkRelabelComponentImageFilter.h>
#include <itkShrinkImageFilter.h>

#include <algorithm>
#include <cmath>
#include <vector>

namespace iliometry::segmentation {

namespace {

// Fat and most soft tissue are well above this share of the bright tissue's signal on T1, T2
// and Dixon in-phase images; air is noise around zero.
constexpr double kBodyFractionOfBright = 0.12;
constexpr double kBrightPercentile = 0.98;
constexpr double kN4ShrunkVoxelMm = 10.0;

float percentileOf(const IntensityImage& image, double fraction) {
  std::vector<float> values(image.GetBufferPointer(), image.GetBufferPointer() + image.GetBufferedRegion().GetNumberOfPixels());
  if (values.empty()) return 0.0f;
  const auto nth = values.begin() + static_cast<std::ptrdiff_t>(fraction * static_cast<double>(values.size() - 1));
  std::nth_element(values.begin(), nth, values.end());
  return *nth;
}

// The largest 2-D component of one slice's mask, holes filled.
void keepBodyOnSlice(SliceMaskImage::Pointer slice) {
  using Components = itk::ConnectedComponentImageFilter<SliceMaskImage, itk::Image<std::uint32_t, 2>>;
  auto components = Components::New();
  components->SetInput(slice);
  auto relabel = itk::RelabelComponentImageFilter<itk::Image<std::uint32_t, 2>, itk::Image<std::uint32_t, 2>>::New();
  relabel->SetInput(components->GetOutput());
  relabel->Update();
  auto largest = itk::BinaryThresholdImageFilter<itk::Image<std::uint32_t, 2>, SliceMaskImage>::New();
  largest->SetInput(relabel->GetOutput());
  largest->SetLowerThreshold(1);
  largest->SetUpperThreshold(1);
  largest->SetInsideValue(1);
  largest->SetOutsideValue(0);
  auto fill = itk::BinaryFillholeImageFilter<SliceMaskImage>::New();
  fill->SetInput(largest->GetOutput());
  fill->SetForegroundValue(1);
  fill->FullyConnectedOn();
  fill->Update();
  std::copy_n(fill->GetOutput()->GetBufferPointer(), slice->GetBufferedRegion().GetNumberOfPixels(),
              slice->GetBufferPointer());
}

} // namespace

MaskImage::Pointer bodyMask(const IntensityImage& image) {
  const float threshold = static_cast<float>(kBodyFractionOfBright * percentileOf(image, kBrightPercentile));
  auto mask = MaskImage::New();
  mask->CopyInformation(&image);
  mask->SetRegions(image.GetBufferedRegion());
  mask->Allocate();
  const auto size = image.GetBufferedRegion().GetSize();
  const std::size_t sliceVoxels = size[0] * size[1];
  const float* in = image.GetBufferPointer();
  std::uint8_t* out = mask->GetBufferPointer();
  for (std::size_t n = 0; n < sliceVoxels * size[2]; ++n)
    out[n] = in[n] > threshold ? 1 : 0;

  auto slice = SliceMaskImage::New();
  SliceMaskImage::RegionType region;
  region.SetSize({size[0], size[1]});
  slice->SetRegions(region);
  slice->Allocate();
  for (std::size_t k = 0; k < size[2]; ++k) {
    std::copy_n(out + k * sliceVoxels, sliceVoxels, slice->GetBufferPointer());
    keepBodyOnSlice(slice);
    std::copy_n(slice->GetBufferPointer(), sliceVoxels, out + k * sliceVoxels);
  }
  return mask;
}

IntensityImage::Pointer correctBiasField(const IntensityImage& image, const MaskImage& body) {
  using Shrink = itk::ShrinkImageFilter<IntensityImage, IntensityImage>;
  using ShrinkMask = itk::ShrinkImageFilter<MaskImage, MaskImage>;
  auto shrink = Shrink::New();
  auto shrinkMask = ShrinkMask::New();
  shrink->SetInput(&image);
  shrinkMask->SetInput(&body);
  for (unsigned axis = 0; axis < 3; ++axis) {
    const unsigned factor = std::max(1u, static_cast<unsigned>(kN4ShrunkVoxelMm / image.GetSpacing()[axis]));
    shrink->SetShrinkFactor(axis, factor);
    shrinkMask->SetShrinkFactor(axis, factor);
  }
  // N4 works on the logarithm: zero voxels inside the body (noise clamped at zero) would be -inf.
  shrink->Update();
  IntensityImage::Pointer shrunk = shrink->GetOutput();
  shrunk->DisconnectPipeline();
  for (float* p = shrunk->GetBufferPointer(); p != shrunk->GetBufferPointer() + shrunk->GetBufferedRegion().GetNumberOfPixels(); ++p)
    *p = std::max(*p, 1.0f);

  using N4 = itk::N4BiasFieldCorrectionImageFilter<IntensityImage, MaskImage, IntensityImage>;
  auto n4 = N4::New();
  n4->SetInput(shrunk);
  n4->SetMaskImage(shrinkMask->GetOutput());
  n4->SetMaskLabel(1);
  // Three fitting levels refine the B-spline from 4 to 16 control points per axis: enough for
  // coil profiles (tens of centimetres), too coarse to follow an organ.
  N4::VariableSizeArrayType iterations(3);
  iterations[0] = 20, iterations[1] = 15, iterations[2] = 10;
  n4->SetMaximumNumberOfIterations(iterations);
  n4->SetNumberOfFittingLevels(3);
  n4->SetConvergenceThreshold(1e-4);
  n4->Update();

  // The log bias field evaluated on the full-resolution grid from the fitted control points.
  using Lattice = N4::BiasFieldControlPointLatticeType;
  using ScalarField = itk::Image<itk::Vector<float, 1>, 3>;
  auto bspline = itk::BSplineControlPointImageFilter<Lattice, ScalarField>::New();
  bspline->SetInput(n4->GetLogBiasFieldControlPointLattice());
  bspline->SetSplineOrder(n4->GetSplineOrder());
  bspline->SetSize(image.GetBufferedRegion().GetSize());
  bspline->SetOrigin(image.GetOrigin());
  bspline->SetSpacing(image.GetSpacing());
  bspline->SetDirection(image.GetDirection());
  bspline->Update();

  auto corrected = allocateLike(image);
  const std::size_t count = image.GetBufferedRegion().GetNumberOfPixels();
  const float* in = image.GetBufferPointer();
  const std::uint8_t* inside = body.GetBufferPointer();
  const auto* logBias = bspline->GetOutput()->GetBufferPointer();
  float* out = corrected->GetBufferPointer();
  for (std::size_t n = 0; n < count; ++n)
    out[n] = inside[n] ? in[n] / std::exp(logBias[n][0]) : in[n];
  return corrected;
}

} // namespace iliometry::segmentation
