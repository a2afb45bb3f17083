#pragma once
// Piecewise-linear tracks along the body axis: the anatomy is specified at a few heights
// (keyframes, listed from cranial to caudal) and interpolated in between.
#include <algorithm>
#include <array>
#include <cassert>
#include <cstddef>
#include <initializer_list>
#include <utility>
#include <vector>

namespace iliometry::testdata::detail {

template <std::size_t N> class Track {
public:
  using Values = std::array<double, N>;
  Track(std::initializer_list<std::pair<double, Values>> keys) : m_keys(keys) {
    assert(!m_keys.empty());
    assert(std::is_sorted(m_keys.begin(), m_keys.end(), [](const auto& a, const auto& b) { return a.first > b.first; }));
  }
  double top() const { return m_keys.front().first; }
  double bottom() const { return m_keys.back().first; }
  bool covers(double z) const { return z <= top() && z >= bottom(); }
  // Clamped to the first/last keyframe outside the track.
  Values at(double z) const {
    if (z >= m_keys.front().first) return m_keys.front().second;
    if (z <= m_keys.back().first) return m_keys.back().second;
    for (std::size_t i = 1; i < m_keys.size(); ++i) {
      const auto& [zHigh, high] = m_keys[i - 1];
      const auto& [zLow, low] = m_keys[i];
      if (z >= zLow) {
        const double t = (z - zLow) / (zHigh - zLow);
        Values out{};
        for (std::size_t j = 0; j < N; ++j) out[j] = low[j] + t * (high[j] - low[j]);
        return out;
      }
    }
    return m_keys.back().second;
  }

private:
  std::vector<std::pair<double, Values>> m_keys;
};

inline double smoothStep(double edge0, double edge1, double x) {
  const double t = std::clamp((x - edge0) / (edge1 - edge0), 0.0, 1.0);
  return t * t * (3 - 2 * t);
}

} // namespace iliometry::testdata::detail
