#include "iliometry/dicom/InputLoader.h"

#include "DicomFileScanner.h"
#include "DicomSeriesLoader.h"
#include "ImageFileIo.h"
#include "SeriesCatalog.h"

#include "iliometry/core/ImageGrid.h"

#include <cmath>
#include <optional>
#include <system_error>

namespace iliometry::dicom {

namespace fs = std::filesystem;

namespace {

// The Dixon pair given by path for an image-file input: read, checked against the main grid.
Result<void> attachDixonFiles(Volume& volume, const LoadOptions& options) {
  if (options.dixonWaterPath.empty() && options.dixonFatPath.empty()) return {};
  if (options.dixonWaterPath.empty() || options.dixonFatPath.empty())
    return makeError(ErrorCode::InvalidArgument, "--dixon-water and --dixon-fat go together (both images are needed)");
  for (const auto& [path, target] : {std::pair{&options.dixonWaterPath, &volume.dixonWater},
                                     std::pair{&options.dixonFatPath, &volume.dixonFat}}) {
    auto image = readImageFile(*path, Modality::MR);
    if (!image) return image.error();
    if (!sameVoxelGrid(*image.value().image, *volume.image))
      return makeError(ErrorCode::InvalidSeries,
                       path->string() + ": not on the voxel grid of " + volume.info.sourcePath +
                           " (expected the Dixon image of the same acquisition: same size, spacing, origin, direction)");
    *target = image.value().image;
  }
  return {};
}

Result<LoadedInput> loadImageFile(const fs::path& input, const LoadOptions& options) {
  auto volume = readImageFile(input, options.modalityOverride);
  if (!volume) return volume.error();
  LoadedInput loaded;
  loaded.volume = std::move(volume).value();
  if (auto dixon = attachDixonFiles(loaded.volume, options); !dixon) return dixon.error();
  SeriesSummary summary;
  summary.modality = modalityName(loaded.volume.info.modality);
  summary.seriesDescription = loaded.volume.info.seriesDescription;
  summary.imageCount = loaded.volume.image->GetLargestPossibleRegion().GetSize()[2];
  summary.fileCount = 1;
  const auto size = loaded.volume.image->GetLargestPossibleRegion().GetSize();
  summary.sizeVoxels = {static_cast<unsigned>(size[0]), static_cast<unsigned>(size[1]), static_cast<unsigned>(size[2])};
  summary.isVolumeCandidate = true;
  loaded.series.push_back(summary);
  return loaded;
}

Result<std::vector<fs::path>> inputFiles(const fs::path& input) {
  std::error_code ec;
  if (fs::is_directory(input, ec)) {
    auto files = listFilesRecursively(input);
    if (files && files.value().empty())
      return makeError(ErrorCode::InputNotFound, input.string() + ": the folder holds no files");
    return files;
  }
  if (isDicomdir(input)) {
    auto files = listFilesOfDicomdir(input);
    if (files && files.value().empty())
      return makeError(ErrorCode::NoImageSeries, input.string() + ": the DICOMDIR references no files");
    return files;
  }
  return std::vector<fs::path>{input};
}

// The Dixon water and fat series of the chosen MR series' study and frame of reference, loaded
// and attached when they lie on its voxel grid. What cannot be paired is said, not guessed.
void attachDixonImages(Volume& volume, const std::vector<SeriesGroup>& groups, std::size_t chosen,
                       std::vector<std::string>& skipped) {
  const SeriesGroup& main = groups[chosen];
  if (main.summary.modality != "MR") return;
  const StudyInfo& mainInfo = main.frames.front().header->info;
  for (const char* kind : {"water", "fat"}) {
    std::optional<std::size_t> match;
    for (std::size_t i = 0; i < groups.size(); ++i) {
      const SeriesGroup& g = groups[i];
      const StudyInfo& info = g.frames.front().header->info;
      if (i == chosen || g.summary.dixonImage != kind || g.rejection != Rejection::None) continue;
      if (info.studyInstanceUid != mainInfo.studyInstanceUid || info.frameOfReferenceUid != mainInfo.frameOfReferenceUid) continue;
      if (g.summary.sizeVoxels[0] != main.summary.sizeVoxels[0] || g.summary.sizeVoxels[1] != main.summary.sizeVoxels[1]) continue;
      match = i;
      break;
    }
    if (!match) continue;
    auto loaded = loadDicomVolume(groups[*match], skipped);
    const std::string label = std::string("Dixon ") + kind + " " + groups[*match].label();
    if (!loaded) {
      volume.warnings.push_back(label + " could not be loaded (" + loaded.error().message + "); fat fraction not measured");
      continue;
    }
    if (!sameVoxelGrid(*loaded.value().image, *volume.image)) {
      volume.warnings.push_back(label + " is not on the voxel grid of the chosen series; fat fraction not measured");
      continue;
    }
    (std::string(kind) == "water" ? volume.dixonWater : volume.dixonFat) = loaded.value().image;
  }
  if (!volume.dixonWater != !volume.dixonFat) {
    volume.dixonWater = volume.dixonFat = nullptr;
    volume.warnings.push_back("only one of the Dixon water and fat series was found on the chosen grid; fat fraction not measured");
  }
}

} // namespace

Result<LoadedInput> loadInput(const fs::path& input, const LoadOptions& options) {
  std::error_code ec;
  if (!fs::exists(input, ec)) return makeError(ErrorCode::InputNotFound, input.string() + ": no such file or folder");
  if (fs::is_regular_file(input, ec) && !imageFileFormat(input).empty()) return loadImageFile(input, options);

  auto files = inputFiles(input);
  if (!files) return files.error();
  ScanResult scan = scanDicomHeaders(files.value());
  for (const DicomHeader& header : scan.headers)
    if (header.info.seriesInstanceUid.empty())
      scan.skipped.push_back(header.file.string() + ": no Series Instance UID");
  if (scan.headers.empty())
    return makeError(ErrorCode::NoImageSeries,
                     input.string() + ": " + std::to_string(files.value().size()) +
                         " file(s), none of them DICOM (expected DICOM, NIfTI, NRRD or MetaImage)",
                     scan.skipped.empty() ? std::string() : scan.skipped.front());

  const std::vector<SeriesGroup> groups = groupIntoSeries(scan.headers);
  auto chosen = chooseSeries(groups, options.seriesInstanceUid);
  if (!chosen) {
    Error error = chosen.error();
    error.message = input.string() + ": " + error.message;
    return error;
  }
  const SeriesGroup& group = groups[chosen.value()];
  auto volume = loadDicomVolume(group, scan.skipped);
  if (!volume) return volume.error();

  if (!options.dixonWaterPath.empty() || !options.dixonFatPath.empty())
    return makeError(ErrorCode::InvalidArgument,
                     "--dixon-water/--dixon-fat are for image-file inputs; a DICOM study's Dixon series are paired "
                     "automatically (see iliometry info)");
  LoadedInput loaded;
  loaded.volume = std::move(volume).value();
  attachDixonImages(loaded.volume, groups, chosen.value(), scan.skipped);
  for (const SeriesGroup& g : groups)
    loaded.series.push_back(g.summary);
  loaded.chosenSeriesUid = group.summary.seriesInstanceUid;
  loaded.chosenSeriesIndex = static_cast<int>(chosen.value());
  // The summary states the slices actually stacked (duplicates removed).
  loaded.series[chosen.value()].sizeVoxels[2] = static_cast<unsigned>(loaded.volume.slices.size());
  return loaded;
}

} // namespace iliometry::dicom
