#include "iliometry/report/StructureStyle.h"

namespace iliometry::report {

RgbColour structureColour(Structure structure) {
  // Four hues far apart that stay distinct on grey CT and for the common colour-vision
  // deficiencies (orange/blue pairs for the sides, lighter for iliacus).
  switch (labelOf(structure)) {
  case labelOf({Muscle::PsoasMajor, Side::Left}): return {0.95, 0.50, 0.05};
  case labelOf({Muscle::PsoasMajor, Side::Right}): return {0.10, 0.55, 0.95};
  case labelOf({Muscle::Iliacus, Side::Left}): return {1.00, 0.85, 0.20};
  default: return {0.35, 0.90, 0.90};
  }
}

std::string structureShortName(Structure structure) {
  return std::string(structure.muscle == Muscle::PsoasMajor ? "Psoas" : "Iliacus") +
         (structure.side == Side::Left ? " L" : " R");
}

} // namespace iliometry::report
