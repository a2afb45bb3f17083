#include "iliometry/report/PdfReport.h"

#include "CairoText.h"
#include "CsaPlotPainter.h"
#include "KeyImagePainter.h"
#include "iliometry/core/AtomicFile.h"
#include "iliometry/report/KeySlices.h"
#include "iliometry/report/StructureStyle.h"

#include <cairo-pdf.h>

#include <algorithm>
#include <cassert>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

namespace iliometry::report {

namespace {

using namespace drawing;

// A4 in PostScript points, with 40 pt margins.
constexpr double kPageWidth = 595.28, kPageHeight = 841.89;
constexpr double kMargin = 40.0;
constexpr double kContentWidth = kPageWidth - 2.0 * kMargin;
constexpr int kPageCount = 2;

const char* kDisclaimer =
    "The values come from an automatic segmentation: a qualified reader "
    "must check the outlines on the key images (what was measured) before any clinical use. The asymmetry "
    "threshold is a convention, not a validated cut-off; manual CSA tracing differs by about 16 % between "
    "readers, so an index near the threshold is uncertain.";

std::string orDash(const std::string& text) { return text.empty() ? "\u2013" : text; }

// DICOM PN "FAMILY^GIVEN" as "FAMILY, GIVEN".
std::string personName(std::string name) {
  while (!name.empty() && name.back() == '^') name.pop_back();
  if (const auto caret = name.find('^'); caret != std::string::npos) name = name.substr(0, caret) + ", " + name.substr(caret + 1);
  for (char& c : name)
    if (c == '^') c = ' ';
  return name;
}

std::string dicomDate(const std::string& yyyymmdd) {
  if (yyyymmdd.size() != 8) return orDash(yyyymmdd);
  return yyyymmdd.substr(0, 4) + "-" + yyyymmdd.substr(4, 2) + "-" + yyyymmdd.substr(6, 2);
}

std::string basisText(const std::string& basis) {
  if (basis == "volume") return "volume";
  if (basis == "max_csa") return "maximum CSA";
  return "CSA at " + basis;
}

std::string basisUnit(const std::string& basis) { return basis == "volume" ? "cm\u00b3" : "cm\u00b2"; }
double basisScale(const std::string& basis) { return basis == "volume" ? kMm3PerCm3 : kMm2PerCm2; }

const AsymmetryEntry* entryFor(const AsymmetryReport& asymmetry, Muscle muscle, const std::string& basis) {
  for (const auto& entry : asymmetry.entries)
    if (entry.muscle == muscle && entry.basis == basis) return &entry;
  return nullptr;
}

void rule(cairo_t* cr, double y, double grey = 0.7, double width = 0.6) {
  setColour(cr, grey, grey, grey);
  cairo_set_line_width(cr, width);
  cairo_move_to(cr, kMargin, y);
  cairo_line_to(cr, kPageWidth - kMargin, y);
  cairo_stroke(cr);
}

double sectionTitle(cairo_t* cr, double y, const std::string& title) {
  setFont(cr, 10.5, true);
  setColour(cr, 0.10, 0.22, 0.40);
  drawText(cr, kMargin, y, title);
  rule(cr, y + 3.5, 0.75, 0.5);
  return y + 16.0;
}

void pageHeader(cairo_t* cr, const MeasurementReport& report) {
  setColour(cr, 0.10, 0.22, 0.40);
  cairo_rectangle(cr, 0.0, 0.0, kPageWidth, 6.0);
  cairo_fill(cr);
  setFont(cr, 15.0, true);
  drawText(cr, kMargin, kMargin + 4.0, "Psoas major and iliacus: CT measurement report");
  setFont(cr, 8.0);
  setColour(cr, 0.35, 0.35, 0.35);
  drawText(cr, kPageWidth - kMargin, kMargin - 8.0,
           report.software.name + " " + report.software.version + "  \u00b7  created " + report.createdUtc, Align::Right);
  rule(cr, kMargin + 12.0, 0.10, 1.0);
}

void pageFooter(cairo_t* cr, const MeasurementReport& report, int page) {
  rule(cr, kPageHeight - kMargin + 8.0, 0.75, 0.5);
  setFont(cr, 7.0);
  setColour(cr, 0.4, 0.4, 0.4);
  drawText(cr, kMargin, kPageHeight - kMargin + 19.0,
           "Patient ID " + orDash(report.study.patientId) + "  \u00b7  Study " + dicomDate(report.study.studyDate) +
               "  \u00b7  Decision support only \u2013 verify against the images");
  drawText(cr, kPageWidth - kMargin, kPageHeight - kMargin + 19.0,
           "Page " + std::to_string(page) + " of " + std::to_string(kPageCount), Align::Right);
}

// Label/value pairs in two columns.
double identityBlock(cairo_t* cr, double y, const MeasurementReport& report) {
  const StudyInfo& s = report.study;
  std::string sexAge = orDash(s.patientSex) + " / " + orDash(s.patientAge);
  const std::vector<std::pair<std::string, std::string>> left = {
      {"Patient", orDash(personName(s.patientName))},
      {"Patient ID", orDash(s.patientId)},
      {"Sex / age", sexAge},
      {"Height", report.psoasMuscleIndex.heightM ? fixed(report.psoasMuscleIndex.heightM, 2) + " m (" +
                                                       report.psoasMuscleIndex.heightSource + ")"
                                                 : "not recorded"}};
  const std::vector<std::pair<std::string, std::string>> right = {
      {"Study", dicomDate(s.studyDate) + "  " + s.studyDescription},
      {"Accession", orDash(s.accessionNumber)},
      {"Series", modalityName(s.modality) + "  " + s.seriesDescription},
      {"Series UID", orDash(s.seriesInstanceUid)}};
  const double lineHeight = 12.0;
  auto column = [&](double x, const std::vector<std::pair<std::string, std::string>>& rows, double valueWidth) {
    double rowY = y;
    for (const auto& [label, value] : rows) {
      setFont(cr, 8.0);
      setColour(cr, 0.45, 0.45, 0.45);
      drawText(cr, x, rowY, label);
      setFont(cr, label == "Series UID" ? 6.5 : 8.5, label == "Patient");
      setColour(cr, 0.05, 0.05, 0.05);
      std::string shown = value;
      while (shown.size() > 4 && textWidth(cr, shown) > valueWidth) shown = shown.substr(0, shown.size() - 4) + "\u2026";
      drawText(cr, x + 58.0, rowY, shown);
      rowY += lineHeight;
    }
  };
  column(kMargin, left, kContentWidth / 2.0 - 70.0);
  column(kMargin + kContentWidth / 2.0, right, kContentWidth / 2.0 - 60.0);
  return y + lineHeight * 4.0 + 6.0;
}

double asymmetrySection(cairo_t* cr, double y, const MeasurementReport& report) {
  y = sectionTitle(cr, y, "Left/right asymmetry");
  const double columns[] = {kMargin, kMargin + 80.0, kMargin + 150.0, kMargin + 220.0, kMargin + 300.0, kMargin + 380.0};
  setFont(cr, 8.0, true);
  setColour(cr, 0.3, 0.3, 0.3);
  const char* headings[] = {"Muscle", "Left", "Right", "Index (L\u2212R)", "Basis", "Result"};
  for (int i = 0; i < 6; ++i) drawText(cr, columns[i], y, headings[i]);
  y += 4.0;
  rule(cr, y, 0.8, 0.4);
  y += 11.0;
  std::vector<std::string> notes;
  for (const auto& verdict : report.asymmetry.verdicts) {
    const AsymmetryEntry* entry = entryFor(report.asymmetry, verdict.muscle, verdict.basis);
    const double scale = basisScale(verdict.basis);
    setFont(cr, 9.0, true);
    setColour(cr, 0.05, 0.05, 0.05);
    drawText(cr, columns[0], y, muscleDisplayName(verdict.muscle));
    setFont(cr, 9.0);
    const std::string unit = " " + basisUnit(verdict.basis);
    drawText(cr, columns[1], y, entry ? fixed(entry->left / scale, 1) + unit : "\u2013");
    drawText(cr, columns[2], y, entry ? fixed(entry->right / scale, 1) + unit : "\u2013");
    drawText(cr, columns[3], y, verdict.indexPercent ? signedFixed(verdict.indexPercent, 1) + " %" : "\u2013");
    drawText(cr, columns[4], y, basisText(verdict.basis));
    std::string result;
    if (!verdict.indexPercent) {
      setColour(cr, 0.45, 0.45, 0.45);
      result = "no verdict";
    } else if (verdict.asymmetricHypertrophy) {
      setColour(cr, 0.75, 0.10, 0.10);
      setFont(cr, 9.0, true);
      result = "ASYMMETRIC: " + sideKey(*verdict.largerSide) + " larger";
    } else {
      setColour(cr, 0.10, 0.45, 0.15);
      result = "within threshold";
    }
    drawText(cr, columns[5], y, result);
    if (!verdict.note.empty()) notes.push_back(muscleDisplayName(verdict.muscle) + ": " + verdict.note);
    y += 13.0;
  }
  setFont(cr, 7.8);
  setColour(cr, 0.2, 0.2, 0.2);
  char rule_[512];
  const double threshold = report.asymmetry.verdicts.empty() ? report.parameters.asymmetry.thresholdPercent
                                                             : report.asymmetry.verdicts.front().thresholdPercent;
  std::snprintf(rule_, sizeof rule_,
                "Asymmetry index = (left \u2212 right) / mean(left, right) \u00d7 100 %%; positive means the left is "
                "larger. A muscle is flagged as asymmetric hypertrophy when |index| > %.1f %% on the basis shown "
                "(psoas: %s, iliacus: %s as requested; volume falls back to maximum CSA when a muscle is cut off "
                "by the scan).",
                threshold, basisText(report.parameters.asymmetry.psoasPrimaryBasis).c_str(),
                basisText(report.parameters.asymmetry.iliacusPrimaryBasis).c_str());
  y = drawWrapped(cr, kMargin, y + 2.0, kContentWidth, 10.0, rule_);
  for (const auto& note : notes) y = drawWrapped(cr, kMargin, y, kContentWidth, 10.0, "Note \u2013 " + note);
  const PsoasMuscleIndex& pmi = report.psoasMuscleIndex;
  setFont(cr, 8.5, true);
  setColour(cr, 0.05, 0.05, 0.05);
  const std::string pmiText =
      pmi.valueCm2PerM2 ? "Psoas muscle index (mid-L3): " + fixed(pmi.valueCm2PerM2, 2) + " cm\u00b2/m\u00b2  (psoas CSA " +
                              fixed(pmi.psoasCsaCm2, 1) + " cm\u00b2, height " + fixed(pmi.heightM, 2) + " m)"
                        : "Psoas muscle index: not available (" + pmi.note + ")";
  y = drawWrapped(cr, kMargin, y + 4.0, kContentWidth, 11.0, pmiText);
  return y + 4.0;
}

double keyImagesSection(cairo_t* cr, double y, const MeasurementReport& report, const IntensityImage& intensity,
                        const LabelImage& labels) {
  y = sectionTitle(cr, y, "Key images (soft-tissue window W400/L40, radiological view, CSA in cm\u00b2)");
  const KeySliceChoice choice = chooseKeySlices(report.measurements, report.levels);
  // Two panels per row, large enough to judge the outlines; the notes sit beside the last one.
  const double gap = 8.0;
  const double panelWidth = (kContentWidth - gap) / 2.0;
  const double panelHeight = std::min(panelWidth * 0.80, (kPageHeight - kMargin - 20.0 - y - gap) / 2.0);
  for (std::size_t i = 0; i < choice.slices.size(); ++i)
    paintKeyImage(cr, kMargin + static_cast<double>(i % 2) * (panelWidth + gap),
                  y + static_cast<double>(i / 2) * (panelHeight + gap), panelWidth, panelHeight, choice.slices[i],
                  intensity, labels, report.measurements, report.geometry);
  const bool besideLast = choice.slices.size() % 2 == 1;
  const double noteX = besideLast ? kMargin + panelWidth + gap + 4.0 : kMargin;
  double noteY = besideLast ? y + static_cast<double>(choice.slices.size() / 2) * (panelHeight + gap) + 10.0
                            : y + static_cast<double>((choice.slices.size() + 1) / 2) * (panelHeight + gap) + 4.0;
  const double noteWidth = besideLast ? panelWidth - 8.0 : kContentWidth;
  setFont(cr, 7.8);
  setColour(cr, 0.3, 0.3, 0.3);
  noteY = drawWrapped(cr, noteX, noteY, noteWidth, 10.0,
                      "Outlines show exactly the voxels measured; the number beside each outline is its CSA in "
                      "cm\u00b2 on that slice. Patient's right is on the image's left; anterior is up.");
  for (const auto& note : choice.notes) noteY = drawWrapped(cr, noteX, noteY, noteWidth, 10.0, note);
  return noteY;
}

double levelTable(cairo_t* cr, double y, const MeasurementReport& report) {
  y = sectionTitle(cr, y, "CSA by vertebral level (cm\u00b2, on the level's mid-slice)");
  const MeasurementSet& m = report.measurements;
  const double first = kMargin + 70.0, step = 64.0;
  setFont(cr, 7.8, true);
  setColour(cr, 0.3, 0.3, 0.3);
  drawText(cr, kMargin, y, "Level");
  int column = 0;
  for (Structure s : kStructures) drawText(cr, first + step * column++ + 40.0, y, structureShortName(s), Align::Right);
  for (Muscle muscle : kMuscles)
    drawText(cr, first + step * column++ + 40.0, y, (muscle == Muscle::PsoasMajor ? "Psoas" : "Iliacus") + std::string(" AI %"),
             Align::Right);
  y += 4.0;
  rule(cr, y, 0.8, 0.4);
  y += 10.0;
  auto row = [&](const std::string& label, auto valueOf, int decimals, bool shade, auto asymmetryOf) {
    if (shade) {
      cairo_set_source_rgb(cr, 0.95, 0.96, 0.98);
      cairo_rectangle(cr, kMargin, y - 8.0, kContentWidth, 11.0);
      cairo_fill(cr);
    }
    setFont(cr, 8.0, true);
    setColour(cr, 0.1, 0.1, 0.1);
    drawText(cr, kMargin, y, label);
    setFont(cr, 8.0);
    int c = 0;
    for (Structure s : kStructures) drawText(cr, first + step * c++ + 40.0, y, fixed(valueOf(s), decimals), Align::Right);
    for (Muscle muscle : kMuscles) drawText(cr, first + step * c++ + 40.0, y, signedFixed(asymmetryOf(muscle), 1), Align::Right);
    y += 11.0;
  };
  bool shade = false;
  for (const auto& level : report.levels.levels) {
    if (level.sliceIndex < 0 || level.sliceIndex >= m.sliceCount) continue;
    row(level.name, [&](Structure s) -> std::optional<double> { return m.csaMm2(s, level.sliceIndex) / kMm2PerCm2; }, 1,
        shade, [&](Muscle muscle) -> std::optional<double> {
          const AsymmetryEntry* e = entryFor(report.asymmetry, muscle, level.name);
          return e ? e->indexPercent : std::nullopt;
        });
    shade = !shade;
  }
  rule(cr, y - 7.0, 0.8, 0.4);
  y += 3.0;
  auto basisAsymmetry = [&](const std::string& basis) {
    return [&report, basis](Muscle muscle) -> std::optional<double> {
      const AsymmetryEntry* e = entryFor(report.asymmetry, muscle, basis);
      return e ? e->indexPercent : std::nullopt;
    };
  };
  row("Max CSA", [&](Structure s) -> std::optional<double> { return m.of(s).maxCsaMm2 / kMm2PerCm2; }, 1, false,
      basisAsymmetry("max_csa"));
  row("Volume cm\u00b3", [&](Structure s) -> std::optional<double> { return m.of(s).volumeMm3 / kMm3PerCm3; }, 1, true,
      basisAsymmetry("volume"));
  const auto noAsymmetry = [](Muscle) -> std::optional<double> { return std::nullopt; };
  row(report.pipeline == Modality::CT ? "Mean HU" : "Mean MR signal", [&](Structure s) { return m.of(s).meanIntensity; }, 0,
      false, noAsymmetry);
  if (report.fatFraction)
    row("Fat fraction %", [&](Structure s) { return report.fatFraction->of(s).volumePercent; }, 1, false, noAsymmetry);
  return y + 4.0;
}

double methodSection(cairo_t* cr, double y, const MeasurementReport& report) {
  y = sectionTitle(cr, y, "Method");
  setFont(cr, 7.8);
  setColour(cr, 0.15, 0.15, 0.15);
  char text[1024];
  std::snprintf(text, sizeof text,
                "Automatic segmentation of psoas major and iliacus on both sides (%s pipeline) by %s %s. Vertebral "
                "levels: %s (confidence %.2f). CSA on an axial slice = voxels x in-plane pixel area (%.3f mm\u00b2); "
                "the CSA at a level is taken on its mid-slice. Volume = voxels x voxel volume (%.3f mm\u00b3). Mean "
                "density over the segmented voxels. Volume %zu x %zu x %zu voxels, spacing %.2f x %.2f x %.2f mm.",
                modalityName(report.pipeline).c_str(), report.software.name.c_str(), report.software.version.c_str(),
                report.levels.method.empty() ? "not stated" : report.levels.method.c_str(), report.levels.confidence,
                report.measurements.sliceAreaMm2PerVoxel, report.measurements.voxelVolumeMm3,
                report.geometry.sizeVoxels[0], report.geometry.sizeVoxels[1], report.geometry.sizeVoxels[2],
                report.geometry.spacingMm[0], report.geometry.spacingMm[1], report.geometry.spacingMm[2]);
  return drawWrapped(cr, kMargin, y, kContentWidth, 10.0, text) + 4.0;
}

double warningsSection(cairo_t* cr, double y, const MeasurementReport& report) {
  y = sectionTitle(cr, y, "Warnings");
  setFont(cr, 7.8);
  if (report.warnings.empty()) {
    setColour(cr, 0.3, 0.3, 0.3);
    return drawWrapped(cr, kMargin, y, kContentWidth, 10.0, "None.") + 4.0;
  }
  setColour(cr, 0.55, 0.25, 0.0);
  for (const auto& warning : report.warnings)
    y = drawWrapped(cr, kMargin, y, kContentWidth, 10.0, "\u2022 " + warning.message + " (" + warning.source + ")");
  return y + 4.0;
}

void disclaimerBox(cairo_t* cr, double y) {
  const double height = 48.0;
  cairo_set_source_rgb(cr, 0.99, 0.96, 0.88);
  cairo_rectangle(cr, kMargin, y, kContentWidth, height);
  cairo_fill_preserve(cr);
  setColour(cr, 0.80, 0.60, 0.20);
  cairo_set_line_width(cr, 0.8);
  cairo_stroke(cr);
  setFont(cr, 8.0, true);
  setColour(cr, 0.35, 0.22, 0.0);
  drawText(cr, kMargin + 8.0, y + 12.0, "Decision support \u2013 not a diagnosis");
  setFont(cr, 7.5);
  drawWrapped(cr, kMargin + 8.0, y + 23.0, kContentWidth - 16.0, 9.0, kDisclaimer);
}

Result<void> renderPdf(const MeasurementReport& report, const IntensityImage& intensity, const LabelImage& labels,
                       const std::filesystem::path& path) {
  std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> surface(
      cairo_pdf_surface_create(path.c_str(), kPageWidth, kPageHeight), &cairo_surface_destroy);
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, "Psoas major and iliacus measurement report");
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR,
                                 (report.software.name + " " + report.software.version).c_str());
  std::unique_ptr<cairo_t, decltype(&cairo_destroy)> context(cairo_create(surface.get()), &cairo_destroy);
  cairo_t* cr = context.get();

  pageHeader(cr, report);
  double y = identityBlock(cr, kMargin + 30.0, report);
  y = asymmetrySection(cr, y + 6.0, report);
  keyImagesSection(cr, y + 8.0, report, intensity, labels);
  pageFooter(cr, report, 1);
  cairo_show_page(cr);

  pageHeader(cr, report);
  y = sectionTitle(cr, kMargin + 34.0, "CSA along the body axis");
  paintCsaPlot(cr, kMargin, y - 4.0, kContentWidth, 215.0, report);
  y = levelTable(cr, y + 232.0, report);
  y = methodSection(cr, y + 4.0, report);
  y = warningsSection(cr, y + 2.0, report);
  disclaimerBox(cr, std::max(y + 6.0, kPageHeight - kMargin - 56.0));
  pageFooter(cr, report, 2);
  cairo_show_page(cr);

  context.reset();
  cairo_surface_finish(surface.get());
  const cairo_status_t status = cairo_surface_status(surface.get());
  if (status != CAIRO_STATUS_SUCCESS)
    return makeError(ErrorCode::OutputFailed, "cannot write the PDF report " + path.string(),
                     cairo_status_to_string(status));
  return {};
}

} // namespace

Result<void> writePdfReport(const MeasurementReport& report, const IntensityImage& intensity, const LabelImage& labels,
                            const std::filesystem::path& path) {
  assert(sameGrid(geometryOf(intensity), report.geometry) && sameGrid(geometryOf(labels), report.geometry));
  return writeViaTemporary(path, [&](const std::filesystem::path& temporary) {
    return renderPdf(report, intensity, labels, temporary);
  });
}

} // namespace iliometry::report
