#pragma once
// The vertebral column of the phantom: T11 to L5 bodies and the discs between them, stacked
// along z with fixed heights, then the sacrum. The spine axis is straight (no lordosis).
#include "iliometry/core/Level.h"

#include <optional>
#include <string>
#include <vector>

namespace iliometry::testdata::detail {

inline constexpr double kSpineCentreVMm = 40.0; // vertebral body centre, posterior of the body centre
inline constexpr double kSacrumTopZMm = 156.0;  // bottom of the L5/S1 disc

struct SpineSegment {
  std::string name;
  LevelKind kind = LevelKind::VertebralBody;
  double topZMm = 0, bottomZMm = 0;
  double halfWidthMm = 0, halfDepthMm = 0; // of the body's axial section
  bool reported = true;                    // T11 and T11/T12 are anatomy only, not levels
  double midZMm() const { return 0.5 * (topZMm + bottomZMm); }
  double heightMm() const { return topZMm - bottomZMm; }
};

// Cranial to caudal.
const std::vector<SpineSegment>& spineSegments();
// The vertebral body or disc containing z, if any.
const SpineSegment* spineSegmentAt(double zMm);
// Half width and depth of the column's footprint at z (L5's below the sacral promontory).
double spineHalfWidthMm(double zMm);
double spineHalfDepthMm(double zMm);
double spinalCanalCentreVMm(double zMm);

// Sacrum section at z (none outside its extent): centre v, half width, half depth; the alae
// bend posteriorly by kSacrumBendPerMm * u^2.
struct SacrumSection {
  double centreVMm, halfWidthMm, halfDepthMm;
};
inline constexpr double kSacrumBendPerMm = 0.005;
std::optional<SacrumSection> sacrumAt(double zMm);

} // namespace iliometry::testdata::detail
