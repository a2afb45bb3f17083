#pragma once
// Below the pelvic brim psoas and iliacus lie in one compartment: the iliac fascia wraps both
// and no fat plane separates them. Each is tracked on its own, in the narrow learned window,
// and in the merged belly (whose density varies more, with fatty streaks and partial volume
// with the brim) an outline can shrink or fall into pieces: the muscle between the two is then
// left to neither (seen on the real CT: a third of the iliopsoas at the brim unlabelled). This
// gives the gap back: the pixels of the muscle's density inside the morphological closing of
// the two outlines go to the nearer outline, the split rule of the merged part.
#include "SliceMask.h"

namespace iliometry::segmentation {

struct IliopsoasOutlines {
  SliceMask psoas;
  SliceMask iliacus;
};

// `muscleDensity`: the pixels of the slice in the muscle window. Gaps narrower than twice
// `gapRadiusMm` between the outlines are closed (pixels within twice that of both);
// `forbidden` pixels are never taken. Ties between the two outlines go to the psoas, but the
// psoas grows to at most `maxPsoasPixels` (its cap from the slice above): the pixels nearest to
// it first, the rest to the iliacus.
IliopsoasOutlines closeIliopsoasGap(const IliopsoasOutlines& outlines, const SliceMask& muscleDensity,
                                    const SliceMask& forbidden, double gapRadiusMm, std::size_t maxPsoasPixels);

} // namespace iliometry::segmentation
