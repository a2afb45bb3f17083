#pragma once
// Helpers for the dicom tests: synthetic volumes with known geometry, temp folders, DCMTK edits.
#include "iliometry/core/Volume.h"

class DcmDataset;

#include <array>
#include <filesystem>
#include <functional>
#include <string>

namespace iliometry::dicom::test {

// A folder under the system temp directory, removed with everything in it on destruction.
class TempFolder {
public:
  TempFolder();
  ~TempFolder();
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;
  const std::filesystem::path& path() const { return m_path; }
  std::filesystem::path operator/(const std::string& name) const { return m_path / name; }

private:
  std::filesystem::path m_path;
};

using Direction = std::array<double, 9>; // row-major; columns are the axes

inline constexpr Direction kIdentity{1, 0, 0, 0, 1, 0, 0, 0, 1};

// A volume whose voxel values are valueAt(physical point in LPS mm).
Volume makeVolume(std::array<std::size_t, 3> size, std::array<double, 3> spacingMm, std::array<double, 3> originMm,
                  const Direction& direction, Modality modality,
                  const std::function<float(const IntensityImage::PointType&)>& valueAt);

// A whole-number function of position, so int16 storage with slope 1 is exact.
float linearRamp(const IntensityImage::PointType& p);

// Loads `file`, applies `edit` to its dataset, saves it in place (same transfer syntax).
void editDicomFile(const std::filesystem::path& file, const std::function<void(DcmDataset&)>& edit);

std::vector<std::filesystem::path> filesIn(const std::filesystem::path& folder);

} // namespace iliometry::dicom::test
