#include "LocalDensity.h"

#include <itkBoxMeanImageFilter.h>
#include <itkFlatStructuringElement.h>
#include <itkGrayscaleErodeImageFilter.h>
#include <itkImage.h>

#include <algorithm>

namespace iliometry::segmentation {

namespace {
using Float2 = itk::Image<float, 2>;

Float2::Pointer toItk(const float* values, const SliceGeometry& geometry) {
  auto image = Float2::New();
  Float2::RegionType region;
  region.SetSize({static_cast<itk::SizeValueType>(geometry.nx), static_cast<itk::SizeValueType>(geometry.ny)});
  image->SetRegions(region);
  image->Allocate();
  std::copy_n(values, geometry.count(), image->GetBufferPointer());
  return image;
}

std::vector<float> valuesOf(const Float2& image) {
  const float* begin = image.GetBufferPointer();
  return std::vector<float>(begin, begin + image.GetBufferedRegion().GetNumberOfPixels());
}
} // namespace

std::vector<float> boxMean(const float* values, const SliceGeometry& geometry, int radiusPx) {
  auto filter = itk::BoxMeanImageFilter<Float2, Float2>::New();
  filter->SetInput(toItk(values, geometry));
  filter->SetRadius(static_cast<itk::SizeValueType>(radiusPx));
  // One slice is little work: ITK's thread pool would cost more than it saves.
  filter->SetNumberOfWorkUnits(1);
  filter->Update();
  return valuesOf(*filter->GetOutput());
}

std::vector<float> boxMinimum(const float* values, const SliceGeometry& geometry, int radiusPx) {
  using Box = itk::FlatStructuringElement<2>;
  Box::RadiusType radius;
  radius.Fill(static_cast<itk::SizeValueType>(radiusPx));
  auto filter = itk::GrayscaleErodeImageFilter<Float2, Float2, Box>::New();
  filter->SetInput(toItk(values, geometry));
  filter->SetKernel(Box::Box(radius));
  filter->SetNumberOfWorkUnits(1);
  filter->Update();
  return valuesOf(*filter->GetOutput());
}

} // namespace iliometry::segmentation
