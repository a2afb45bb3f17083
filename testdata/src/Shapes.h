#pragma once
// In-plane shape primitives of one axial slice, evaluated in the body frame: u towards the
// patient's left, v towards posterior (LPS x, y before the phantom's offset and rotation).
// Side-specific shapes are defined in a mirrored frame (u' = side * u, so +u' is always lateral)
// and mirror the query point; one definition then serves both sides.
#include "Tissue.h"

#include "iliometry/core/Anatomy.h"

#include <memory>
#include <vector>

namespace iliometry::testdata::detail {

struct Point2 {
  double u = 0.0, v = 0.0;
};

struct Box {
  double u0 = 0, u1 = 0, v0 = 0, v1 = 0;
  bool contains(double u, double v) const { return u >= u0 && u <= u1 && v >= v0 && v <= v1; }
  static Box around(double cu, double cv, double halfU, double halfV) { return {cu - halfU, cu + halfU, cv - halfV, cv + halfV}; }
};

struct Sample {
  Tissue tissue = Tissue::Air;
  LabelValue label = kBackgroundLabel;
};

// An ellipse in the mirrored frame: centre, semi-axes a (along phi) and b, rotation phi (rad).
struct Ellipse {
  double cu = 0, cv = 0, a = 1, b = 1, phi = 0;
  double rho2(double u, double v) const; // normalised radius squared: < 1 inside
  Box box() const;                       // in the mirrored frame
  double areaMm2() const;
  Ellipse grown(double mm) const { return {cu, cv, a + mm, b + mm, phi}; }
  Point2 boundaryPoint(double t) const;  // t in radians along the parametric angle
};

// Signed clearance between two ellipses in mm (negative: they overlap by about that much),
// approximated from boundary samples; used to place organs touching or apart.
double clearanceMm(const Ellipse& a, const Ellipse& b);

// A frame for curved plates (iliac wing) and crescents (iliacus), built from the plate's
// posterior end P, its anterior end A and its bulge s beyond the chord P-A (all mirrored
// frame). Points map to (rho, theta): rho = 1 is the plate's inner (concave) surface; the
// plate spans theta in [thetaA, thetaP].
struct ArcFrame {
  Point2 centre;
  double eU = 1, eV = 0; // unit vector along the chord, P -> A
  double nU = 0, nV = 1; // unit normal towards the bulge (outer, convex side)
  double ra = 1, rb = 1; // semi-axes along e and n
  double thetaA = 0, thetaP = 0;
  static ArcFrame fromEnds(Point2 p, Point2 a, double bulgeMm);
  void polar(double u, double v, double& rho, double& theta) const;
  Point2 point(double rho, double theta) const;
  Box box(double rhoMax) const;
};

class Primitive {
public:
  virtual ~Primitive() = default;
  // True when (u, v) (body frame) is inside; fills the tissue and ground-truth label.
  virtual bool sample(double u, double v, Sample& out) const = 0;
  Box bodyBox; // body-frame bounding box, set by the builder from the shape
};

using PrimitiveList = std::vector<std::unique_ptr<Primitive>>;

// Converts a mirrored-frame box of a shape on `side` (+1 left, -1 right, 0 midline) to the body frame.
Box bodyBoxOf(const Box& mirrored, int side);

// Filled ellipse with an optional shell of another tissue (cortical bone around cancellous).
std::unique_ptr<Primitive> makeEllipse(const Ellipse& e, int side, Tissue inner, double shellMm = 0.0,
                                       Tissue shell = Tissue::Air, LabelValue label = kBackgroundLabel);
// An ellipse whose centre line bends posteriorly with the square of u: v' = v - bend * u^2
// (the sacrum's alae sweep back towards the sacroiliac joints).
std::unique_ptr<Primitive> makeBentEllipse(const Ellipse& e, double bendPerMm, Tissue inner, double shellMm, Tissue shell);
// A band rho in [rho0, rho1] of an ArcFrame over theta in [theta0, theta1], with cortex of
// `shellMm` on both faces when shellMm > 0.
std::unique_ptr<Primitive> makeArcBand(const ArcFrame& f, int side, double rho0, double rho1, double theta0,
                                       double theta1, Tissue inner, double shellMm = 0.0, Tissue shell = Tissue::Air);
// The axial section of a 3-D capsule (segment p0-p1 with radius), with an optional shell;
// nullptr when z does not cross the capsule.
struct Segment3 {
  double u0, v0, z0, u1, v1, z1;
};
std::unique_ptr<Primitive> makeCapsuleSection(const Segment3& s, double radiusMm, double zMm, int side, Tissue inner,
                                              double shellMm = 0.0, Tissue shell = Tissue::Air);
// A bowel loop: capsule section with a wall, fluid content and, when gassy, gas above a
// horizontal (constant v) gas-fluid level, as in a supine patient; nullptr when z misses it.
std::unique_ptr<Primitive> makeBowelSection(const Segment3& s, double radiusMm, double zMm, bool gassy);

// Psoas major and iliacus of one side. Each muscle's own analytic shape is an ellipse (psoas)
// and an ArcFrame crescent (iliacus); where they overlap (the merged iliopsoas) a point belongs
// to the muscle whose centre point is nearer. Fat infiltration adds streaks (tissue only).
struct IliacusCrescent {
  ArcFrame frame;
  double theta0 = 0, theta1 = 0; // angular extent
  double thicknessRho = 0;       // design depth at mid-angle, in rho units (before area scaling)
  double areaFactor = 1;         // left/right area scaling
  double rhoInner(double theta) const;
  Point2 centrePoint() const;
  double areaMm2() const;
};
struct IliopsoasSlice {
  int side = 1;
  bool hasPsoas = false, hasIliacus = false;
  Ellipse psoas;
  IliacusCrescent iliacus;
  double zMm = 0;
  double fatInfiltration = 0;
  double streakPhase = 0;
};
std::unique_ptr<Primitive> makeIliopsoas(const IliopsoasSlice& s);

// A thin fat plane around a shape (used in the thigh, where iliopsoas is embedded in other muscle).
std::unique_ptr<Primitive> makeFatHalo(const IliopsoasSlice& s, double haloMm);

} // namespace iliometry::testdata::detail
