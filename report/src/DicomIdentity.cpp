#include "DicomIdentity.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmdata/dcvrda.h>
#include <dcmtk/dcmdata/dcvrtm.h>

namespace iliometry::report::dicomio {

std::string newUid() {
  char uid[100];
  dcmGenerateUniqueIdentifier(uid, SITE_INSTANCE_UID_ROOT);
  return uid;
}

OFCondition writeIdentity(DcmItem& dataset, const DicomExportContext& context) {
  const StudyInfo& s = context.study;
  OFCondition status = EC_Normal;
  auto put = [&](const DcmTagKey& tag, const std::string& value) {
    if (status.good()) status = dataset.putAndInsertString(tag, value.c_str());
  };
  put(DCM_PatientName, s.patientName);
  put(DCM_PatientID, s.patientId);
  put(DCM_PatientBirthDate, "");
  put(DCM_PatientSex, s.patientSex);
  if (!s.patientAge.empty()) put(DCM_PatientAge, s.patientAge);
  put(DCM_StudyInstanceUID, s.studyInstanceUid);
  put(DCM_StudyDate, s.studyDate);
  put(DCM_StudyTime, "");
  put(DCM_ReferringPhysicianName, "");
  put(DCM_StudyID, "");
  put(DCM_AccessionNumber, s.accessionNumber);
  if (!s.studyDescription.empty()) put(DCM_StudyDescription, s.studyDescription);
  if (context.patientIdentityRemoved) {
    put(DCM_PatientIdentityRemoved, "YES");
    // LO: at most 64 characters; docs/reports.md says what was removed and kept.
    put(DCM_DeidentificationMethod, "iliometry keyed pseudonym (HMAC-SHA-256); UIDs retained");
  }
  return status;
}

OFCondition writeEquipment(DcmItem& dataset, const DicomExportContext& context) {
  OFCondition status = dataset.putAndInsertString(DCM_Manufacturer, "Iliometry project");
  if (status.good()) status = dataset.putAndInsertString(DCM_ManufacturerModelName, context.software.name.c_str());
  if (status.good()) status = dataset.putAndInsertString(DCM_SoftwareVersions, context.software.version.c_str());
  return status;
}

OFCondition writeCreationTime(DcmItem& dataset) {
  OFString date, time;
  DcmDate::getCurrentDate(date);
  DcmTime::getCurrentTime(time);
  OFCondition status = dataset.putAndInsertOFStringArray(DCM_ContentDate, date);
  if (status.good()) status = dataset.putAndInsertOFStringArray(DCM_ContentTime, time);
  if (status.good()) status = dataset.putAndInsertOFStringArray(DCM_SeriesDate, date);
  if (status.good()) status = dataset.putAndInsertOFStringArray(DCM_SeriesTime, time);
  return status;
}

std::string describe(const OFCondition& condition) { return condition.text(); }

} // namespace iliometry::report::dicomio
