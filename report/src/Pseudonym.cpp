#include "iliometry/report/Pseudonym.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <cassert>
#include <cstdio>

namespace iliometry::report {

namespace {

// 20 hex digits = 80 bits: collisions are negligible for any cohort, and the value fits the
// 64-character Patient ID and Patient Name components with room to spare.
constexpr std::size_t kPseudonymHexDigits = 20;

} // namespace

std::string patientPseudonym(const StudyInfo& study, const std::string& secret) {
  assert(!secret.empty());
  const std::string& key = study.patientId.empty() ? study.patientName : study.patientId;
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int digestLength = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()), reinterpret_cast<const unsigned char*>(key.data()),
       key.size(), digest, &digestLength);
  std::string hex;
  for (unsigned int i = 0; i < digestLength && hex.size() < kPseudonymHexDigits; ++i) {
    char byte[3];
    std::snprintf(byte, sizeof byte, "%02X", digest[i]);
    hex += byte;
  }
  return kPseudonymPrefix + hex.substr(0, kPseudonymHexDigits);
}

StudyInfo pseudonymisedStudy(const StudyInfo& study, const std::string& pseudonym) {
  StudyInfo result = study;
  result.patientName = pseudonym;
  result.patientId = pseudonym;
  result.accessionNumber.clear();
  result.sourcePath.clear();
  return result;
}

MeasurementReport anonymizedReport(const MeasurementReport& report, const std::string& secret) {
  MeasurementReport result = report;
  result.study = pseudonymisedStudy(report.study, patientPseudonym(report.study, secret));
  result.inputPath = "(anonymized)";
  return result;
}

} // namespace iliometry::report
