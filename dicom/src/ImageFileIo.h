#pragma once
// NIfTI, NRRD and MetaImage through ITK, with the ImageIO chosen explicitly from the extension.
#include "iliometry/core/Result.h"
#include "iliometry/core/Volume.h"
#include "iliometry/dicom/InputLoader.h"

#include <filesystem>
#include <optional>
#include <string>

namespace iliometry::dicom {

// "NIfTI", "NRRD", "MetaImage", or empty when the extension is none of .nii, .nii.gz, .nrrd,
// .nhdr, .mha, .mhd (case-insensitive).
std::string imageFileFormat(const std::filesystem::path& path);

// Reads a scalar 3-D image (a 4-D file with one volume is accepted). Geometry is ITK's: LPS,
// with the file's direction kept. Modality per LoadOptions::modalityOverride or the HU rule.
Result<Volume> readImageFile(const std::filesystem::path& path, const std::optional<Modality>& modalityOverride);

} // namespace iliometry::dicom
