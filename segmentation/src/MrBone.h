#pragma once
// Bone on MR, which has no density to threshold. Marrow is a water-fat mixture, between muscle
// and fat on every sequence; cortical bone is darker than muscle, or at least a thin dark line
// (on T2 and in-phase images partial volume with the bright marrow lifts it). An intermediate
// region is taken as marrow when a shell of such signal encloses it or makes up much of its
// border (partial-volume edges between fat and muscle, kidneys and fatty muscle have neither),
// or when it continues marrow of the slice above or below (a vertebral body is a column; the
// shell test fails on single slices where noise or an oblique endplate breaks the shell).
// Marrow is homogeneous; partial volume between bowel wall and fat spreads over the whole range.
#include "SliceMask.h"

#include <cstdint>
#include <vector>

namespace iliometry::segmentation {

// What one slice shows, classified against the scan's own fat and muscle references.
struct SliceTissues {
  SliceMask dark;         // below half of muscle: cortex, air, flow voids, fluid on T1
  SliceMask belowMuscle;  // clearly below muscle: cortex-like
  SliceMask shell;        // belowMuscle or a thin dark line: where a cortical shell may be
  SliceMask intermediate; // between muscle and fat, not dark: marrow or partial volume
  SliceMask greyDark;     // somewhat below muscle, not dark: thin bone without visible marrow
  std::vector<float> t;   // lightly smoothed signal on the muscle (0) to fat (1) scale
};

// Pieces of the intermediate mask that could be marrow, as pixel lists, and which are.
struct MarrowCandidates {
  std::vector<std::vector<std::uint32_t>> pieces;
  std::vector<bool> accepted;
};

MarrowCandidates marrowCandidates(const SliceTissues& tissues);

// Accepts candidates that overlap accepted marrow on the neighbouring slice by at least half
// their area, sweeping up and then down the volume (so runs continue through shell gaps).
void acceptAlongBodyAxis(std::vector<MarrowCandidates>& slices);

struct BoneOnSlice {
  SliceMask marrow, bone;
  SliceMask plateTissue; // marrow-like or cortex-like signal: what a joined sheet's plate is made of
  SliceMask sheets; // thin grey-dark plates not joined to marrow on this slice: bone only when
                    // they continue bone of the neighbouring slices (keepSheetsJoinedToBone)
};

// The accepted marrow of a slice as a mask.
SliceMask acceptedMarrow(const MarrowCandidates& candidates, const SliceGeometry& geometry);

// The accepted marrow, the cortex-like rim next to it, thin grey-dark bone hanging on to it and
// endplates (dark pieces lying mostly over marrow of the slice above or below: an axial slice
// through an endplate is all cortex), closed and filled into bone outlines; long thin grey-dark
// sheets (upper iliac wings, but also ribs and fasciae) apart. `marrowBelow`/`marrowAbove`: the
// neighbours' accepted marrow.
BoneOnSlice boneOnSlice(const MarrowCandidates& candidates, const SliceTissues& tissues, const SliceMask& marrowBelow,
                        const SliceMask& marrowAbove);

// Adds to each slice's bone the sheets that overlap (within a few millimetres) the bone of the
// neighbouring slice, sweeping up and down: the upper iliac wing continues the marrow-bearing
// wing below it; a rib or a fascia far from other bone is not taken. A joined sheet takes the
// rest of its plate with it (the marrow-like or cortex-like signal within a few millimetres):
// the CT rules look for a solid wing, not one cortical line of it.
void keepSheetsJoinedToBone(std::vector<BoneOnSlice>& slices);

} // namespace iliometry::segmentation
