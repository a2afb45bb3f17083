#include "iliometry/report/StructuredReport.h"

#include "DicomCodes.h"
#include "DicomIdentity.h"
#include "iliometry/core/AtomicFile.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmsr/cmr/tid1500.h>
#include <dcmtk/dcmsr/dsrdoc.h>

#include <cstdio>
#include <optional>
#include <set>

namespace iliometry::report {

namespace fs = std::filesystem;

namespace {

using Report = TID1500_MeasurementReport;
using VolumeValue = Report::TID1411_Measurements::MeasurementValue;
using IndividualValue = Report::TID1501_Measurements::MeasurementValue;

DSRCodedEntryValue coded(const codes::Code& code) {
  return DSRCodedEntryValue(code.value.c_str(), code.scheme.c_str(), code.meaning.c_str());
}

OFString decimal(double value, int decimals) {
  char text[32];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

// Collects the first failure with what was being done, so the builder reads as a list of steps.
class Steps {
public:
  bool ok() const { return m_failure.empty(); }
  void check(const OFCondition& condition, const std::string& what) {
    if (ok() && condition.bad()) {
      m_failure = what;
      m_detail = condition.text();
    }
  }
  Error error(const fs::path& path) const {
    return makeError(ErrorCode::OutputFailed, "cannot write the DICOM SR " + path.string() + ": " + m_failure, m_detail);
  }

private:
  std::string m_failure, m_detail;
};

const VertebralLevel* levelOnGrid(const MeasurementReport& report, const VertebralLevel& level) {
  return level.sliceIndex >= 0 && level.sliceIndex < report.measurements.sliceCount ? &level : nullptr;
}

void addStructureGroup(Report& sr, const MeasurementReport& report, const SegmentReference& segment,
                       DcmItem& segmentationDataset, const DicomExportContext& context, Steps& steps) {
  const Structure structure = segment.structure;
  const StructureMeasurement& m = report.measurements.of(structure);
  steps.check(sr.addVolumetricROIMeasurements(), "measurement group");
  auto& group = sr.getVolumetricROIMeasurements();
  // Copies the segment's Tracking ID and UID, so SR and SEG name the structure alike.
  steps.check(group.setReferencedSegment(segmentationDataset, static_cast<Uint16>(segment.segmentNumber), OFTrue),
              "reference to segment " + std::to_string(segment.segmentNumber));
  steps.check(group.setSourceSeriesForSegmentation(context.study.seriesInstanceUid.c_str()), "source series");
  steps.check(group.addFindingSite(coded(codes::muscle(structure.muscle)),
                                   CID244e_Laterality(coded(codes::laterality(structure.side)))),
              "finding site");
  steps.check(group.setMeasurementMethod(coded(codes::measurementMethod())), "measurement method");

  steps.check(group.addMeasurement(CID7469_GenericIntensityAndSizeMeasurements::Volume,
                                   VolumeValue(decimal(m.volumeMm3 / kMm3PerCm3, 2),
                                               CID7181_AbstractMultiDimensionalImageModelComponentUnits::CubicCentimeter)),
              "volume");
  steps.check(group.addMeasurement(CID7469_GenericIntensityAndSizeMeasurements::Area,
                                   VolumeValue(decimal(m.maxCsaMm2 / kMm2PerCm2, 2),
                                               CID7181_AbstractMultiDimensionalImageModelComponentUnits::SquareCentimeter)),
              "maximum CSA");
  steps.check(group.getMeasurement().setDerivation(CID7464_GeneralRegionOfInterestMeasurementModifiers::Maximum),
              "maximum CSA derivation");
  // Attenuation in HU exists on CT only; MR signal has no standard unit and is left out.
  if (m.meanIntensity && report.pipeline == Modality::CT) {
    steps.check(group.addMeasurement(CID7469_GenericIntensityAndSizeMeasurements::AttenuationCoefficient,
                                     VolumeValue(decimal(*m.meanIntensity, 1),
                                                 CID7181_AbstractMultiDimensionalImageModelComponentUnits::HounsfieldUnit)),
                "mean HU");
    steps.check(group.getMeasurement().setDerivation(CID7464_GeneralRegionOfInterestMeasurementModifiers::Mean),
                "mean HU derivation");
  }
  // CSA on the mid-slice of each level in view, the level coded as a concept modifier.
  for (const auto& level : report.levels.levels) {
    if (levelOnGrid(report, level) == nullptr) continue;
    steps.check(group.addMeasurement(CID7469_GenericIntensityAndSizeMeasurements::Area,
                                     VolumeValue(decimal(report.measurements.csaMm2(structure, level.sliceIndex) / kMm2PerCm2, 2),
                                                 CID7181_AbstractMultiDimensionalImageModelComponentUnits::SquareCentimeter)),
                "CSA at " + level.name);
    steps.check(group.getMeasurement().addModifier(coded(codes::levelConcept()), coded(codes::level(level.name))),
                "level of CSA at " + level.name);
  }
}

void addAsymmetryGroup(Report& sr, const MeasurementReport& report, const AsymmetryVerdict& verdict, Steps& steps) {
  steps.check(sr.addIndividualMeasurements(), "asymmetry group");
  auto& group = sr.getIndividualMeasurements();
  steps.check(group.setTrackingIdentifier((muscleKey(verdict.muscle) + "_asymmetry").c_str()), "asymmetry tracking id");
  steps.check(group.setTrackingUniqueIdentifier(dicomio::newUid().c_str()), "asymmetry tracking uid");
  steps.check(group.addFindingSite(coded(codes::muscle(verdict.muscle)), CID244e_Laterality(coded(codes::bothSides()))),
              "asymmetry finding site");
  // Every basis computed, each marked by its basis; the verdict's basis is the flag's.
  for (const auto& entry : report.asymmetry.entries) {
    if (entry.muscle != verdict.muscle || !entry.indexPercent) continue;
    steps.check(group.addMeasurement(coded(codes::asymmetryIndex()),
                                     IndividualValue(decimal(*entry.indexPercent, 2),
                                                     CID7181_AbstractMultiDimensionalImageModelComponentUnits::Percent)),
                "asymmetry index " + entry.basis);
    steps.check(group.getMeasurement().addModifier(coded(codes::asymmetryBasisConcept()),
                                                   coded(codes::asymmetryBasis(entry.basis))),
                "asymmetry basis " + entry.basis);
  }
  if (verdict.indexPercent)
    steps.check(group.addQualitativeEvaluation(coded(codes::asymmetricHypertrophy()),
                                               coded(codes::yesNo(verdict.asymmetricHypertrophy))),
                "asymmetry flag");
}

Result<void> buildAndSave(const MeasurementReport& report, const DicomExportContext& context,
                          const WrittenSegmentation& segmentation, const fs::path& segmentationPath, const fs::path& target,
                          const fs::path& temporary) {
  Steps steps;
  DcmFileFormat segmentationFile;
  steps.check(segmentationFile.loadFile(segmentationPath.c_str()), "reading " + segmentationPath.string());
  if (!steps.ok()) return steps.error(target);

  Report sr(CID7021_MeasurementReportDocumentTitles::ImagingMeasurementReport);
  steps.check(sr.setLanguage(CID5000_Languages::English), "language");
  steps.check(sr.getObservationContext().addDeviceObserver(dicomio::newUid().c_str(), context.software.name.c_str(),
                                                           "Iliometry project", context.software.name.c_str()),
              "device observer");
  steps.check(sr.addProcedureReported(CID100_QuantitativeDiagnosticImagingProcedures::CTUnspecifiedBodyRegion),
              "procedure reported");
  steps.check(sr.getImageLibrary().createNewImageLibrary(), "image library");
  steps.check(sr.getImageLibrary().addImageGroup(), "image library group");
  std::set<std::string> listed;
  for (const auto& slice : context.sourceSlices) {
    if (!listed.insert(slice.sopInstanceUid).second) continue;
    DcmFileFormat source;
    // Only the header is needed for the library entry.
    steps.check(source.loadFile(slice.filePath.c_str(), EXS_Unknown, EGL_noChange, 4096), "reading " + slice.filePath);
    if (!steps.ok()) break;
    steps.check(sr.getImageLibrary().addImageEntry(*source.getDataset(), TID1600_ImageLibrary::withoutDescriptors),
                "image library entry " + slice.filePath);
  }
  for (const auto& segment : segmentation.segments)
    addStructureGroup(sr, report, segment, *segmentationFile.getDataset(), context, steps);
  for (const auto& verdict : report.asymmetry.verdicts) addAsymmetryGroup(sr, report, verdict, steps);
  if (!steps.ok()) return steps.error(target);
  if (!sr.isValid()) return makeError(ErrorCode::Internal, "the TID 1500 report built for " + target.string() + " is not valid");

  DSRDocument document(DSRTypes::DT_Comprehensive3DSR);
  steps.check(document.setTreeFromRootTemplate(sr, OFTrue), "document tree");
  // The tree takes its document type from the template (Enhanced SR); TID 1500 is also valid
  // in a Comprehensive 3D SR, the type PACS exchange of image measurement reports expects.
  steps.check(document.changeDocumentType(DSRTypes::DT_Comprehensive3DSR), "document type");
  steps.check(document.createNewSeriesInStudy(context.study.studyInstanceUid.c_str()), "series");
  steps.check(document.setSeriesNumber(std::to_string(kStructuredReportSeriesNumber).c_str()), "series number");
  steps.check(document.setSeriesDescription("Iliopsoas measurements (iliometry)"), "series description");
  steps.check(document.setInstanceNumber("1"), "instance number");
  steps.check(document.setManufacturer("Iliometry project"), "manufacturer");
  steps.check(document.completeDocument(), "completion flag");
  auto& evidence = document.getCurrentRequestedProcedureEvidence();
  for (const auto& slice : context.sourceSlices)
    steps.check(evidence.addItem(context.study.studyInstanceUid.c_str(), context.study.seriesInstanceUid.c_str(),
                                 slice.sopClassUid.c_str(), slice.sopInstanceUid.c_str()),
                "evidence " + slice.sopInstanceUid);
  steps.check(evidence.addItem(context.study.studyInstanceUid.c_str(), segmentation.seriesInstanceUid.c_str(),
                               segmentation.sopClassUid.c_str(), segmentation.sopInstanceUid.c_str()),
              "evidence of the segmentation");
  if (!steps.ok()) return steps.error(target);

  DcmFileFormat file;
  DcmDataset& dataset = *file.getDataset();
  steps.check(document.write(dataset), "encoding");
  steps.check(dicomio::writeIdentity(dataset, context), "patient and study");
  steps.check(dicomio::writeEquipment(dataset, context), "equipment");
  steps.check(file.saveFile(temporary.c_str(), EXS_LittleEndianExplicit), "saving");
  if (!steps.ok()) return steps.error(target);
  return {};
}

} // namespace

Result<void> writeStructuredReport(const MeasurementReport& report, const DicomExportContext& context,
                                   const WrittenSegmentation& segmentation, const fs::path& segmentationPath,
                                   const fs::path& path) {
  return writeViaTemporary(path, [&](const fs::path& temporary) {
    return buildAndSave(report, context, segmentation, segmentationPath, path, temporary);
  });
}

} // namespace iliometry::report
