#pragma once
// A loaded 3-D volume: the voxels in patient LPS geometry, and where they came from.
#include "iliometry/core/ImageTypes.h"
#include "iliometry/core/StudyInfo.h"

#include <string>
#include <vector>

namespace iliometry {

struct SourceSlice {
  std::string filePath;
  std::string sopInstanceUid;
  std::string sopClassUid;
  int frameNumber = 0; // 1-based for multi-frame objects, 0 for single-frame files
};

struct Volume {
  IntensityImage::Pointer image; // HU for CT; the third axis is the stacking direction
  StudyInfo info;
  std::vector<SourceSlice> slices; // one per index along the third axis (DICOM input only)
  std::vector<std::string> warnings; // things the user should know (skipped files, resampling)
  // MR Dixon studies: the water and fat images on this volume's voxel grid, when the study holds
  // them (the volume itself is then the in-phase image); empty otherwise.
  IntensityImage::Pointer dixonWater, dixonFat;
};

} // namespace iliometry
