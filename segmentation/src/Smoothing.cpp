#include "Smoothing.h"

#include <itkImportImageFilter.h>
#include <itkRecursiveGaussianImageFilter.h>

#include <algorithm>

namespace iliometry::segmentation {

void smoothInPlane(CanonicalVolume& volume, double sigmaMm) {
  using Image = itk::Image<float, 3>;
  auto import = itk::ImportImageFilter<float, 3>::New();
  Image::RegionType region;
  region.SetSize({static_cast<itk::SizeValueType>(volume.nx()), static_cast<itk::SizeValueType>(volume.ny()),
                  static_cast<itk::SizeValueType>(volume.nz())});
  import->SetRegion(region);
  const double spacing[3] = {volume.spacingMm(0), volume.spacingMm(1), volume.spacingMm(2)};
  import->SetSpacing(spacing);
  import->SetImportPointer(volume.values().data(), volume.values().size(), false);

  auto alongX = itk::RecursiveGaussianImageFilter<Image, Image>::New();
  alongX->SetInput(import->GetOutput());
  alongX->SetDirection(0);
  alongX->SetSigma(sigmaMm);
  auto alongY = itk::RecursiveGaussianImageFilter<Image, Image>::New();
  alongY->SetInput(alongX->GetOutput());
  alongY->SetDirection(1);
  alongY->SetSigma(sigmaMm);
  alongY->Update();
  std::copy_n(alongY->GetOutput()->GetBufferPointer(), volume.values().size(), volume.values().begin());
}

} // namespace iliometry::segmentation
