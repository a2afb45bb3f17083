#pragma once
// seg.dcm: a binary DICOM Segmentation (DCMTK dcmseg) of the four structures, one segment per
// structure and side, with anatomy and laterality coded (docs/reports.md), one frame per
// non-empty slice of a segment, each frame referencing the source image it was derived from.
// Reading it back onto the source grid gives labels.nii.gz voxel for voxel.
#include "iliometry/core/Anatomy.h"
#include "iliometry/core/ImageTypes.h"
#include "iliometry/core/Result.h"
#include "iliometry/report/DicomExport.h"
#include "iliometry/report/VolumeGeometry.h"

#include <filesystem>
#include <string>
#include <vector>

namespace iliometry::report {

struct SegmentReference {
  Structure structure{Muscle::PsoasMajor, Side::Left};
  unsigned segmentNumber = 0;   // 1-based, as in the SEG
  std::string trackingId;       // structureKey, e.g. "psoas_major_left"
  std::string trackingUid;
};

struct WrittenSegmentation {
  std::string sopClassUid, sopInstanceUid, seriesInstanceUid;
  std::vector<SegmentReference> segments; // empty structures have no segment
};

// `labels` is on the source grid (one slice per context.sourceSlices entry; asserted after
// requireDicomSource). Written atomically; OutputFailed names the path.
Result<WrittenSegmentation> writeSegmentationObject(const LabelImage& labels, const DicomExportContext& context,
                                                    const std::filesystem::path& path);

// The label map a SEG written by writeSegmentationObject encodes, on `grid` (the source's):
// each frame is placed by its Image Position (Patient), each segment mapped to its label value
// by its Tracking ID. InvalidSeries names the file and what does not fit.
Result<LabelImage::Pointer> readSegmentationObject(const std::filesystem::path& path, const VolumeGeometry& grid);

} // namespace iliometry::report
