#pragma once
// Pixel types are fixed once for the whole product (see docs): intensities as float
// (Hounsfield units for CT, arbitrary units for MR), labels as uint8.
// Coordinates are ITK's: physical points in patient LPS millimetres.
#include <itkImage.h>

#include <cstdint>

namespace iliometry {

using IntensityImage = itk::Image<float, 3>;
using LabelImage = itk::Image<std::uint8_t, 3>;
using MaskImage = itk::Image<std::uint8_t, 3>;
using SliceIntensityImage = itk::Image<float, 2>;
using SliceMaskImage = itk::Image<std::uint8_t, 2>;

} // namespace iliometry
