#pragma once
// One colour per measured structure, shared by the overlay, the 3-D surfaces, the table and
// the plot (and by the GUI test that looks for the overlay in a screenshot). Left and right
// differ in hue so that a swapped side is obvious; psoas warm, iliacus cool.
#include "iliometry/core/Anatomy.h"

#include <QColor>

namespace iliometry::plugin {

inline QColor structureColor(Structure structure) {
  switch (labelOf(structure)) {
  case 1: return QColor(255, 80, 60);   // psoas major left: red
  case 2: return QColor(255, 200, 40);  // psoas major right: amber
  case 3: return QColor(40, 200, 255);  // iliacus left: cyan
  default: return QColor(150, 110, 255); // iliacus right: violet
  }
}

} // namespace iliometry::plugin
