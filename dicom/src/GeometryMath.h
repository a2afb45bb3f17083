#pragma once
// Three-vector helpers for DICOM geometry (patient LPS millimetres).
#include <array>
#include <cmath>

namespace iliometry::dicom {

using Vec3 = std::array<double, 3>;

inline double dot(const Vec3& a, const Vec3& b) { return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]; }
inline Vec3 cross(const Vec3& a, const Vec3& b) {
  return {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
}
inline double norm(const Vec3& a) { return std::sqrt(dot(a, a)); }
inline Vec3 normalized(const Vec3& a) {
  const double n = norm(a);
  return n > 0.0 ? Vec3{a[0] / n, a[1] / n, a[2] / n} : a;
}
inline Vec3 rowCosine(const std::array<double, 6>& o) { return normalized({o[0], o[1], o[2]}); }
inline Vec3 columnCosine(const std::array<double, 6>& o) { return normalized({o[3], o[4], o[5]}); }
// The slice normal: row cosine x column cosine (DICOM PS3.3 C.7.6.2.1.1).
inline Vec3 sliceNormal(const std::array<double, 6>& o) { return normalized(cross(rowCosine(o), columnCosine(o))); }

} // namespace iliometry::dicom
