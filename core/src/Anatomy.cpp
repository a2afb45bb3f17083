#include "iliometry/core/Anatomy.h"
#include "iliometry/core/StudyInfo.h"

namespace iliometry {

std::string muscleKey(Muscle m) { return m == Muscle::PsoasMajor ? "psoas_major" : "iliacus"; }
std::string muscleDisplayName(Muscle m) { return m == Muscle::PsoasMajor ? "Psoas major" : "Iliacus"; }
std::string sideKey(Side s) { return s == Side::Left ? "left" : "right"; }
std::string structureKey(Structure s) { return muscleKey(s.muscle) + "_" + sideKey(s.side); }
std::string structureDisplayName(Structure s) {
  return muscleDisplayName(s.muscle) + " (" + sideKey(s.side) + ")";
}

std::string modalityName(Modality m) {
  switch (m) {
  case Modality::CT: return "CT";
  case Modality::MR: return "MR";
  case Modality::Unknown: return "unknown";
  }
  return "unknown";
}

Modality modalityFromDicom(const std::string& s) {
  if (s == "CT") return Modality::CT;
  if (s == "MR") return Modality::MR;
  return Modality::Unknown;
}

} // namespace iliometry
