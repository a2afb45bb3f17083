#pragma once
// The analytic shapes of psoas major, iliacus and the iliac wing along z, per side, in the
// mirrored body frame (+u lateral). Shared by the slice builder and designedCsaMm2().
#include "Shapes.h"

#include <optional>

namespace iliometry::testdata::detail {

// Iliac wing plate at z: frame and plate thickness (mm).
struct IliumSection {
  ArcFrame frame;
  double thicknessMm = 0;
};
std::optional<IliumSection> iliumAt(double zMm);

// Psoas major of one side; areaFactor scales the area (sqrt(ratio) left, 1/sqrt(ratio) right).
std::optional<Ellipse> psoasAt(double zMm, double areaFactor);
std::optional<IliacusCrescent> iliacusAt(double zMm, double areaFactor);

// Both muscles of one side as placed in the phantom: where their design shapes would overlap
// (at and below the pelvic brim) the psoas is slid away from the iliacus until they only touch.
struct IliopsoasDesign {
  std::optional<Ellipse> psoas;
  std::optional<IliacusCrescent> iliacus;
};
IliopsoasDesign iliopsoasAt(double zMm, double psoasFactor, double iliacusFactor);

// Area factors from the left/right area ratio: left = sqrt(r), right = 1/sqrt(r).
double areaFactorFor(double leftRightRatio, int side);

} // namespace iliometry::testdata::detail
