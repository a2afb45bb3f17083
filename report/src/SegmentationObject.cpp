#include "iliometry/report/SegmentationObject.h"

#include "DicomCodes.h"
#include "DicomIdentity.h"
#include "iliometry/core/AtomicFile.h"
#include "iliometry/report/StructureStyle.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmfg/fgderimg.h>
#include <dcmtk/dcmfg/fgfracon.h>
#include <dcmtk/dcmfg/fgpixmsr.h>
#include <dcmtk/dcmfg/fgplanor.h>
#include <dcmtk/dcmfg/fgplanpo.h>
#include <dcmtk/dcmfg/fgseg.h>
#include <dcmtk/dcmiod/cielabutil.h>
#include <dcmtk/dcmseg/segdoc.h>
#include <dcmtk/dcmseg/segment.h>
#include <dcmtk/dcmseg/segutils.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>
#include <optional>

namespace iliometry::report {

namespace fs = std::filesystem;

namespace {

std::string decimal(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.6g", value); // DS holds at most 16 characters
  return text;
}

CodeSequenceMacro macroOf(const codes::Code& code) {
  return CodeSequenceMacro(code.value.c_str(), code.scheme.c_str(), code.meaning.c_str());
}

Error dcmtkError(const std::string& what, const fs::path& path, const OFCondition& condition) {
  return makeError(ErrorCode::OutputFailed, "cannot write the DICOM Segmentation " + path.string() + ": " + what,
                   condition.text());
}

// The segment of one structure: anatomy (muscle) as the property type, laterality as its
// modifier, the structure key as tracking identifier, the report colours as CIELab.
Result<DcmSegment*> makeSegment(Structure structure, const DicomExportContext& context, const std::string& trackingUid,
                                const fs::path& path) {
  DcmSegment* raw = nullptr;
  OFCondition status = DcmSegment::create(raw, structureDisplayName(structure).c_str(), macroOf(codes::segmentationCategory()),
                                          macroOf(codes::muscle(structure.muscle)), DcmSegTypes::SAT_AUTOMATIC,
                                          context.software.name.c_str());
  if (status.bad() || raw == nullptr) return dcmtkError("segment " + structureKey(structure), path, status);
  std::unique_ptr<DcmSegment> segment(raw);
  segment->getSegmentedPropertyTypeModifierCode().push_back(new CodeSequenceMacro(macroOf(codes::laterality(structure.side))));
  status = segment->setTrackingID(structureKey(structure).c_str());
  if (status.good()) status = segment->setTrackingUID(trackingUid.c_str());
  if (status.good()) status = segment->setSegmentDescription(structureDisplayName(structure).c_str());
  const RgbColour colour = structureColour(structure);
  double l = 0, a = 0, b = 0;
  IODCIELabUtil::rgb2DicomLab(l, a, b, colour.red, colour.green, colour.blue);
  if (status.good())
    status = segment->setRecommendedDisplayCIELabValue(static_cast<Uint16>(std::lround(l)), static_cast<Uint16>(std::lround(a)),
                                                       static_cast<Uint16>(std::lround(b)));
  if (status.bad()) return dcmtkError("segment " + structureKey(structure), path, status);
  return segment.release();
}

struct SliceFrame {
  std::vector<Uint8> pixels; // rows x columns, 0/1, DICOM order (column index fastest)
  bool any = false;
};

SliceFrame frameOf(const LabelImage& labels, LabelValue label, long slice) {
  const auto size = labels.GetLargestPossibleRegion().GetSize();
  SliceFrame frame;
  frame.pixels.resize(size[0] * size[1]);
  std::size_t at = 0;
  for (long j = 0; j < static_cast<long>(size[1]); ++j)
    for (long i = 0; i < static_cast<long>(size[0]); ++i, ++at) {
      const bool inside = labels.GetPixel({{i, j, slice}}) == label;
      frame.pixels[at] = inside ? 1 : 0;
      frame.any = frame.any || inside;
    }
  return frame;
}

Result<void> addSourceReference(FGDerivationImage& derivation, const SourceSlice& source, const fs::path& path) {
  DerivationImageItem* item = nullptr;
  OFCondition status = derivation.addDerivationImageItem(macroOf({"113076", "DCM", "Segmentation"}), "", item);
  if (status.bad() || item == nullptr) return dcmtkError("derivation image", path, status);
  auto* sourceItem = new SourceImageItem();
  item->getSourceImageItems().push_back(sourceItem); // owned by the derivation item from here
  sourceItem->getPurposeOfReferenceCode().set("121322", "DCM", "Source image for image processing operation");
  ImageSOPInstanceReferenceMacro& reference = sourceItem->getImageSOPInstanceReference();
  status = reference.setReferencedSOPClassUID(source.sopClassUid.c_str());
  if (status.good()) status = reference.setReferencedSOPInstanceUID(source.sopInstanceUid.c_str());
  if (status.good() && source.frameNumber > 0)
    status = reference.addReferencedFrameNumber(static_cast<Uint16>(source.frameNumber));
  if (status.bad()) return dcmtkError("source image reference", path, status);
  return {};
}

Result<void> addSharedGroups(DcmSegmentation& seg, const LabelImage& labels, const fs::path& path) {
  const auto& direction = labels.GetDirection();
  std::unique_ptr<FGPlaneOrientationPatient> orientation(FGPlaneOrientationPatient::createMinimal(
      decimal(direction[0][0]).c_str(), decimal(direction[1][0]).c_str(), decimal(direction[2][0]).c_str(),
      decimal(direction[0][1]).c_str(), decimal(direction[1][1]).c_str(), decimal(direction[2][1]).c_str()));
  OFCondition status = seg.addForAllFrames(*orientation);
  FGPixelMeasures measures;
  const auto spacing = labels.GetSpacing();
  // Pixel Spacing is row spacing (between rows, ITK axis 1) first, then column spacing.
  if (status.good()) status = measures.setPixelSpacing((decimal(spacing[1]) + "\\" + decimal(spacing[0])).c_str());
  if (status.good()) status = measures.setSliceThickness(decimal(spacing[2]).c_str());
  if (status.good()) status = measures.setSpacingBetweenSlices(decimal(spacing[2]).c_str());
  if (status.good()) status = seg.addForAllFrames(measures);
  if (status.bad()) return dcmtkError("shared functional groups", path, status);
  return {};
}

Result<void> addReferencedSeries(DcmSegmentation& seg, const DicomExportContext& context, const fs::path& path) {
  auto& series = seg.getCommonInstanceReference().getReferencedSeriesItems();
  auto* item = new IODSeriesAndInstanceReferenceMacro::ReferencedSeriesItem();
  series.push_back(item);
  OFCondition status = item->setSeriesInstanceUID(context.study.seriesInstanceUid.c_str());
  std::vector<std::string> seen;
  for (const auto& slice : context.sourceSlices) {
    if (status.bad()) break;
    if (std::find(seen.begin(), seen.end(), slice.sopInstanceUid) != seen.end()) continue; // multi-frame source
    seen.push_back(slice.sopInstanceUid);
    auto* instance = new SOPInstanceReferenceMacro();
    item->getReferencedInstanceItems().push_back(instance);
    status = instance->setReferencedSOPClassUID(slice.sopClassUid.c_str());
    if (status.good()) status = instance->setReferencedSOPInstanceUID(slice.sopInstanceUid.c_str());
  }
  if (status.bad()) return dcmtkError("referenced series", path, status);
  return {};
}

Result<WrittenSegmentation> buildAndSave(const LabelImage& labels, const DicomExportContext& context, const fs::path& target,
                                         const fs::path& temporary) {
  const auto size = labels.GetLargestPossibleRegion().GetSize();
  if (size[0] > 65535 || size[1] > 65535)
    return makeError(ErrorCode::OutputFailed, "cannot write the DICOM Segmentation " + target.string() +
                                                  ": slices larger than 65535 pixels");
  IODGeneralEquipmentModule::EquipmentInfo equipment("Iliometry project", "0", context.software.name.c_str(),
                                                     context.software.version.c_str());
  ContentIdentificationMacro content("1", "ILIOPSOAS", "Psoas major and iliacus, left and right", "Iliometry");
  DcmSegmentation* raw = nullptr;
  OFCondition status = DcmSegmentation::createBinarySegmentation(raw, static_cast<Uint16>(size[1]),
                                                                 static_cast<Uint16>(size[0]), equipment, content);
  if (status.bad() || raw == nullptr) return dcmtkError("creation", target, status);
  std::unique_ptr<DcmSegmentation> seg(raw);

  WrittenSegmentation written;
  written.sopClassUid = UID_SegmentationStorage;
  written.sopInstanceUid = dicomio::newUid();
  written.seriesInstanceUid = dicomio::newUid();
  status = seg->getStudy().setStudyInstanceUID(context.study.studyInstanceUid.c_str());
  if (status.good()) status = seg->getFrameOfReference().setFrameOfReferenceUID(context.study.frameOfReferenceUid.c_str());
  if (status.good()) status = seg->getSeries().setSeriesInstanceUID(written.seriesInstanceUid.c_str());
  if (status.good()) status = seg->getSeries().setSeriesNumber(std::to_string(kSegmentationSeriesNumber).c_str());
  if (status.good()) status = seg->getSeries().setSeriesDescription("Iliopsoas segmentation (iliometry)");
  if (status.good()) status = seg->getSOPCommon().setSOPInstanceUID(written.sopInstanceUid.c_str());
  if (status.good()) status = seg->getPatient().setPatientName(context.study.patientName.c_str());
  if (status.good()) status = seg->getPatient().setPatientID(context.study.patientId.c_str());
  if (status.bad()) return dcmtkError("identifiers", target, status);

  const std::string dimensionUid = dicomio::newUid();
  status = seg->getDimensions().addDimensionIndex(DCM_ReferencedSegmentNumber, dimensionUid.c_str(),
                                                  DCM_SegmentIdentificationSequence, "ReferencedSegmentNumber");
  if (status.good())
    status = seg->getDimensions().addDimensionIndex(DCM_ImagePositionPatient, dimensionUid.c_str(), DCM_PlanePositionSequence,
                                                    "ImagePositionPatient");
  if (status.bad()) return dcmtkError("dimensions", target, status);
  if (auto shared = addSharedGroups(*seg, labels, target); !shared) return shared.error();
  if (auto referenced = addReferencedSeries(*seg, context, target); !referenced) return referenced.error();

  for (Structure structure : kStructures) {
    const LabelValue label = labelOf(structure);
    std::vector<std::pair<long, SliceFrame>> frames;
    for (long k = 0; k < static_cast<long>(size[2]); ++k) {
      SliceFrame frame = frameOf(labels, label, k);
      if (frame.any) frames.emplace_back(k, std::move(frame));
    }
    if (frames.empty()) continue; // an empty structure gets no segment (a segment needs a frame)
    const std::string trackingUid = dicomio::newUid();
    auto segment = makeSegment(structure, context, trackingUid, target);
    if (!segment) return segment.error();
    Uint16 segmentNumber = 0;
    status = seg->addSegment(segment.value(), segmentNumber);
    if (status.bad()) {
      delete segment.value();
      return dcmtkError("segment " + structureKey(structure), target, status);
    }
    written.segments.push_back({structure, segmentNumber, structureKey(structure), trackingUid});
    for (auto& [k, frame] : frames) {
      IntensityImage::PointType origin;
      labels.TransformIndexToPhysicalPoint({{0, 0, k}}, origin);
      std::unique_ptr<FGPlanePosPatient> position(
          FGPlanePosPatient::createMinimal(decimal(origin[0]).c_str(), decimal(origin[1]).c_str(), decimal(origin[2]).c_str()));
      FGFrameContent content;
      status = content.setDimensionIndexValues(segmentNumber, 0);
      if (status.good()) status = content.setDimensionIndexValues(static_cast<Uint32>(k + 1), 1);
      if (status.bad()) return dcmtkError("frame content", target, status);
      FGDerivationImage derivation;
      if (auto added = addSourceReference(derivation, context.sourceSlices[static_cast<std::size_t>(k)], target); !added)
        return added.error();
      OFVector<FGBase*> perFrame;
      perFrame.push_back(position.get());
      perFrame.push_back(&content);
      perFrame.push_back(&derivation);
      status = seg->addFrame(frame.pixels.data(), segmentNumber, perFrame);
      if (status.bad()) return dcmtkError("frame of " + structureKey(structure), target, status);
    }
  }
  if (written.segments.empty())
    return makeError(ErrorCode::OutputFailed, "cannot write the DICOM Segmentation " + target.string() +
                                                  ": no structure was segmented (a SEG needs at least one segment)");

  DcmFileFormat file;
  DcmDataset& dataset = *file.getDataset();
  status = seg->writeDataset(dataset);
  if (status.good()) status = dicomio::writeIdentity(dataset, context);
  if (status.good()) status = dicomio::writeCreationTime(dataset);
  if (status.good()) status = dataset.putAndInsertString(DCM_SegmentsOverlap, "NO");
  if (status.good()) status = dataset.putAndInsertString(DCM_BodyPartExamined, "ABDOMEN");
  if (status.good()) status = file.saveFile(temporary.c_str(), EXS_LittleEndianExplicit);
  if (status.bad()) return dcmtkError("writing", target, status);
  return written;
}

} // namespace

Result<WrittenSegmentation> writeSegmentationObject(const LabelImage& labels, const DicomExportContext& context,
                                                    const fs::path& path) {
  std::optional<Result<WrittenSegmentation>> outcome;
  auto written = writeViaTemporary(path, [&](const fs::path& temporary) -> Result<void> {
    outcome = buildAndSave(labels, context, path, temporary);
    if (!outcome->ok()) return outcome->error();
    return {};
  });
  if (!written) return written.error();
  return std::move(*outcome);
}

Result<LabelImage::Pointer> readSegmentationObject(const fs::path& path, const VolumeGeometry& grid) {
  auto invalid = [&](const std::string& what, const std::string& detail = {}) {
    return makeError(ErrorCode::InvalidSeries, "DICOM Segmentation " + path.string() + ": " + what, detail);
  };
  DcmSegmentation* raw = nullptr;
  OFCondition status = DcmSegmentation::loadFile(path.c_str(), raw);
  if (status.bad() || raw == nullptr) return invalid("cannot be read", status.text());
  std::unique_ptr<DcmSegmentation> seg(raw);
  if (seg->getSegmentationType() != DcmSegTypes::ST_BINARY) return invalid("expected a BINARY segmentation");

  auto labels = LabelImage::New();
  LabelImage::SizeType size;
  LabelImage::SpacingType spacing;
  LabelImage::PointType origin;
  LabelImage::DirectionType direction;
  for (unsigned a = 0; a < 3; ++a) {
    size[a] = grid.sizeVoxels[a];
    spacing[a] = grid.spacingMm[a];
    origin[a] = grid.originLpsMm[a];
    for (unsigned b = 0; b < 3; ++b) direction[a][b] = grid.direction[a][b];
  }
  labels->SetRegions(LabelImage::RegionType(size));
  labels->SetSpacing(spacing);
  labels->SetOrigin(origin);
  labels->SetDirection(direction);
  labels->Allocate();
  labels->FillBuffer(kBackgroundLabel);

  FGInterface& groups = seg->getFunctionalGroups();
  for (std::size_t frameIndex = 0; frameIndex < seg->getNumberOfFrames(); ++frameIndex) {
    const std::string frameName = "frame " + std::to_string(frameIndex + 1);
    OFBool perFrame = OFFalse;
    auto* segmentGroup = OFstatic_cast(FGSegmentation*, groups.get(frameIndex, DcmFGTypes::EFG_SEGMENTATION, perFrame));
    auto* positionGroup = OFstatic_cast(FGPlanePosPatient*, groups.get(frameIndex, DcmFGTypes::EFG_PLANEPOSPATIENT, perFrame));
    if (segmentGroup == nullptr || positionGroup == nullptr) return invalid(frameName + " lacks its segment or position");
    Uint16 segmentNumber = 0;
    if (segmentGroup->getReferencedSegmentNumber(segmentNumber).bad()) return invalid(frameName + " has no segment number");
    DcmSegment* segment = seg->getSegment(segmentNumber);
    if (segment == nullptr) return invalid(frameName + " refers to missing segment " + std::to_string(segmentNumber));
    OFString trackingId;
    segment->getTrackingID(trackingId);
    std::optional<LabelValue> label;
    for (Structure structure : kStructures)
      if (structureKey(structure) == trackingId.c_str()) label = labelOf(structure);
    if (!label) return invalid("segment " + std::to_string(segmentNumber) + " has an unknown Tracking ID '" +
                               std::string(trackingId.c_str()) + "'");
    Float64 x = 0.0, y = 0.0, z = 0.0;
    if (positionGroup->getImagePositionPatient(x, y, z).bad()) return invalid(frameName + " has no Image Position");
    IntensityImage::PointType position;
    position[0] = x;
    position[1] = y;
    position[2] = z;
    LabelImage::IndexType index;
    const bool inside = labels->TransformPhysicalPointToIndex(position, index);
    if (!inside || index[0] != 0 || index[1] != 0)
      return invalid(frameName + " lies at a position that is not a slice of the source grid");
    const DcmIODTypes::Frame* packed = seg->getFrame(frameIndex);
    if (packed == nullptr) return invalid(frameName + " has no pixel data");
    std::unique_ptr<DcmIODTypes::Frame> unpacked(
        DcmSegUtils::unpackBinaryFrame(packed, static_cast<Uint16>(size[1]), static_cast<Uint16>(size[0])));
    if (!unpacked || unpacked->length < size[0] * size[1]) return invalid(frameName + " does not hold rows x columns pixels");
    std::size_t at = 0;
    for (long j = 0; j < static_cast<long>(size[1]); ++j)
      for (long i = 0; i < static_cast<long>(size[0]); ++i, ++at)
        if (unpacked->pixData[at] != 0) labels->SetPixel({{i, j, index[2]}}, *label);
  }
  return labels;
}

} // namespace iliometry::report
