#pragma once
// The four measured structures: psoas major and iliacus on the patient's left and right.
// Label values are fixed by the product's output contract (labels.nii.gz, DICOM SEG).
#include <array>
#include <cstdint>
#include <string>

namespace iliometry {

enum class Muscle { PsoasMajor, Iliacus };
enum class Side { Left, Right }; // the patient's left and right

struct Structure {
  Muscle muscle;
  Side side;
  bool operator==(const Structure&) const = default;
};

inline constexpr std::array<Muscle, 2> kMuscles{Muscle::PsoasMajor, Muscle::Iliacus};
inline constexpr std::array<Side, 2> kSides{Side::Left, Side::Right};
inline constexpr std::array<Structure, 4> kStructures{
    Structure{Muscle::PsoasMajor, Side::Left}, Structure{Muscle::PsoasMajor, Side::Right},
    Structure{Muscle::Iliacus, Side::Left}, Structure{Muscle::Iliacus, Side::Right}};

using LabelValue = std::uint8_t;
inline constexpr LabelValue kBackgroundLabel = 0;

// 1 psoas major left, 2 psoas major right, 3 iliacus left, 4 iliacus right.
constexpr LabelValue labelOf(Structure s) {
  return static_cast<LabelValue>((s.muscle == Muscle::PsoasMajor ? 1 : 3) + (s.side == Side::Left ? 0 : 1));
}
constexpr std::size_t indexOf(Structure s) { return labelOf(s) - 1u; }

std::string muscleKey(Muscle m);         // "psoas_major", "iliacus"
std::string muscleDisplayName(Muscle m); // "Psoas major", "Iliacus"
std::string sideKey(Side s);             // "left", "right"
std::string structureKey(Structure s);   // "psoas_major_left"
std::string structureDisplayName(Structure s); // "Psoas major (left)"

} // namespace iliometry
