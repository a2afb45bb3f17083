#pragma once
// Vertebral levels: a vertebra's mid-slice ("L3") or an intervertebral disc ("L4/L5").
#include <string>
#include <vector>

namespace iliometry {

enum class LevelKind { VertebralBody, Disc };

struct VertebralLevel {
  std::string name;     // "L3", "L4/L5", "S1", "T12"
  LevelKind kind = LevelKind::VertebralBody;
  int sliceIndex = -1;  // index along the third axis of the input volume
  double zMm = 0.0;     // physical position along the body axis (LPS z, superior positive)
  double confidence = 0.0; // 0..1, how sure the level labelling is
};

struct LevelSet {
  std::vector<VertebralLevel> levels;   // ordered from cranial to caudal
  std::string method;                   // how they were identified, for the report
  double confidence = 0.0;              // overall confidence in the labelling (0..1)
  std::vector<std::string> warnings;    // e.g. "sacrum not in view: levels counted from ..."

  const VertebralLevel* find(const std::string& name) const {
    for (const auto& level : levels)
      if (level.name == name) return &level;
    return nullptr;
  }
};

} // namespace iliometry
