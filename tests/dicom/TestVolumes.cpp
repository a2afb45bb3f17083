#include "TestVolumes.h"

#include <dcmtk/dcmdata/dcdatset.h>
#include <dcmtk/dcmdata/dcfilefo.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <stdexcept>

namespace iliometry::dicom::test {

namespace fs = std::filesystem;

TempFolder::TempFolder() {
  std::random_device device;
  m_path = fs::temp_directory_path() / ("iliometry-dicom-test-" + std::to_string(device()) + std::to_string(device()));
  fs::create_directories(m_path);
}

TempFolder::~TempFolder() {
  std::error_code ignored;
  fs::remove_all(m_path, ignored);
}

Volume makeVolume(std::array<std::size_t, 3> size, std::array<double, 3> spacingMm, std::array<double, 3> originMm,
                  const Direction& direction, Modality modality,
                  const std::function<float(const IntensityImage::PointType&)>& valueAt) {
  auto image = IntensityImage::New();
  IntensityImage::RegionType region;
  region.SetSize({size[0], size[1], size[2]});
  image->SetRegions(region);
  IntensityImage::SpacingType spacing;
  IntensityImage::PointType origin;
  IntensityImage::DirectionType d;
  for (unsigned r = 0; r < 3; ++r) {
    spacing[r] = spacingMm[r];
    origin[r] = originMm[r];
    for (unsigned c = 0; c < 3; ++c)
      d(r, c) = direction[r * 3 + c];
  }
  image->SetSpacing(spacing);
  image->SetOrigin(origin);
  image->SetDirection(d);
  image->Allocate();
  for (std::size_t k = 0; k < size[2]; ++k)
    for (std::size_t j = 0; j < size[1]; ++j)
      for (std::size_t i = 0; i < size[0]; ++i) {
        const IntensityImage::IndexType index{{static_cast<long>(i), static_cast<long>(j), static_cast<long>(k)}};
        IntensityImage::PointType p;
        image->TransformIndexToPhysicalPoint(index, p);
        image->SetPixel(index, valueAt(p));
      }
  Volume volume;
  volume.image = image;
  volume.info.modality = modality;
  volume.info.patientName = "Test^Phantom";
  volume.info.patientId = "TEST-001";
  return volume;
}

float linearRamp(const IntensityImage::PointType& p) {
  return static_cast<float>(std::round(3.0 * p[0] + 5.0 * p[1] + 7.0 * p[2]));
}

void editDicomFile(const fs::path& file, const std::function<void(DcmDataset&)>& edit) {
  DcmFileFormat format;
  ASSERT_TRUE(format.loadFile(file.c_str()).good()) << file;
  format.loadAllDataIntoMemory();
  const E_TransferSyntax xfer = format.getDataset()->getOriginalXfer();
  edit(*format.getDataset());
  ASSERT_TRUE(format.saveFile(file.c_str(), xfer).good()) << file;
}

std::vector<fs::path> filesIn(const fs::path& folder) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(folder))
    if (entry.is_regular_file()) files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

} // namespace iliometry::dicom::test
