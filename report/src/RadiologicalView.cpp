#include "iliometry/report/RadiologicalView.h"

#include <cassert>
#include <cmath>

namespace iliometry::report {

std::array<long, 3> RadiologicalView::volumeIndex(int column, int row, int slice) const {
  std::array<long, 3> index{0, 0, slice};
  index[static_cast<std::size_t>(columnAxis)] = flipColumns ? displayColumns - 1 - column : column;
  index[static_cast<std::size_t>(rowAxis)] = flipRows ? displayRows - 1 - row : row;
  return index;
}

RadiologicalView radiologicalViewOf(const VolumeGeometry& geometry) {
  const auto& d = geometry.direction; // d[lpsComponent][axis]
  RadiologicalView view;
  // The in-plane axis most aligned with LPS x runs along the display's columns.
  view.columnAxis = std::abs(d[0][0]) >= std::abs(d[0][1]) ? 0 : 1;
  view.rowAxis = 1 - view.columnAxis;
  const auto column = static_cast<std::size_t>(view.columnAxis);
  const auto row = static_cast<std::size_t>(view.rowAxis);
  assert(std::abs(d[0][column]) > 0.0 || std::abs(d[1][row]) > 0.0);
  // Display x grows towards the patient's left (+x), display y towards posterior (+y).
  view.flipColumns = d[0][column] < 0.0;
  view.flipRows = d[1][row] < 0.0;
  view.displayColumns = static_cast<int>(geometry.sizeVoxels[column]);
  view.displayRows = static_cast<int>(geometry.sizeVoxels[row]);
  view.columnSpacingMm = geometry.spacingMm[column];
  view.rowSpacingMm = geometry.spacingMm[row];
  return view;
}

} // namespace iliometry::report
