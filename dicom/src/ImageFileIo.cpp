#include "ImageFileIo.h"

#include "FileCompleteness.h"

#include "iliometry/core/AtomicFile.h"
#include "iliometry/dicom/SeriesWriter.h"

#include <itkImageFileReader.h>
#include <itkImageFileWriter.h>
#include <itkMetaImageIO.h>
#include <itkNiftiImageIO.h>
#include <itkNrrdImageIO.h>

#include <algorithm>
#include <limits>

namespace iliometry::dicom {
namespace {

constexpr double kHuMinimumAtMost = -500.0; // air/lung present
constexpr double kHuMaximumAtLeast = 300.0; // bone present
// A NIfTI-1 header (NIfTI-2's is longer): the voxels follow it.
constexpr std::uintmax_t kNiftiHeaderBytes = 348;

std::string lowerName(const std::filesystem::path& path) {
  std::string name = path.filename().string();
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return name;
}

bool endsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

itk::ImageIOBase::Pointer imageIoFor(const std::string& format) {
  if (format == "NIfTI") return itk::NiftiImageIO::New().GetPointer();
  if (format == "NRRD") return itk::NrrdImageIO::New().GetPointer();
  if (format == "MetaImage") return itk::MetaImageIO::New().GetPointer();
  return nullptr;
}

template <typename ImageType> Result<void> writeWithItk(const ImageType& image, const std::filesystem::path& path) {
  const std::string format = imageFileFormat(path);
  if (format.empty())
    return makeError(ErrorCode::InvalidArgument,
                     path.string() +
                         ": unknown image file extension (expected .nii, .nii.gz, .nrrd, .nhdr, .mha or .mhd)");
  return writeViaTemporary(path, [&](const std::filesystem::path& temporary) -> Result<void> {
    try {
      auto writer = itk::ImageFileWriter<ImageType>::New();
      writer->SetImageIO(imageIoFor(format));
      writer->SetFileName(temporary.string());
      writer->SetInput(&image);
      writer->SetUseCompression(true);
      writer->Update();
    } catch (const itk::ExceptionObject& e) {
      return makeError(ErrorCode::OutputFailed, path.string() + ": cannot write the " + format + " file",
                       e.GetDescription());
    }
    return {};
  });
}

} // namespace

std::string imageFileFormat(const std::filesystem::path& path) {
  const std::string name = lowerName(path);
  if (endsWith(name, ".nii") || endsWith(name, ".nii.gz")) return "NIfTI";
  if (endsWith(name, ".nrrd") || endsWith(name, ".nhdr")) return "NRRD";
  if (endsWith(name, ".mha") || endsWith(name, ".mhd")) return "MetaImage";
  return {};
}

Result<Volume> readImageFile(const std::filesystem::path& path, const std::optional<Modality>& modalityOverride) {
  const std::string format = imageFileFormat(path);
  auto io = imageIoFor(format);
  if (!io) return makeError(ErrorCode::NoImageSeries, path.string() + ": not a NIfTI, NRRD or MetaImage file");
  auto reader = itk::ImageFileReader<IntensityImage>::New();
  reader->SetImageIO(io);
  reader->SetFileName(path.string());
  try {
    reader->UpdateOutputInformation();
    if (io->GetNumberOfComponents() != 1)
      return makeError(ErrorCode::InvalidSeries, path.string() + ": " + std::to_string(io->GetNumberOfComponents()) +
                                                     " components per voxel (expected a scalar image)");
    if (io->GetNumberOfDimensions() < 3)
      return makeError(ErrorCode::InvalidSeries,
                       path.string() + ": " + std::to_string(io->GetNumberOfDimensions()) + "-D image (expected 3-D)");
    for (unsigned d = 3; d < io->GetNumberOfDimensions(); ++d)
      if (io->GetDimensions(d) > 1)
        return makeError(ErrorCode::InvalidSeries, path.string() + ": " + std::to_string(io->GetNumberOfDimensions()) +
                                                       "-D image with " + std::to_string(io->GetDimensions(d)) +
                                                       " volumes (expected one 3-D volume)");
    // ITK reads a NIfTI file cut short without complaint (the missing voxels come out as
    // whatever the buffer held): the file must hold the header and every voxel it announces.
    if (format == "NIfTI")
      if (auto complete = checkFileHoldsBytes(path, kNiftiHeaderBytes + io->GetImageSizeInBytes()); !complete)
        return complete.error();
    reader->Update();
    if (reader->GetOutput()->GetBufferedRegion().GetNumberOfPixels() == 0)
      return makeError(ErrorCode::InvalidSeries, path.string() + ": the image has no voxels");
  } catch (const itk::ExceptionObject& e) {
    return makeError(ErrorCode::InvalidSeries, path.string() + ": cannot read the " + format + " file",
                     e.GetDescription());
  }

  Volume volume;
  volume.image = reader->GetOutput();
  volume.image->DisconnectPipeline();
  volume.info.sourceFormat = format;
  volume.info.sourcePath = path.string();
  volume.info.seriesDescription = path.filename().string();
  if (modalityOverride) {
    volume.info.modality = *modalityOverride;
  } else {
    const float* begin = volume.image->GetBufferPointer();
    const auto [lo, hi] = std::minmax_element(begin, begin + volume.image->GetBufferedRegion().GetNumberOfPixels());
    const bool looksLikeHu = *lo <= kHuMinimumAtMost && *hi >= kHuMaximumAtLeast;
    volume.info.modality = looksLikeHu ? Modality::CT : Modality::Unknown;
    volume.warnings.push_back(path.filename().string() + ": modality not stated by the file; taken as " +
                              modalityName(volume.info.modality) +
                              (looksLikeHu ? " (intensities span Hounsfield units of air and bone)"
                                           : " (intensities do not look like Hounsfield units)"));
  }
  return volume;
}

Result<void> writeImageFile(const IntensityImage& image, const std::filesystem::path& path) {
  return writeWithItk(image, path);
}

Result<void> writeLabelFile(const LabelImage& labels, const std::filesystem::path& path) {
  return writeWithItk(labels, path);
}

} // namespace iliometry::dicom
