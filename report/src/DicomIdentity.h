#pragma once
// Patient, study and equipment attributes shared by every DICOM export (private to report/).
#include "iliometry/report/DicomExport.h"

#include <dcmtk/dcmdata/dcitem.h>

#include <string>

namespace iliometry::report::dicomio {

// A new UID under DCMTK's root (SITE_INSTANCE_UID_ROOT).
std::string newUid();

// Writes the Patient and General Study modules from context.study, overwriting what a DCMTK
// writer put there, and the de-identification attributes when the identity was removed.
// Identifying attributes the source may hold (birth date, referring physician) are written
// empty (Type 2).
OFCondition writeIdentity(DcmItem& dataset, const DicomExportContext& context);

// Manufacturer, model and software version of the exporting software.
OFCondition writeEquipment(DcmItem& dataset, const DicomExportContext& context);

// Content Date/Time and Series Date/Time: now.
OFCondition writeCreationTime(DcmItem& dataset);

// "iliometry: <message> (<DCMTK text>)" for errors.
std::string describe(const OFCondition& condition);

} // namespace iliometry::report::dicomio
