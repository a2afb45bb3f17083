#include "LabelSmoothing.h"

#include <itkBinaryMedianImageFilter.h>
#include <itkImage.h>

#include <algorithm>

namespace iliometry::segmentation {

void majorityVote(std::vector<std::uint8_t>& labels, int nx, int ny, int nz, std::uint8_t label, VoteWindow window) {
  using Mask3 = itk::Image<std::uint8_t, 3>;
  auto indicator = Mask3::New();
  Mask3::RegionType region;
  region.SetSize({static_cast<itk::SizeValueType>(nx), static_cast<itk::SizeValueType>(ny), static_cast<itk::SizeValueType>(nz)});
  indicator->SetRegions(region);
  indicator->Allocate();
  std::transform(labels.begin(), labels.end(), indicator->GetBufferPointer(),
                 [label](std::uint8_t value) { return static_cast<std::uint8_t>(value == label ? 1 : 0); });
  // The binary median of a window is its majority.
  auto vote = itk::BinaryMedianImageFilter<Mask3, Mask3>::New();
  vote->SetInput(indicator);
  vote->SetForegroundValue(1);
  vote->SetBackgroundValue(0);
  Mask3::SizeType radius;
  radius[0] = radius[1] = window.inPlane ? 1 : 0;
  radius[2] = window.acrossSlices ? 1 : 0;
  vote->SetRadius(radius);
  vote->Update();
  const std::uint8_t* voted = vote->GetOutput()->GetBufferPointer();
  for (std::size_t n = 0; n < labels.size(); ++n)
    if (labels[n] == label || labels[n] == 0) labels[n] = voted[n] != 0 ? label : 0;
}

} // namespace iliometry::segmentation
