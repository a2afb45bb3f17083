#pragma once
// The coded concepts the DICOM exports use, in one place (private to report/); the table with
// the reasons for each choice is docs/reports.md. SNOMED CT ("SCT") and DICOM ("DCM") codes
// where this build could verify them against DCMTK's code tables or DICOM PS3.16; the private
// scheme "99ILIOM" (PS3.16 section 8: a "99" prefix marks a private coding scheme) otherwise.
#include "iliometry/core/Anatomy.h"

#include <string>

namespace iliometry::report::codes {

inline constexpr const char* kPrivateScheme = "99ILIOM";

struct Code {
  std::string value, scheme, meaning;
};

Code segmentationCategory();        // SCT 91723000 Anatomical Structure
Code muscle(Muscle muscle);         // 99ILIOM PSOAS-MAJOR / ILIACUS
Code laterality(Side side);         // SCT 7771000 Left / 24028007 Right
Code bothSides();                   // SCT 51440002 Right and left
Code levelConcept();                // 99ILIOM VERT-LEVEL "Vertebral level"
Code level(const std::string& name); // 99ILIOM "L3" / "L4/L5"
Code asymmetryIndex();              // 99ILIOM ASYM-INDEX
Code asymmetryBasisConcept();       // 99ILIOM ASYM-BASIS
Code asymmetryBasis(const std::string& basis); // volume: SCT 118565006; max_csa: 99ILIOM MAX-CSA; a level
Code asymmetricHypertrophy();       // 99ILIOM ASYM-HYPERTROPHY
Code yesNo(bool yes);               // SCT 373066001 Yes / 373067005 No
Code measurementMethod();           // 99ILIOM VOXEL-COUNT "Voxel counting on automatic segmentation"

} // namespace iliometry::report::codes
