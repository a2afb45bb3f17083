#pragma once
// How each structure is shown in every picture and DICOM object (outline colour, short name),
// so that the PDF, the key image and the SEG's recommended display colours agree.
#include "iliometry/core/Anatomy.h"

#include <string>

namespace iliometry::report {

struct RgbColour {
  double red = 0.0, green = 0.0, blue = 0.0; // 0..1, sRGB
};

RgbColour structureColour(Structure structure);
std::string structureShortName(Structure structure); // "Psoas L", "Iliacus R"

} // namespace iliometry::report
