#include "SeriesCatalog.h"

#include "GeometryMath.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <set>

namespace iliometry::dicom {
namespace {

constexpr double kOrientationTolerance = 1e-3; // cosine components, as scanners round them
constexpr std::size_t kMinimumSlices = 3;

bool startsWith(const std::string& s, const std::string& prefix) { return s.rfind(prefix, 0) == 0; }

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

bool isCtOrMrImageClass(const std::string& uid) {
  static const std::set<std::string> classes{
      "1.2.840.10008.5.1.4.1.1.2",   // CT Image Storage
      "1.2.840.10008.5.1.4.1.1.2.1", // Enhanced CT Image Storage
      "1.2.840.10008.5.1.4.1.1.2.2", // Legacy Converted Enhanced CT Image Storage
      "1.2.840.10008.5.1.4.1.1.4",   // MR Image Storage
      "1.2.840.10008.5.1.4.1.1.4.1", // Enhanced MR Image Storage
      "1.2.840.10008.5.1.4.1.1.4.4", // Legacy Converted Enhanced MR Image Storage
  };
  return classes.count(uid) > 0;
}

std::string nonImageKind(const std::string& sopClass, const std::string& description) {
  if (sopClass == "1.2.840.10008.5.1.4.1.1.88.67" || lower(description).find("dose") != std::string::npos)
    return "dose report";
  if (startsWith(sopClass, "1.2.840.10008.5.1.4.1.1.88.")) return "structured report";
  if (sopClass == "1.2.840.10008.5.1.4.1.1.66.4") return "segmentation";
  if (startsWith(sopClass, "1.2.840.10008.5.1.4.1.1.11.")) return "presentation state";
  if (startsWith(sopClass, "1.2.840.10008.5.1.4.1.1.7")) return "secondary capture";
  if (startsWith(sopClass, "1.2.840.10008.5.1.4.1.1.481.")) return "radiotherapy object";
  return "not a CT or MR image (SOP Class " + sopClass + ")";
}

bool hasValue(const std::string& multiValued, const std::string& wanted) {
  std::size_t start = 0;
  while (start <= multiValued.size()) {
    const std::size_t end = std::min(multiValued.find('\\', start), multiValued.size());
    std::string value = multiValued.substr(start, end - start);
    value.erase(std::remove(value.begin(), value.end(), ' '), value.end());
    if (value == wanted) return true;
    start = end + 1;
  }
  return false;
}

bool containsWord(const std::string& lowerText, const std::string& word) {
  for (std::size_t at = lowerText.find(word); at != std::string::npos; at = lowerText.find(word, at + 1)) {
    const bool startOk = at == 0 || !std::isalnum(static_cast<unsigned char>(lowerText[at - 1]));
    const std::size_t end = at + word.size();
    const bool endOk = end >= lowerText.size() || !std::isalnum(static_cast<unsigned char>(lowerText[end]));
    if (startOk && endOk) return true;
  }
  return false;
}

} // namespace

std::string dixonImageKind(const std::string& modality, const std::string& imageType, const std::string& description) {
  if (modality != "MR") return {};
  // Image Type as Siemens (DIXON\\WATER), GE (WATER) and Philips (W, F, IP, OP) write it.
  if (hasValue(imageType, "WATER") || hasValue(imageType, "W")) return "water";
  if (hasValue(imageType, "FAT") || hasValue(imageType, "F")) return "fat";
  if (hasValue(imageType, "IN_PHASE") || hasValue(imageType, "IP")) return "in-phase";
  if (hasValue(imageType, "OPP_PHASE") || hasValue(imageType, "OUT_PHASE") || hasValue(imageType, "OP")) return "opposed-phase";
  // Else the series description; "fat sat" (fat-suppressed) is not a fat image.
  std::string lower = description;
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  const bool dixon = containsWord(lower, "dixon") || containsWord(lower, "mdixon") || containsWord(lower, "ideal") ||
                     containsWord(lower, "flex");
  if (!dixon) return {};
  if (containsWord(lower, "water") || containsWord(lower, "w")) return "water";
  if ((containsWord(lower, "fat") || containsWord(lower, "f")) && !containsWord(lower, "sat")) return "fat";
  if (containsWord(lower, "opp") || lower.find("out of phase") != std::string::npos || containsWord(lower, "op"))
    return "opposed-phase";
  return "in-phase";
}

namespace {

bool sameOrientation(const std::optional<std::array<double, 6>>& a, const std::optional<std::array<double, 6>>& b) {
  if (a.has_value() != b.has_value()) return false;
  if (!a) return true;
  for (std::size_t i = 0; i < 6; ++i)
    if (std::abs((*a)[i] - (*b)[i]) > kOrientationTolerance) return false;
  return true;
}

bool belongsTo(const SeriesGroup& group, const DicomHeader& header, const FrameHeader& frame) {
  const FrameRef& first = group.frames.front();
  return first.header->info.seriesInstanceUid == header.info.seriesInstanceUid &&
         first.header->sopClassUid == header.sopClassUid && first.header->pixels.rows == header.pixels.rows &&
         first.header->pixels.columns == header.pixels.columns &&
         sameOrientation(first.frame->orientation, frame.orientation);
}

void judge(SeriesGroup& group) {
  const DicomHeader& first = *group.frames.front().header;
  SeriesSummary& s = group.summary;
  auto reject = [&](Rejection why, std::string reason) {
    group.rejection = why;
    s.notCandidateReason = std::move(reason);
  };
  const std::string descriptionLower = lower(first.seriesDescription);
  if (s.modality != "CT" && s.modality != "MR") {
    reject(Rejection::Modality,
           "modality " + (s.modality.empty() ? std::string("(none)") : s.modality) + " (only CT and MR are measured)");
  } else if (!isCtOrMrImageClass(first.sopClassUid)) {
    reject(Rejection::NotImage, nonImageKind(first.sopClassUid, first.seriesDescription));
  } else if (!first.hasPixelData) {
    reject(Rejection::NoPixels, "no pixel data");
  } else if (hasValue(first.imageType, "LOCALIZER") || descriptionLower.find("scout") != std::string::npos ||
             descriptionLower.find("topogram") != std::string::npos ||
             descriptionLower.find("localizer") != std::string::npos) {
    reject(Rejection::Localizer, "localizer");
  } else if (first.pixels.samplesPerPixel != 1 || !startsWith(first.pixels.photometric, "MONOCHROME")) {
    reject(Rejection::NotGreyscale, "not a greyscale image (" + first.pixels.photometric + ")");
  } else if (first.pixels.rows == 0 || first.pixels.columns == 0 ||
             (first.pixels.bitsAllocated != 8 && first.pixels.bitsAllocated != 16) || first.pixels.bitsStored == 0 ||
             first.pixels.bitsStored > first.pixels.bitsAllocated ||
             first.pixels.highBit >= first.pixels.bitsAllocated) {
    reject(Rejection::PixelFormat, "unsupported pixel format (" + std::to_string(first.pixels.rows) + " rows, " +
                                       std::to_string(first.pixels.columns) + " columns, " +
                                       std::to_string(first.pixels.bitsAllocated) + " bits allocated, " +
                                       std::to_string(first.pixels.bitsStored) + " bits stored)");
  } else if (std::any_of(group.frames.begin(), group.frames.end(), [](const FrameRef& f) {
               return !f.frame->positionMm || !f.frame->orientation || !f.frame->pixelSpacingMm;
             })) {
    reject(Rejection::NoGeometry, "no image position, orientation or pixel spacing");
  } else if (group.frames.size() < kMinimumSlices) {
    reject(Rejection::TooFewImages,
           group.frames.size() == 1 ? "single image" : "only " + std::to_string(group.frames.size()) + " images");
  } else if (s.orientation.rfind("axial", 0) != 0) {
    reject(Rejection::NotAxial, "not axial (" + s.orientation + ")");
  }
  s.isVolumeCandidate = group.rejection == Rejection::None;
}

// Better first: longer coverage (to the millimetre), then more slices, then a stable order.
// The image the MR pipeline reads best: anything but a Dixon water, fat or opposed-phase image
// (those are paired with the chosen series instead).
int dixonRank(const SeriesSummary& s) {
  if (s.dixonImage == "water") return 2;
  if (s.dixonImage == "fat") return 3;
  if (s.dixonImage == "opposed-phase") return 1;
  return 0;
}

bool better(const SeriesGroup& a, const SeriesGroup& b) {
  if (dixonRank(a.summary) != dixonRank(b.summary)) return dixonRank(a.summary) < dixonRank(b.summary);
  const long coverageA = std::lround(a.coverageMm), coverageB = std::lround(b.coverageMm);
  if (coverageA != coverageB) return coverageA > coverageB;
  if (a.frames.size() != b.frames.size()) return a.frames.size() > b.frames.size();
  if (a.summary.seriesInstanceUid != b.summary.seriesInstanceUid)
    return a.summary.seriesInstanceUid < b.summary.seriesInstanceUid;
  return a.summary.partNumber < b.summary.partNumber;
}

} // namespace

std::string SeriesGroup::label() const {
  std::string text = "series " + summary.seriesInstanceUid;
  if (summary.partNumber > 0) text += " (part " + std::to_string(summary.partNumber) + ")";
  return text;
}

std::string orientationLabel(const std::array<double, 6>& orientation) {
  const Vec3 normal = sliceNormal(orientation);
  const double ax = std::abs(normal[0]), ay = std::abs(normal[1]), az = std::abs(normal[2]);
  const double largest = std::max({ax, ay, az});
  std::string label = largest == az ? "axial" : largest == ay ? "coronal" : "sagittal";
  if (largest < 0.95) label += " oblique";
  return label;
}

std::vector<SeriesGroup> groupIntoSeries(const std::vector<DicomHeader>& headers) {
  std::vector<SeriesGroup> groups;
  for (const DicomHeader& header : headers) {
    if (header.info.seriesInstanceUid.empty()) continue; // not a series member; skipped by the caller
    for (const FrameHeader& frame : header.frames) {
      auto found =
          std::find_if(groups.begin(), groups.end(), [&](const SeriesGroup& g) { return belongsTo(g, header, frame); });
      if (found == groups.end()) {
        groups.emplace_back();
        found = std::prev(groups.end());
      }
      found->frames.push_back(FrameRef{&header, &frame});
    }
  }
  std::map<std::string, int> partsPerSeries;
  for (const SeriesGroup& g : groups)
    ++partsPerSeries[g.frames.front().header->info.seriesInstanceUid];
  std::map<std::string, int> nextPart;
  for (SeriesGroup& g : groups) {
    const DicomHeader& first = *g.frames.front().header;
    SeriesSummary& s = g.summary;
    s.seriesInstanceUid = first.info.seriesInstanceUid;
    s.modality = first.modality;
    s.seriesDescription = first.seriesDescription;
    s.sopClassUid = first.sopClassUid;
    s.dixonImage = dixonImageKind(first.modality, first.imageType, first.seriesDescription);
    std::set<std::string> files;
    for (const FrameRef& f : g.frames)
      files.insert(f.header->file.string());
    s.imageCount = g.frames.size();
    s.fileCount = files.size();
    s.sizeVoxels = {first.pixels.columns, first.pixels.rows, static_cast<unsigned>(g.frames.size())};
    if (partsPerSeries[s.seriesInstanceUid] > 1) s.partNumber = ++nextPart[s.seriesInstanceUid];
    if (const auto& orientation = g.frames.front().frame->orientation) {
      s.orientation = orientationLabel(*orientation);
      const Vec3 normal = sliceNormal(*orientation);
      double lo = 0.0, hi = 0.0;
      bool firstPosition = true;
      for (const FrameRef& f : g.frames) {
        if (!f.frame->positionMm) continue;
        const double d = dot(*f.frame->positionMm, normal);
        lo = firstPosition ? d : std::min(lo, d);
        hi = firstPosition ? d : std::max(hi, d);
        firstPosition = false;
      }
      g.coverageMm = hi - lo;
    }
    judge(g);
  }
  return groups;
}

Result<std::size_t> chooseSeries(const std::vector<SeriesGroup>& groups, const std::string& seriesInstanceUid) {
  if (!seriesInstanceUid.empty()) {
    std::optional<std::size_t> best;
    bool anyWithUid = false;
    for (std::size_t i = 0; i < groups.size(); ++i) {
      const SeriesGroup& g = groups[i];
      if (g.summary.seriesInstanceUid != seriesInstanceUid) continue;
      anyWithUid = true;
      // On request, a non-axial stack is loaded too; everything else stays refused.
      const bool loadable = g.rejection == Rejection::None || g.rejection == Rejection::NotAxial;
      if (loadable && (!best || better(g, groups[*best]))) best = i;
    }
    if (!anyWithUid)
      return makeError(ErrorCode::InvalidArgument,
                       "no series with Series Instance UID " + seriesInstanceUid + " in the input");
    if (best) return *best;
    for (const SeriesGroup& g : groups)
      if (g.summary.seriesInstanceUid == seriesInstanceUid)
        return makeError(g.rejection == Rejection::Modality ? ErrorCode::UnsupportedModality : ErrorCode::NoImageSeries,
                         g.label() + " cannot be loaded as a volume: " + g.summary.notCandidateReason);
  }
  std::optional<std::size_t> best;
  for (std::size_t i = 0; i < groups.size(); ++i)
    if (groups[i].rejection == Rejection::None && (!best || better(groups[i], groups[*best]))) best = i;
  if (best) return *best;
  if (groups.empty()) return makeError(ErrorCode::NoImageSeries, "no DICOM series found");
  const bool onlyOtherModalities = std::all_of(groups.begin(), groups.end(),
                                               [](const SeriesGroup& g) { return g.rejection == Rejection::Modality; });
  std::string found;
  for (const SeriesGroup& g : groups)
    found += (found.empty() ? "" : "; ") + g.label() + ": " + g.summary.notCandidateReason;
  if (onlyOtherModalities)
    return makeError(ErrorCode::UnsupportedModality, "no CT or MR series found (expected CT or MR)", found);
  const bool onlyReformats = std::all_of(groups.begin(), groups.end(), [](const SeriesGroup& g) {
    return g.rejection == Rejection::NotAxial || g.rejection == Rejection::Modality || g.rejection == Rejection::NotImage;
  });
  if (onlyReformats)
    return makeError(ErrorCode::NoImageSeries,
                     "only coronal/sagittal stacks found; the muscles are measured on axial slices, so an axial series "
                     "is needed (CT, or MR T1, T2 or Dixon)",
                     found);
  return makeError(ErrorCode::NoImageSeries, "no axial CT or MR image stack found", found);
}

} // namespace iliometry::dicom
