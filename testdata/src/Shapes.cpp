#include "Shapes.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace iliometry::testdata::detail {

namespace {
constexpr double kPi = std::numbers::pi;

double sideSign(int side) { return side < 0 ? -1.0 : 1.0; }
} // namespace

double Ellipse::rho2(double u, double v) const {
  const double du = u - cu, dv = v - cv;
  const double c = std::cos(phi), s = std::sin(phi);
  const double p = (du * c + dv * s) / a, q = (-du * s + dv * c) / b;
  return p * p + q * q;
}

Box Ellipse::box() const {
  const double c = std::cos(phi), s = std::sin(phi);
  return Box::around(cu, cv, std::sqrt(a * a * c * c + b * b * s * s), std::sqrt(a * a * s * s + b * b * c * c));
}

double Ellipse::areaMm2() const { return kPi * a * b; }

Point2 Ellipse::boundaryPoint(double t) const {
  const double c = std::cos(phi), s = std::sin(phi);
  const double p = a * std::cos(t), q = b * std::sin(t);
  return {cu + p * c - q * s, cv + p * s + q * c};
}

namespace {
// Approximate signed distance from a point to an ellipse boundary along the ray from its centre.
double radialDistance(const Ellipse& e, Point2 p) {
  const double r = std::hypot(p.u - e.cu, p.v - e.cv);
  const double rho = std::sqrt(e.rho2(p.u, p.v));
  if (rho < 1e-12) return -std::min(e.a, e.b);
  return r * (1.0 - 1.0 / rho);
}
} // namespace

double clearanceMm(const Ellipse& a, const Ellipse& b) {
  double clearance = 1e9;
  constexpr int kSamples = 96;
  for (int i = 0; i < kSamples; ++i) {
    const double t = 2.0 * kPi * i / kSamples;
    clearance = std::min(clearance, radialDistance(a, b.boundaryPoint(t)));
    clearance = std::min(clearance, radialDistance(b, a.boundaryPoint(t)));
  }
  return clearance;
}

ArcFrame ArcFrame::fromEnds(Point2 p, Point2 a, double bulgeMm) {
  // Semi-axis along the chord is 1.3 x the half chord; the minor axis follows from the bulge.
  constexpr double kChordFactor = 1.3;
  ArcFrame f;
  const double du = a.u - p.u, dv = a.v - p.v;
  const double halfChord = 0.5 * std::hypot(du, dv);
  f.eU = du / (2 * halfChord);
  f.eV = dv / (2 * halfChord);
  f.nU = -f.eV;
  f.nV = f.eU;
  const double k = std::sqrt(1.0 - 1.0 / (kChordFactor * kChordFactor));
  f.ra = kChordFactor * halfChord;
  f.rb = std::max(bulgeMm, 0.5) / (1.0 - k);
  const double d = k * f.rb;
  f.centre = {0.5 * (p.u + a.u) - f.nU * d, 0.5 * (p.v + a.v) - f.nV * d};
  f.thetaA = std::acos(1.0 / kChordFactor);
  f.thetaP = kPi - f.thetaA;
  return f;
}

void ArcFrame::polar(double u, double v, double& rho, double& theta) const {
  const double du = u - centre.u, dv = v - centre.v;
  const double p = (du * eU + dv * eV) / ra, q = (du * nU + dv * nV) / rb;
  rho = std::sqrt(p * p + q * q);
  theta = std::atan2(q, p);
}

Point2 ArcFrame::point(double rho, double theta) const {
  const double p = ra * rho * std::cos(theta), q = rb * rho * std::sin(theta);
  return {centre.u + p * eU + q * nU, centre.v + p * eV + q * nV};
}

Box ArcFrame::box(double rhoMax) const {
  const double halfU = rhoMax * std::hypot(ra * eU, rb * nU), halfV = rhoMax * std::hypot(ra * eV, rb * nV);
  return Box::around(centre.u, centre.v, halfU, halfV);
}

Box bodyBoxOf(const Box& m, int side) {
  if (side >= 0) return m;
  return {-m.u1, -m.u0, m.v0, m.v1};
}

namespace {

class EllipsePrimitive final : public Primitive {
public:
  EllipsePrimitive(const Ellipse& e, int side, Tissue inner, double shellMm, Tissue shell, LabelValue label)
      : m_e(e), m_inner(e.grown(-shellMm)), m_side(sideSign(side)), m_innerTissue(inner), m_shellTissue(shell),
        m_hasShell(shellMm > 0), m_label(label) {
    bodyBox = bodyBoxOf(e.box(), side);
  }
  bool sample(double u, double v, Sample& out) const override {
    const double um = m_side * u;
    if (m_e.rho2(um, v) > 1.0) return false;
    out.tissue = (m_hasShell && m_inner.rho2(um, v) > 1.0) ? m_shellTissue : m_innerTissue;
    out.label = m_label;
    return true;
  }

private:
  Ellipse m_e, m_inner;
  double m_side;
  Tissue m_innerTissue, m_shellTissue;
  bool m_hasShell;
  LabelValue m_label;
};

class BentEllipsePrimitive final : public Primitive {
public:
  BentEllipsePrimitive(const Ellipse& e, double bend, Tissue inner, double shellMm, Tissue shell)
      : m_e(e), m_inner(e.grown(-shellMm)), m_bend(bend), m_innerTissue(inner), m_shellTissue(shell) {
    Box b = e.box();
    b.v1 += bend * std::max(b.u0 * b.u0, b.u1 * b.u1);
    bodyBox = b;
  }
  bool sample(double u, double v, Sample& out) const override {
    const double vb = v - m_bend * u * u;
    if (m_e.rho2(u, vb) > 1.0) return false;
    out.tissue = m_inner.rho2(u, vb) > 1.0 ? m_shellTissue : m_innerTissue;
    out.label = kBackgroundLabel;
    return true;
  }

private:
  Ellipse m_e, m_inner;
  double m_bend;
  Tissue m_innerTissue, m_shellTissue;
};

class ArcBandPrimitive final : public Primitive {
public:
  ArcBandPrimitive(const ArcFrame& f, int side, double rho0, double rho1, double theta0, double theta1, Tissue inner,
                   double shellMm, Tissue shell)
      : m_f(f), m_side(sideSign(side)), m_rho0(rho0), m_rho1(rho1), m_theta0(theta0), m_theta1(theta1),
        m_shellRho(shellMm / f.rb), m_innerTissue(inner), m_shellTissue(shell) {
    bodyBox = bodyBoxOf(f.box(rho1), side);
  }
  bool sample(double u, double v, Sample& out) const override {
    double rho, theta;
    m_f.polar(m_side * u, v, rho, theta);
    if (rho < m_rho0 || rho > m_rho1 || theta < m_theta0 || theta > m_theta1) return false;
    const bool onFace = m_shellRho > 0 && (rho - m_rho0 < m_shellRho || m_rho1 - rho < m_shellRho);
    out.tissue = onFace ? m_shellTissue : m_innerTissue;
    out.label = kBackgroundLabel;
    return true;
  }

private:
  ArcFrame m_f;
  double m_side, m_rho0, m_rho1, m_theta0, m_theta1, m_shellRho;
  Tissue m_innerTissue, m_shellTissue;
};

// Distance from (u, v, z) to the segment, and the closest point's v.
double segmentDistance(const Segment3& s, double u, double v, double z, double* closestV = nullptr) {
  const double du = s.u1 - s.u0, dv = s.v1 - s.v0, dz = s.z1 - s.z0;
  const double len2 = du * du + dv * dv + dz * dz;
  double t = len2 > 0 ? ((u - s.u0) * du + (v - s.v0) * dv + (z - s.z0) * dz) / len2 : 0.0;
  t = std::clamp(t, 0.0, 1.0);
  const double pu = s.u0 + t * du, pv = s.v0 + t * dv, pz = s.z0 + t * dz;
  if (closestV) *closestV = pv;
  return std::sqrt((u - pu) * (u - pu) + (v - pv) * (v - pv) + (z - pz) * (z - pz));
}

// Bounding box of the capsule's section at z: only the part of the segment within r of z.
Box capsuleBox(const Segment3& s, double r, double z) {
  double t0 = 0.0, t1 = 1.0;
  if (std::abs(s.z1 - s.z0) > 1e-9) {
    t0 = std::clamp((z - r - s.z0) / (s.z1 - s.z0), 0.0, 1.0);
    t1 = std::clamp((z + r - s.z0) / (s.z1 - s.z0), 0.0, 1.0);
    if (t0 > t1) std::swap(t0, t1);
  }
  const double ua = s.u0 + t0 * (s.u1 - s.u0), ub = s.u0 + t1 * (s.u1 - s.u0);
  const double va = s.v0 + t0 * (s.v1 - s.v0), vb = s.v0 + t1 * (s.v1 - s.v0);
  return {std::min(ua, ub) - r, std::max(ua, ub) + r, std::min(va, vb) - r, std::max(va, vb) + r};
}

class CapsulePrimitive final : public Primitive {
public:
  CapsulePrimitive(const Segment3& s, double r, double z, int side, Tissue inner, double shellMm, Tissue shell)
      : m_s(s), m_r(r), m_z(z), m_side(sideSign(side)), m_shellMm(shellMm), m_innerTissue(inner), m_shellTissue(shell) {
    bodyBox = bodyBoxOf(capsuleBox(s, r, z), side);
  }
  bool sample(double u, double v, Sample& out) const override {
    const double d = segmentDistance(m_s, m_side * u, v, m_z);
    if (d > m_r) return false;
    out.tissue = (m_shellMm > 0 && d > m_r - m_shellMm) ? m_shellTissue : m_innerTissue;
    out.label = kBackgroundLabel;
    return true;
  }

private:
  Segment3 m_s;
  double m_r, m_z, m_side, m_shellMm;
  Tissue m_innerTissue, m_shellTissue;
};

class BowelPrimitive final : public Primitive {
public:
  BowelPrimitive(const Segment3& s, double r, double z, bool gassy) : m_s(s), m_r(r), m_z(z), m_gassy(gassy) {
    bodyBox = capsuleBox(s, r, z);
  }
  bool sample(double u, double v, Sample& out) const override {
    double closestV = 0;
    const double d = segmentDistance(m_s, u, v, m_z, &closestV);
    if (d > m_r) return false;
    constexpr double kWallMm = 3.0;
    if (d > m_r - kWallMm) out.tissue = Tissue::BowelWall;
    else if (m_gassy && v < closestV - 0.2 * m_r) out.tissue = Tissue::Gas; // gas rises anteriorly
    else out.tissue = Tissue::BowelContent;
    out.label = kBackgroundLabel;
    return true;
  }

private:
  Segment3 m_s;
  double m_r, m_z;
  bool m_gassy;
};

double crescentProfile(double t) { return std::pow(std::max(0.0, std::sin(kPi * t)), 0.6); }

class IliopsoasPrimitive final : public Primitive {
public:
  explicit IliopsoasPrimitive(const IliopsoasSlice& s) : m_s(s), m_side(sideSign(s.side)) {
    Box box{1e9, -1e9, 1e9, -1e9};
    auto merge = [&box](const Box& b) {
      box = {std::min(box.u0, b.u0), std::max(box.u1, b.u1), std::min(box.v0, b.v0), std::max(box.v1, b.v1)};
    };
    if (s.hasPsoas) merge(s.psoas.box());
    if (s.hasIliacus) merge(s.iliacus.frame.box(1.0));
    bodyBox = bodyBoxOf(box, s.side);
    m_psoasCentre = {s.psoas.cu, s.psoas.cv};
    if (s.hasIliacus) m_iliacusCentre = s.iliacus.centrePoint();
  }
  bool sample(double u, double v, Sample& out) const override {
    const double um = m_side * u;
    const bool inPsoas = m_s.hasPsoas && m_s.psoas.rho2(um, v) <= 1.0;
    bool inIliacus = false;
    if (m_s.hasIliacus) {
      double rho, theta;
      m_s.iliacus.frame.polar(um, v, rho, theta);
      inIliacus = theta >= m_s.iliacus.theta0 && theta <= m_s.iliacus.theta1 && rho < 1.0 &&
                  rho >= m_s.iliacus.rhoInner(theta);
    }
    if (!inPsoas && !inIliacus) return false;
    Muscle muscle = inPsoas ? Muscle::PsoasMajor : Muscle::Iliacus;
    if (inPsoas && inIliacus) {
      const double dPsoas = std::hypot(um - m_psoasCentre.u, v - m_psoasCentre.v);
      const double dIliacus = std::hypot(um - m_iliacusCentre.u, v - m_iliacusCentre.v);
      muscle = dPsoas <= dIliacus ? Muscle::PsoasMajor : Muscle::Iliacus;
    }
    out.label = labelOf(Structure{muscle, m_s.side > 0 ? Side::Left : Side::Right});
    out.tissue = streak(um, v) ? Tissue::FatStreak : Tissue::TargetMuscle;
    return true;
  }

private:
  // Fatty streaks: thin sheets running along the muscle (slowly varying with z), covering a
  // fraction of the muscle that grows with the infiltration parameter.
  bool streak(double um, double v) const {
    if (m_s.fatInfiltration <= 0) return false;
    const double z = m_s.zMm, ph = m_s.streakPhase;
    const double g = std::sin(0.55 * um + 0.9 * std::sin(0.031 * z + ph) + ph) * std::sin(0.47 * v + 0.021 * z + 2 * ph);
    return g > 1.0 - 0.45 * m_s.fatInfiltration;
  }

  IliopsoasSlice m_s;
  double m_side;
  Point2 m_psoasCentre, m_iliacusCentre;
};

class FatHaloPrimitive final : public Primitive {
public:
  FatHaloPrimitive(const IliopsoasSlice& s, double haloMm) : m_s(s), m_side(sideSign(s.side)) {
    m_s.psoas = s.psoas.grown(haloMm);
    m_haloRho = haloMm / s.iliacus.frame.rb;
    Box box{1e9, -1e9, 1e9, -1e9};
    auto merge = [&box](const Box& b) {
      box = {std::min(box.u0, b.u0), std::max(box.u1, b.u1), std::min(box.v0, b.v0), std::max(box.v1, b.v1)};
    };
    if (s.hasPsoas) merge(m_s.psoas.box());
    if (s.hasIliacus) merge(s.iliacus.frame.box(1.0 + m_haloRho));
    bodyBox = bodyBoxOf(box, s.side);
  }
  bool sample(double u, double v, Sample& out) const override {
    const double um = m_side * u;
    bool inside = m_s.hasPsoas && m_s.psoas.rho2(um, v) <= 1.0;
    if (!inside && m_s.hasIliacus) {
      double rho, theta;
      m_s.iliacus.frame.polar(um, v, rho, theta);
      const double dTheta = m_haloRho;
      inside = theta >= m_s.iliacus.theta0 - dTheta && theta <= m_s.iliacus.theta1 + dTheta &&
               rho < 1.0 + m_haloRho && rho >= m_s.iliacus.rhoInner(std::clamp(theta, m_s.iliacus.theta0, m_s.iliacus.theta1)) - m_haloRho;
    }
    if (!inside) return false;
    out.tissue = Tissue::IntermuscularFat;
    out.label = kBackgroundLabel;
    return true;
  }

private:
  IliopsoasSlice m_s;
  double m_side, m_haloRho;
};

} // namespace

double IliacusCrescent::rhoInner(double theta) const {
  const double t = (theta - theta0) / (theta1 - theta0);
  const double designRho = 1.0 - thicknessRho * crescentProfile(t);
  // Scale the area element (1 - rho^2)/2 of every angle by the same factor: the area scales
  // exactly by areaFactor, and the bone-facing boundary (rho = 1) does not move.
  const double oneMinus = areaFactor * (1.0 - designRho * designRho);
  return std::sqrt(std::max(0.0, 1.0 - oneMinus));
}

Point2 IliacusCrescent::centrePoint() const {
  const double mid = 0.5 * (theta0 + theta1);
  return frame.point(0.5 * (1.0 + rhoInner(mid)), mid);
}

double IliacusCrescent::areaMm2() const {
  // In (rho, theta) the area element is ra * rb * rho drho dtheta.
  constexpr int kSteps = 2000;
  double sum = 0;
  for (int i = 0; i < kSteps; ++i) {
    const double theta = theta0 + (theta1 - theta0) * (i + 0.5) / kSteps;
    const double r = rhoInner(theta);
    sum += 0.5 * (1.0 - r * r);
  }
  return sum * (theta1 - theta0) / kSteps * frame.ra * frame.rb;
}

std::unique_ptr<Primitive> makeEllipse(const Ellipse& e, int side, Tissue inner, double shellMm, Tissue shell,
                                       LabelValue label) {
  return std::make_unique<EllipsePrimitive>(e, side, inner, shellMm, shell, label);
}
std::unique_ptr<Primitive> makeBentEllipse(const Ellipse& e, double bend, Tissue inner, double shellMm, Tissue shell) {
  return std::make_unique<BentEllipsePrimitive>(e, bend, inner, shellMm, shell);
}
std::unique_ptr<Primitive> makeArcBand(const ArcFrame& f, int side, double rho0, double rho1, double theta0,
                                       double theta1, Tissue inner, double shellMm, Tissue shell) {
  return std::make_unique<ArcBandPrimitive>(f, side, rho0, rho1, theta0, theta1, inner, shellMm, shell);
}
bool capsuleCrosses(const Segment3& s, double r, double z) {
  return z >= std::min(s.z0, s.z1) - r && z <= std::max(s.z0, s.z1) + r;
}

std::unique_ptr<Primitive> makeCapsuleSection(const Segment3& s, double r, double z, int side, Tissue inner,
                                              double shellMm, Tissue shell) {
  if (!capsuleCrosses(s, r, z)) return nullptr;
  return std::make_unique<CapsulePrimitive>(s, r, z, side, inner, shellMm, shell);
}
std::unique_ptr<Primitive> makeBowelSection(const Segment3& s, double r, double z, bool gassy) {
  if (!capsuleCrosses(s, r, z)) return nullptr;
  return std::make_unique<BowelPrimitive>(s, r, z, gassy);
}
std::unique_ptr<Primitive> makeIliopsoas(const IliopsoasSlice& s) { return std::make_unique<IliopsoasPrimitive>(s); }
std::unique_ptr<Primitive> makeFatHalo(const IliopsoasSlice& s, double haloMm) {
  return std::make_unique<FatHaloPrimitive>(s, haloMm);
}

} // namespace iliometry::testdata::detail
