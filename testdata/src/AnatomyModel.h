#pragma once
// The whole phantom anatomy as a function of z: for each slice, the list of primitives in
// priority order (the first that contains a point decides its tissue and label) and the body
// outline with its fat and muscle layers.
#include "Shapes.h"

#include "iliometry/testdata/Phantom.h"

#include <optional>
#include <vector>

namespace iliometry::testdata::detail {

struct BodyOutline {
  double halfWidthMm = 0, anteriorMm = 0, posteriorMm = 0; // trunk, about (0, 0)
  bool thighs = false;
  Ellipse thigh;                  // left thigh in the mirrored frame; the right one mirrors it
  double subcutaneousFatMm = 20;
  double wallMuscleMm = 10;
  // The anterior abdominal wall's muscles end at the inguinal ligament: in front (v < 0) they
  // reach this far from the midline only (the whole ring above the ligament).
  double anteriorWallHalfWidthMm = 1e9;
  bool sample(double u, double v, Sample& out) const; // false outside the body (air)
  Box box() const;
};

struct SliceScene {
  double zMm = 0;
  PrimitiveList primitives; // priority order
  BodyOutline body;
};

class AnatomyModel {
public:
  explicit AnatomyModel(const PhantomParameters& parameters);
  SliceScene sliceAt(double zMm) const;

private:
  struct Loop {
    Segment3 segment; // body frame
    double radiusMm;
    bool gassy;
  };
  void addBones(double z, PrimitiveList& out) const;
  void addIliopsoas(double z, PrimitiveList& out) const;
  void addMuscles(double z, PrimitiveList& out) const;
  std::optional<Ellipse> placedPsoas(double z, int side) const;
  void addOrgans(double z, PrimitiveList& out) const;
  BodyOutline bodyAt(double z) const;
  bool insideCavity(double u, double v, double z, double marginMm) const;
  void placeBowel();

  PhantomParameters m_parameters;
  std::vector<Loop> m_loops;
};

} // namespace iliometry::testdata::detail
