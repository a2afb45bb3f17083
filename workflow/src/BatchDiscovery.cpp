#include "iliometry/workflow/BatchDiscovery.h"

#include "iliometry/workflow/BatchManifest.h"

#include <algorithm>
#include <array>
#include <map>
#include <system_error>

namespace iliometry::workflow {

namespace fs = std::filesystem;

namespace {

// Volume files that are one study each; DICOM files are not, they belong to a series in a folder.
constexpr std::array<std::string_view, 6> kVolumeSuffixes{".nii.gz", ".nii", ".nrrd", ".nhdr", ".mha", ".mhd"};

std::string lowerCase(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// The file name without its volume suffix, or empty when it is not a volume file.
std::string volumeStem(const std::string& fileName) {
  const std::string lower = lowerCase(fileName);
  for (std::string_view suffix : kVolumeSuffixes)
    if (lower.size() > suffix.size() && lower.ends_with(suffix))
      return fileName.substr(0, fileName.size() - suffix.size());
  return {};
}

} // namespace

Result<StudyList> discoverStudies(const fs::path& root) {
  std::error_code error;
  if (!fs::exists(root, error)) return makeError(ErrorCode::InputNotFound, root.string() + ": no such folder");
  if (!fs::is_directory(root, error))
    return makeError(ErrorCode::InvalidArgument,
                     root.string() + ": expected a folder of studies or a manifest .csv, found a file");

  StudyList list;
  std::map<std::string, fs::path> pathById;
  std::size_t looseFiles = 0;
  fs::directory_iterator entries(root, error);
  if (error) return makeError(ErrorCode::InputNotFound, root.string() + ": cannot list the folder", error.message());
  for (const fs::directory_entry& entry : entries) {
    const std::string name = entry.path().filename().string();
    if (name.starts_with(".")) continue;
    std::string id;
    if (entry.is_directory(error)) {
      id = studyIdFromName(name);
    } else if (const std::string stem = volumeStem(name); !stem.empty() && entry.is_regular_file(error)) {
      id = studyIdFromName(stem);
    } else {
      ++looseFiles;
      continue;
    }
    if (auto [it, inserted] = pathById.emplace(id, entry.path()); !inserted)
      return makeError(ErrorCode::InvalidArgument, "study id '" + id + "' is given by both " + it->second.string() +
                                                       " and " + entry.path().string() +
                                                       " (rename one, or list the studies in a manifest)");
    list.studies.push_back(BatchStudy{id, entry.path(), std::nullopt, {}});
  }
  if (list.studies.empty() && looseFiles > 0)
    return makeError(ErrorCode::InvalidArgument,
                     root.string() + ": expected one folder (or volume file) per study, found " +
                         std::to_string(looseFiles) +
                         " loose files and no study folder (is this one study? give batch the folder above it)");
  if (list.studies.empty())
    return makeError(ErrorCode::InputNotFound, root.string() + ": no study folder or volume file found");
  if (looseFiles > 0)
    list.warnings.push_back(root.string() + ": ignored " + std::to_string(looseFiles) +
                            " loose files that are not volumes (a study is a folder or a NIfTI/NRRD/MetaImage file)");
  std::sort(list.studies.begin(), list.studies.end(),
            [](const BatchStudy& a, const BatchStudy& b) { return a.id < b.id; });
  return list;
}

Result<StudyList> findStudies(const fs::path& rootOrManifest) {
  if (lowerCase(rootOrManifest.extension().string()) == ".csv") return readManifest(rootOrManifest);
  return discoverStudies(rootOrManifest);
}

} // namespace iliometry::workflow
