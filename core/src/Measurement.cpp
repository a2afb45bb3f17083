#include "iliometry/core/Measurement.h"

#include <itkImageRegionConstIterator.h>

namespace iliometry {

MeasurementSet measureStructures(const IntensityImage& intensity, const LabelImage& labels) {
  const auto region = labels.GetLargestPossibleRegion();
  assert(region == intensity.GetLargestPossibleRegion());
  const auto spacing = labels.GetSpacing();
  const int sliceCount = static_cast<int>(region.GetSize(2));

  MeasurementSet set;
  set.sliceCount = sliceCount;
  set.sliceAreaMm2PerVoxel = spacing[0] * spacing[1];
  set.voxelVolumeMm3 = set.sliceAreaMm2PerVoxel * spacing[2];

  std::array<std::vector<std::size_t>, 4> countPerSlice;
  std::array<double, 4> intensitySum{};
  for (auto& counts : countPerSlice) counts.assign(static_cast<std::size_t>(sliceCount), 0);

  itk::ImageRegionConstIterator<LabelImage> labelIt(&labels, region);
  itk::ImageRegionConstIterator<IntensityImage> intensityIt(&intensity, region);
  for (; !labelIt.IsAtEnd(); ++labelIt, ++intensityIt) {
    const LabelValue label = labelIt.Get();
    if (label == kBackgroundLabel || label > 4) continue;
    const std::size_t structure = label - 1u;
    ++countPerSlice[structure][static_cast<std::size_t>(labelIt.GetIndex()[2] - region.GetIndex(2))];
    intensitySum[structure] += intensityIt.Get();
  }

  for (Structure s : kStructures) {
    auto& m = set.structures[indexOf(s)];
    m.structure = s;
    m.csaMm2PerSlice.resize(static_cast<std::size_t>(sliceCount));
    for (int k = 0; k < sliceCount; ++k) {
      const std::size_t n = countPerSlice[indexOf(s)][static_cast<std::size_t>(k)];
      m.csaMm2PerSlice[static_cast<std::size_t>(k)] = static_cast<double>(n) * set.sliceAreaMm2PerVoxel;
      m.voxelCount += n;
      if (n > 0) {
        if (m.firstSliceIndex < 0) m.firstSliceIndex = k;
        m.lastSliceIndex = k;
      }
      if (m.csaMm2PerSlice[static_cast<std::size_t>(k)] > m.maxCsaMm2) {
        m.maxCsaMm2 = m.csaMm2PerSlice[static_cast<std::size_t>(k)];
        m.maxCsaSliceIndex = k;
      }
    }
    m.volumeMm3 = static_cast<double>(m.voxelCount) * set.voxelVolumeMm3;
    if (m.voxelCount > 0) m.meanIntensity = intensitySum[indexOf(s)] / static_cast<double>(m.voxelCount);
  }
  return set;
}

} // namespace iliometry
