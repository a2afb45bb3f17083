#pragma once
// The phantom studies the CT pipeline is measured on.
#include "iliometry/segmentation/CtSegmenter.h"
#include "iliometry/testdata/Phantom.h"

#include <ostream>
#include <string>
#include <vector>

namespace iliometry::testing {

struct PhantomCase {
  std::string name;
  testdata::PhantomParameters parameters;
};

inline void PrintTo(const PhantomCase& c, std::ostream* os) { *os << c.name; }

// Coarse (1.6 mm, 3 mm slices) symmetric and asymmetric studies, off-centre and rotated,
// contrast and noise, and one fine study (0.8 mm, 2 mm slices).
std::vector<PhantomCase> phantomCases();

// MR studies (with the phantom's coil bias field and noise): T1, T2 and Dixon, symmetric and
// asymmetric, and a pelvic field of view that ends below the L3 vertebra.
std::vector<PhantomCase> mrPhantomCases();

// For every muscle whose true asymmetry index (default basis) is at least `clearPercent`: the
// segmentation's verdict flags it, naming the same larger side. `muscles` limits the check.
void expectClearAsymmetriesFlagged(const testdata::Phantom& phantom, const segmentation::SegmentationResult& found,
                                   double clearPercent, const std::vector<Muscle>& muscles);

} // namespace iliometry::testing
