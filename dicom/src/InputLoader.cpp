#include "iliometry/dicom/InputLoader.h"

#include "DicomFileScanner.h"
#include "DicomSeriesLoader.h"
#include "ImageFileIo.h"
#include "SeriesCatalog.h"

#include <system_error>

namespace iliometry::dicom {

namespace fs = std::filesystem;

namespace {

Result<LoadedInput> loadImageFile(const fs::path& input, const LoadOptions& options) {
  auto volume = readImageFile(input, options.modalityOverride);
  if (!volume) return volume.error();
  LoadedInput loaded;
  loaded.volume = std::move(volume).value();
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

  LoadedInput loaded;
  loaded.volume = std::move(volume).value();
  for (const SeriesGroup& g : groups)
    loaded.series.push_back(g.summary);
  loaded.chosenSeriesUid = group.summary.seriesInstanceUid;
  loaded.chosenSeriesIndex = static_cast<int>(chosen.value());
  // The summary states the slices actually stacked (duplicates removed).
  loaded.series[chosen.value()].sizeVoxels[2] = static_cast<unsigned>(loaded.volume.slices.size());
  return loaded;
}

} // namespace iliometry::dicom
