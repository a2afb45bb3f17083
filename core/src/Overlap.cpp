#include "iliometry/core/Overlap.h"

#include <itkImageRegionConstIterator.h>

#include <cassert>

namespace iliometry {

double diceCoefficient(const LabelImage& a, const LabelImage& b, std::uint8_t label) {
  assert(a.GetLargestPossibleRegion() == b.GetLargestPossibleRegion());
  std::size_t inA = 0, inB = 0, inBoth = 0;
  itk::ImageRegionConstIterator<LabelImage> itA(&a, a.GetLargestPossibleRegion());
  itk::ImageRegionConstIterator<LabelImage> itB(&b, b.GetLargestPossibleRegion());
  for (; !itA.IsAtEnd(); ++itA, ++itB) {
    const bool va = itA.Get() == label, vb = itB.Get() == label;
    inA += va;
    inB += vb;
    inBoth += va && vb;
  }
  if (inA + inB == 0) return 1.0;
  return 2.0 * static_cast<double>(inBoth) / static_cast<double>(inA + inB);
}

} // namespace iliometry
