#pragma once
// Finding the studies of a cohort: under a folder, or listed in a manifest.
#include "iliometry/core/Result.h"
#include "iliometry/workflow/BatchStudy.h"

#include <filesystem>

namespace iliometry::workflow {

// ROOT holds one study per entry: every sub-folder is one study (a patient or study folder;
// `measure` chooses the series inside it, searching recursively) and every NIfTI, NRRD or
// MetaImage file is one study. Hidden entries (".name") are skipped; other loose files are
// ignored with a warning. The id is the folder name, or the file name without its extension,
// made safe by studyIdFromName.
// Errors: InputNotFound (ROOT missing, or holding no study), InvalidArgument (ROOT is a
// file, two entries give the same id, or ROOT itself looks like one study's DICOM folder).
Result<StudyList> discoverStudies(const std::filesystem::path& root);

// A path ending in ".csv" is read as a manifest (readManifest), anything else as a ROOT folder.
Result<StudyList> findStudies(const std::filesystem::path& rootOrManifest);

} // namespace iliometry::workflow
