#include "DicomFileScanner.h"

#include "DcmtkSetup.h"
#include "ParallelFor.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>

#include <algorithm>
#include <exception>
#include <optional>
#include <system_error>

namespace iliometry::dicom {

namespace fs = std::filesystem;

bool isDicomdir(const fs::path& file) {
  std::string name = file.filename().string();
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return name == "DICOMDIR";
}

Result<std::vector<fs::path>> listFilesRecursively(const fs::path& folder) {
  std::vector<fs::path> files;
  std::error_code ec;
  fs::recursive_directory_iterator it(folder, fs::directory_options::skip_permission_denied, ec);
  if (ec) return makeError(ErrorCode::InputNotFound, folder.string() + ": cannot list the folder", ec.message());
  for (const fs::recursive_directory_iterator end; it != end; it.increment(ec)) {
    if (ec) return makeError(ErrorCode::InputNotFound, folder.string() + ": cannot list the folder", ec.message());
    std::error_code typeError;
    if (it->is_regular_file(typeError) && !isDicomdir(it->path())) files.push_back(it->path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

Result<std::vector<fs::path>> listFilesOfDicomdir(const fs::path& dicomdir) {
  ensureDcmtkReady();
  DcmFileFormat format;
  const OFCondition status = format.loadFile(dicomdir.c_str());
  if (status.bad())
    return makeError(ErrorCode::InputNotFound, dicomdir.string() + ": not a readable DICOMDIR", status.text());
  DcmDataset& ds = *format.getDataset();
  std::vector<fs::path> files;
  const fs::path base = dicomdir.parent_path();
  DcmItem* record = nullptr;
  for (signed long i = 0; ds.findAndGetSequenceItem(DCM_DirectoryRecordSequence, record, i).good(); ++i) {
    OFString fileId;
    if (record->findAndGetOFStringArray(DCM_ReferencedFileID, fileId).bad() || fileId.empty()) continue;
    fs::path file = base;
    std::string component;
    for (char c : std::string(fileId.c_str())) {
      if (c == '\\') {
        file /= component;
        component.clear();
      } else {
        component += c;
      }
    }
    if (!component.empty()) file /= component;
    files.push_back(file);
  }
  std::sort(files.begin(), files.end());
  files.erase(std::unique(files.begin(), files.end()), files.end());
  return files;
}

ScanResult scanDicomHeaders(const std::vector<fs::path>& files) {
  std::vector<std::optional<Result<DicomHeader>>> results(files.size());
  parallelFor(files.size(), [&](std::size_t i) {
    try {
      results[i].emplace(readDicomHeader(files[i]));
    } catch (const std::exception& e) { // e.g. bad_alloc on a hostile length; must not leave the thread
      results[i].emplace(makeError(ErrorCode::InvalidSeries, files[i].string() + ": cannot read the file", e.what()));
    }
  });
  ScanResult scan;
  for (auto& result : results) {
    if (result->ok())
      scan.headers.push_back(std::move(*result).value());
    else
      scan.skipped.push_back(result->error().describe());
  }
  return scan;
}

} // namespace iliometry::dicom
