#pragma once
// Identifiers and patient facts carried from the input into every report.
#include <optional>
#include <string>

namespace iliometry {

enum class Modality { CT, MR, Unknown };

std::string modalityName(Modality m);             // "CT", "MR", "unknown"
Modality modalityFromDicom(const std::string& s); // "CT" -> CT, "MR" -> MR, else Unknown

struct StudyInfo {
  std::string patientName;
  std::string patientId;
  std::string patientSex; // M, F, O or empty
  std::string patientAge; // DICOM AS, e.g. "054Y"
  std::optional<double> patientHeightM;
  std::optional<double> patientWeightKg;
  std::string studyInstanceUid;
  std::string seriesInstanceUid;
  std::string frameOfReferenceUid;
  std::string studyDate;  // YYYYMMDD
  std::string seriesDate; // YYYYMMDD
  std::string studyDescription;
  std::string seriesDescription;
  std::string accessionNumber;
  Modality modality = Modality::Unknown;
  std::string manufacturer;
  std::string bodyPart;
  std::string sourceFormat; // "DICOM", "NIfTI", "NRRD", "MetaImage"
  std::string sourcePath;
};

} // namespace iliometry
