#pragma once
// Where a muscle's outline meets its neighbour, the image crosses from the muscle's density to
// the neighbour's over a couple of pixels (partial volume, the in-plane smoothing). The border
// a reader draws lies where the density is halfway between the two. Tracking finds outlines
// in a narrow density window, which stops short of that line against fat and runs past it
// into touching tissue a little less dense (bowel wall and content, unenhanced vessels); this
// re-decides the pixels near the outline's border by the halfway rule, with the neighbour's
// density measured just beyond the border, locally.
#include "SliceMask.h"

namespace iliometry::segmentation {

struct BorderRule {
  float insideHu = 50.0f;      // the muscle's density when the outline is too thin to measure it
  float minContrastHu = 16.0f; // below this difference the neighbour is the same tissue: no evidence
  int inwardPixels = 2;        // outline pixels this close to its border may be given up
  int outwardPixels = 1;       // how far beyond the outline pixels may be added
  float fatBelowHu = -29.0f;   // a neighbour below this is fat: against fat, pixels down to it are muscle
};

// `outline` with its border re-decided on `sliceHu`; never takes pixels of `forbidden`.
// Pixels deeper than `inwardPixels` always stay; where the local contrast to the neighbour is
// below `minContrastHu` the outline's own border stays.
SliceMask refineBorder(const float* sliceHu, const SliceMask& outline, const SliceMask& forbidden, const BorderRule& rule);

} // namespace iliometry::segmentation
