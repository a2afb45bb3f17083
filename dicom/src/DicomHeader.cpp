#include "DicomHeader.h"

#include "DcmtkSetup.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcmetinf.h>
#include <dcmtk/dcmdata/dcxfer.h>

#include <cmath>

namespace iliometry::dicom {
namespace {

// Values above this length stay on disk during the header pass; pixel data is read later.
constexpr Uint32 kMaxHeaderValueBytes = 4096;

std::string getString(DcmItem& item, const DcmTagKey& tag) {
  OFString value;
  if (item.findAndGetOFStringArray(tag, value).good()) return std::string(value.c_str());
  return {};
}

unsigned getUnsigned(DcmItem& item, const DcmTagKey& tag, unsigned fallback = 0) {
  Uint16 value = 0;
  if (item.findAndGetUint16(tag, value).good()) return value;
  return fallback;
}

template <std::size_t N> std::optional<std::array<double, N>> getDoubles(DcmItem& item, const DcmTagKey& tag) {
  std::array<double, N> values{};
  for (std::size_t i = 0; i < N; ++i) {
    Float64 v = 0.0;
    if (item.findAndGetFloat64(tag, v, static_cast<unsigned long>(i)).bad() || !std::isfinite(v)) return std::nullopt;
    values[i] = v;
  }
  return values;
}

std::optional<double> getDouble(DcmItem& item, const DcmTagKey& tag) {
  if (auto v = getDoubles<1>(item, tag)) return (*v)[0];
  return std::nullopt;
}

DcmItem* sequenceItem(DcmItem* parent, const DcmTagKey& sequence, signed long index = 0) {
  if (parent == nullptr) return nullptr;
  DcmItem* item = nullptr;
  if (parent->findAndGetSequenceItem(sequence, item, index).good()) return item;
  return nullptr;
}

// Enhanced objects: a functional group macro lives in the frame's Per-Frame item or, failing
// that, in the Shared item.
DcmItem* functionalGroup(DcmItem* perFrame, DcmItem* shared, const DcmTagKey& macro) {
  if (DcmItem* item = sequenceItem(perFrame, macro)) return item;
  return sequenceItem(shared, macro);
}

void readStudyInfo(DcmDataset& ds, StudyInfo& info) {
  info.patientName = getString(ds, DCM_PatientName);
  info.patientId = getString(ds, DCM_PatientID);
  info.patientSex = getString(ds, DCM_PatientSex);
  info.patientAge = getString(ds, DCM_PatientAge);
  if (auto h = getDouble(ds, DCM_PatientSize); h && *h > 0.0) info.patientHeightM = *h;
  if (auto w = getDouble(ds, DCM_PatientWeight); w && *w > 0.0) info.patientWeightKg = *w;
  info.studyInstanceUid = getString(ds, DCM_StudyInstanceUID);
  info.seriesInstanceUid = getString(ds, DCM_SeriesInstanceUID);
  info.frameOfReferenceUid = getString(ds, DCM_FrameOfReferenceUID);
  info.studyDate = getString(ds, DCM_StudyDate);
  info.seriesDate = getString(ds, DCM_SeriesDate);
  info.studyDescription = getString(ds, DCM_StudyDescription);
  info.seriesDescription = getString(ds, DCM_SeriesDescription);
  info.accessionNumber = getString(ds, DCM_AccessionNumber);
  info.modality = modalityFromDicom(getString(ds, DCM_Modality));
  info.manufacturer = getString(ds, DCM_Manufacturer);
  info.bodyPart = getString(ds, DCM_BodyPartExamined);
  info.sourceFormat = "DICOM";
}

void readPixelFormat(DcmDataset& ds, PixelFormat& px) {
  px.rows = getUnsigned(ds, DCM_Rows);
  px.columns = getUnsigned(ds, DCM_Columns);
  px.bitsAllocated = getUnsigned(ds, DCM_BitsAllocated);
  px.bitsStored = getUnsigned(ds, DCM_BitsStored, px.bitsAllocated);
  px.highBit = getUnsigned(ds, DCM_HighBit, px.bitsStored > 0 ? px.bitsStored - 1 : 0);
  px.isSigned = getUnsigned(ds, DCM_PixelRepresentation) == 1;
  px.samplesPerPixel = getUnsigned(ds, DCM_SamplesPerPixel, 1);
  px.photometric = getString(ds, DCM_PhotometricInterpretation);
  Sint32 frames = 1;
  if (ds.findAndGetSint32(DCM_NumberOfFrames, frames).bad() || frames < 1) frames = 1;
  px.numberOfFrames = static_cast<unsigned>(frames);
}

FrameHeader readClassicFrame(DcmDataset& ds) {
  FrameHeader frame;
  frame.positionMm = getDoubles<3>(ds, DCM_ImagePositionPatient);
  frame.orientation = getDoubles<6>(ds, DCM_ImageOrientationPatient);
  frame.pixelSpacingMm = getDoubles<2>(ds, DCM_PixelSpacing);
  frame.sliceThicknessMm = getDouble(ds, DCM_SliceThickness);
  frame.rescaleSlope = getDouble(ds, DCM_RescaleSlope).value_or(1.0);
  frame.rescaleIntercept = getDouble(ds, DCM_RescaleIntercept).value_or(0.0);
  if (frame.rescaleSlope == 0.0) frame.rescaleSlope = 1.0; // a zero slope is a broken header, not data
  return frame;
}

void readEnhancedFrames(DcmDataset& ds, DicomHeader& header) {
  DcmItem* shared = sequenceItem(&ds, DCM_SharedFunctionalGroupsSequence);
  for (unsigned f = 0; f < header.pixels.numberOfFrames; ++f) {
    DcmItem* perFrame = sequenceItem(&ds, DCM_PerFrameFunctionalGroupsSequence, static_cast<signed long>(f));
    FrameHeader frame;
    frame.frameNumber = static_cast<int>(f + 1);
    if (DcmItem* g = functionalGroup(perFrame, shared, DCM_PlanePositionSequence))
      frame.positionMm = getDoubles<3>(*g, DCM_ImagePositionPatient);
    if (DcmItem* g = functionalGroup(perFrame, shared, DCM_PlaneOrientationSequence))
      frame.orientation = getDoubles<6>(*g, DCM_ImageOrientationPatient);
    if (DcmItem* g = functionalGroup(perFrame, shared, DCM_PixelMeasuresSequence)) {
      frame.pixelSpacingMm = getDoubles<2>(*g, DCM_PixelSpacing);
      frame.sliceThicknessMm = getDouble(*g, DCM_SliceThickness);
    }
    if (DcmItem* g = functionalGroup(perFrame, shared, DCM_PixelValueTransformationSequence)) {
      frame.rescaleSlope = getDouble(*g, DCM_RescaleSlope).value_or(1.0);
      frame.rescaleIntercept = getDouble(*g, DCM_RescaleIntercept).value_or(0.0);
      if (frame.rescaleSlope == 0.0) frame.rescaleSlope = 1.0;
    }
    header.frames.push_back(frame);
  }
}

} // namespace

bool isJpeg2000(const std::string& uid) {
  return uid == "1.2.840.10008.1.2.4.90" || uid == "1.2.840.10008.1.2.4.91" || uid == "1.2.840.10008.1.2.4.92" ||
         uid == "1.2.840.10008.1.2.4.93";
}

Result<DicomHeader> readDicomHeader(const std::filesystem::path& file) {
  ensureDcmtkReady();
  DcmFileFormat format;
  const OFCondition status = format.loadFile(file.c_str(), EXS_Unknown, EGL_noChange, kMaxHeaderValueBytes);
  if (status.bad())
    return makeError(ErrorCode::InvalidSeries, file.string() + ": not a readable DICOM file", status.text());
  DcmDataset& ds = *format.getDataset();

  DicomHeader header;
  header.file = file;
  header.sopClassUid = getString(ds, DCM_SOPClassUID);
  if (header.sopClassUid.empty()) header.sopClassUid = getString(*format.getMetaInfo(), DCM_MediaStorageSOPClassUID);
  if (header.sopClassUid.empty())
    return makeError(ErrorCode::InvalidSeries, file.string() + ": not a DICOM object (no SOP Class UID)");
  header.sopInstanceUid = getString(ds, DCM_SOPInstanceUID);
  header.transferSyntaxUid = getString(*format.getMetaInfo(), DCM_TransferSyntaxUID);
  if (header.transferSyntaxUid.empty()) header.transferSyntaxUid = DcmXfer(ds.getOriginalXfer()).getXferID();
  header.modality = getString(ds, DCM_Modality);
  header.imageType = getString(ds, DCM_ImageType);
  header.seriesDescription = getString(ds, DCM_SeriesDescription);
  Sint32 instance = 0;
  if (ds.findAndGetSint32(DCM_InstanceNumber, instance).good()) header.instanceNumber = instance;
  header.hasPixelData = ds.tagExists(DCM_PixelData);
  readStudyInfo(ds, header.info);
  header.info.sourcePath = file.string();
  readPixelFormat(ds, header.pixels);

  const bool enhanced =
      ds.tagExists(DCM_PerFrameFunctionalGroupsSequence) || ds.tagExists(DCM_SharedFunctionalGroupsSequence);
  if (enhanced) {
    readEnhancedFrames(ds, header);
  } else {
    FrameHeader first = readClassicFrame(ds);
    if (header.pixels.numberOfFrames == 1) {
      header.frames.push_back(first);
    } else {
      // A legacy multi-frame object states one position for all frames: not a stack we can place.
      for (unsigned f = 0; f < header.pixels.numberOfFrames; ++f) {
        FrameHeader frame = first;
        frame.frameNumber = static_cast<int>(f + 1);
        frame.positionMm.reset();
        header.frames.push_back(frame);
      }
    }
  }
  return header;
}

} // namespace iliometry::dicom
