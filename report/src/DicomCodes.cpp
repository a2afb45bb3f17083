#include "DicomCodes.h"

#include <cctype>

namespace iliometry::report::codes {

namespace {

Code local(std::string value, std::string meaning) { return {std::move(value), kPrivateScheme, std::move(meaning)}; }

std::string vertebraMeaning(const std::string& name) {
  if (name.empty()) return name;
  const char region = name[0];
  const std::string regionName = region == 'T' ? "thoracic" : region == 'L' ? "lumbar" : region == 'S' ? "sacral" : "";
  return name + " vertebra" + (regionName.empty() ? "" : " (" + regionName + ")");
}

} // namespace

Code segmentationCategory() { return {"91723000", "SCT", "Anatomical Structure"}; }

Code muscle(Muscle m) {
  return m == Muscle::PsoasMajor ? local("PSOAS-MAJOR", "Psoas major muscle") : local("ILIACUS", "Iliacus muscle");
}

Code laterality(Side side) {
  return side == Side::Left ? Code{"7771000", "SCT", "Left"} : Code{"24028007", "SCT", "Right"};
}

Code bothSides() { return {"51440002", "SCT", "Right and left"}; }

Code levelConcept() { return local("VERT-LEVEL", "Vertebral level"); }

Code level(const std::string& name) {
  const auto slash = name.find('/');
  if (slash != std::string::npos)
    return local(name, "Intervertebral disc " + name.substr(0, slash) + "-" + name.substr(slash + 1) + " (mid-disc)");
  return local(name, vertebraMeaning(name) + ", mid-vertebra");
}

Code asymmetryIndex() { return local("ASYM-INDEX", "Left-right asymmetry index"); }
Code asymmetryBasisConcept() { return local("ASYM-BASIS", "Asymmetry index basis"); }

Code asymmetryBasis(const std::string& basis) {
  if (basis == "volume") return {"118565006", "SCT", "Volume"};
  if (basis == "max_csa") return local("MAX-CSA", "Maximum cross-sectional area");
  return level(basis);
}

Code asymmetricHypertrophy() { return local("ASYM-HYPERTROPHY", "Asymmetric hypertrophy"); }

Code yesNo(bool yes) { return yes ? Code{"373066001", "SCT", "Yes"} : Code{"373067005", "SCT", "No"}; }

Code measurementMethod() { return local("VOXEL-COUNT", "Voxel count of automatic segmentation"); }

} // namespace iliometry::report::codes
