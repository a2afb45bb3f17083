#pragma once
// One study of a cohort run (`iliometry batch`): where its input is and the folder name its
// outputs get under the batch's output folder.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace iliometry::workflow {

struct BatchStudy {
  std::string id;                  // OUTDIR/<id>/; letters, digits, '.', '_' and '-' only (see isValidStudyId)
  std::filesystem::path inputPath; // what `iliometry measure` would be given: a folder or a volume file
  std::optional<double> heightM;   // from a manifest's height_m column; else the DICOM Patient Size
  std::string seriesInstanceUid;   // from a manifest's series_uid column; empty: measure chooses
};

// The studies of a cohort and what was noticed while finding them (ignored files, ...).
struct StudyList {
  std::vector<BatchStudy> studies; // sorted by id, ids unique
  std::vector<std::string> warnings;
};

// A non-empty name of letters, digits, '.', '_' and '-', not "." or "..": safe as a folder name
// on every file system and in a CSV cell without quoting.
bool isValidStudyId(std::string_view id);

// `name` with every character outside [A-Za-z0-9._-] replaced by '_' ("Patient 01" -> "Patient_01").
std::string studyIdFromName(std::string_view name);

} // namespace iliometry::workflow
