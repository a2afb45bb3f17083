#pragma once
// --anonymize: exports carry a pseudonym instead of the patient's identifiers. The pseudonym is
// keyed (HMAC-SHA-256 with a secret the user gives), so the same patient gets the same
// pseudonym in every run made with the same secret (a cohort stays linkable), while nobody
// without the secret can recompute it from a patient ID.
#include "iliometry/core/StudyInfo.h"
#include "iliometry/report/MeasurementReport.h"

#include <string>

namespace iliometry::report {

inline constexpr const char* kPseudonymPrefix = "ILIO-";

// "ILIO-" followed by 20 upper-case hex digits of HMAC-SHA-256(secret, key), where key is the
// Patient ID, or the Patient Name when the ID is empty. Asserts a non-empty secret.
std::string patientPseudonym(const StudyInfo& study, const std::string& secret);

// The study with Patient Name and Patient ID replaced by `pseudonym`, and the accession number
// and source path (which may hold a name) cleared. Sex, age, height and weight are kept: they
// are needed to read the measurements (psoas muscle index) and do not identify on their own.
// UIDs are kept (DICOM PS3.15 "Retain UIDs" option) so that SEG and SR still reference the
// measured images in the PACS.
StudyInfo pseudonymisedStudy(const StudyInfo& study, const std::string& pseudonym);

// The report with its study pseudonymised and its input path replaced by "(anonymized)".
MeasurementReport anonymizedReport(const MeasurementReport& report, const std::string& secret);

} // namespace iliometry::report
