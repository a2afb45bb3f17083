#include "DicomSeriesLoader.h"

#include "ParallelFor.h"
#include "PixelDecoder.h"
#include "SliceStack.h"

#include <algorithm>
#include <cstring>
#include <map>
#include <optional>

namespace iliometry::dicom {
namespace {

constexpr std::size_t kMaxVoxels = std::size_t{1} << 31; // 8 GiB of float: beyond any CT/MR we measure
constexpr std::size_t kMaxListedSkippedFiles = 20;

struct FileJob {
  const DicomHeader* header = nullptr;
  std::vector<FrameTarget> targets;
};

} // namespace

Result<Volume> loadDicomVolume(const SeriesGroup& group, const std::vector<std::string>& skippedFiles) {
  auto planned = planStack(group, skippedFiles);
  if (!planned) return planned.error();
  StackPlan& plan = planned.value();

  const DicomHeader& first = *plan.slices.front().header;
  const std::size_t columns = first.pixels.columns, rows = first.pixels.rows, sliceCount = plan.slices.size();
  const std::size_t pixelsPerSlice = columns * rows;
  if (pixelsPerSlice * sliceCount > kMaxVoxels)
    return makeError(ErrorCode::InvalidSeries, group.label() + ": " + std::to_string(columns) + " x " +
                                                   std::to_string(rows) + " x " + std::to_string(sliceCount) +
                                                   " voxels is larger than supported");

  auto image = IntensityImage::New();
  IntensityImage::RegionType region;
  region.SetSize({columns, rows, sliceCount});
  image->SetRegions(region);
  IntensityImage::SpacingType spacing;
  IntensityImage::PointType origin;
  IntensityImage::DirectionType direction;
  for (unsigned r = 0; r < 3; ++r) {
    spacing[r] = plan.spacingMm[r];
    origin[r] = plan.originMm[r];
    for (unsigned c = 0; c < 3; ++c)
      direction(r, c) = plan.direction[r * 3 + c];
  }
  image->SetSpacing(spacing);
  image->SetOrigin(origin);
  image->SetDirection(direction);
  image->Allocate();
  float* voxels = image->GetBufferPointer();

  // Frames of one file are decoded together so a multi-frame object is read once.
  std::vector<std::vector<float>> duplicatePixels(plan.duplicates.size(), std::vector<float>(pixelsPerSlice));
  std::map<std::string, FileJob> jobsByFile;
  for (std::size_t k = 0; k < sliceCount; ++k) {
    FileJob& job = jobsByFile[plan.slices[k].header->file.string()];
    job.header = plan.slices[k].header;
    job.targets.push_back({plan.slices[k].frame, voxels + k * pixelsPerSlice});
  }
  for (std::size_t d = 0; d < plan.duplicates.size(); ++d) {
    FileJob& job = jobsByFile[plan.duplicates[d].second.header->file.string()];
    job.header = plan.duplicates[d].second.header;
    job.targets.push_back({plan.duplicates[d].second.frame, duplicatePixels[d].data()});
  }
  std::vector<FileJob> jobs;
  jobs.reserve(jobsByFile.size());
  for (auto& [file, job] : jobsByFile)
    jobs.push_back(std::move(job));

  const bool invertMonochrome1 = first.info.modality != Modality::CT;
  std::vector<std::optional<Error>> failures(jobs.size());
  parallelFor(jobs.size(), [&](std::size_t i) {
    auto decoded = decodeFrames(*jobs[i].header, jobs[i].targets, invertMonochrome1);
    if (!decoded) failures[i] = decoded.error();
  });
  for (const auto& failure : failures)
    if (failure) return makeError(failure->code, group.label() + ": " + failure->message, failure->detail);

  Volume volume;
  for (std::size_t d = 0; d < plan.duplicates.size(); ++d) {
    const auto& [index, ref] = plan.duplicates[d];
    const float* kept = voxels + index * pixelsPerSlice;
    if (!std::equal(kept, kept + pixelsPerSlice, duplicatePixels[d].begin()))
      return makeError(ErrorCode::InvalidSeries, group.label() + ": two different images at the same position (" +
                                                     plan.slices[index].header->file.string() + " and " +
                                                     ref.header->file.string() + "); expected one image per position");
    volume.warnings.push_back(group.label() + ": " + ref.header->file.string() + " repeats the image of " +
                              plan.slices[index].header->file.string() + " at the same position; kept one");
  }

  volume.image = image;
  volume.info = first.info;
  volume.info.sourcePath = first.file.parent_path().string();
  for (const FrameRef& ref : plan.slices)
    volume.slices.push_back(
        {ref.header->file.string(), ref.header->sopInstanceUid, ref.header->sopClassUid, ref.frame->frameNumber});
  for (std::string& warning : plan.warnings)
    volume.warnings.push_back(std::move(warning));
  for (std::size_t i = 0; i < skippedFiles.size() && i < kMaxListedSkippedFiles; ++i)
    volume.warnings.push_back("skipped " + skippedFiles[i]);
  if (skippedFiles.size() > kMaxListedSkippedFiles)
    volume.warnings.push_back("skipped " + std::to_string(skippedFiles.size() - kMaxListedSkippedFiles) +
                              " more unreadable files");
  return volume;
}

} // namespace iliometry::dicom
