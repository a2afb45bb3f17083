#include "iliometry/report/PsoasMuscleIndex.h"

#include <sstream>

namespace iliometry::report {

namespace {

bool plausibleHeight(double heightM) { return heightM >= kMinPlausibleHeightM && heightM <= kMaxPlausibleHeightM; }

void appendNote(std::string& note, const std::string& text) { note += (note.empty() ? "" : "; ") + text; }

} // namespace

PsoasMuscleIndex computePsoasMuscleIndex(const MeasurementSet& measurements, const LevelSet& levels,
                                         std::optional<double> heightFromOptionM,
                                         std::optional<double> heightFromDicomM) {
  PsoasMuscleIndex index;

  const VertebralLevel* l3 = levels.find("L3");
  if (l3 == nullptr || l3->kind != LevelKind::VertebralBody) {
    appendNote(index.note, "mid-L3 level not identified: psoas muscle index not computed");
  } else if (l3->sliceIndex < 0 || l3->sliceIndex >= measurements.sliceCount) {
    appendNote(index.note, "mid-L3 slice " + std::to_string(l3->sliceIndex) + " is outside the volume (0.." +
                               std::to_string(measurements.sliceCount - 1) + "): psoas muscle index not computed");
  } else {
    index.sliceIndex = l3->sliceIndex;
    index.psoasCsaCm2 = (measurements.csaMm2({Muscle::PsoasMajor, Side::Left}, l3->sliceIndex) +
                         measurements.csaMm2({Muscle::PsoasMajor, Side::Right}, l3->sliceIndex)) /
                        kMm2PerCm2;
  }

  if (heightFromOptionM) {
    // The option is validated by the caller; a value here is the user's explicit statement.
    index.heightM = heightFromOptionM;
    index.heightSource = "option";
  } else if (heightFromDicomM && plausibleHeight(*heightFromDicomM)) {
    index.heightM = heightFromDicomM;
    index.heightSource = "dicom";
  } else if (heightFromDicomM) {
    std::ostringstream text;
    text << "DICOM Patient Size " << *heightFromDicomM << " m is implausible (expected " << kMinPlausibleHeightM
         << " to " << kMaxPlausibleHeightM << " m): height not used, pass --height-m";
    appendNote(index.note, text.str());
  } else {
    appendNote(index.note,
               "patient height unknown (no --height-m, no DICOM Patient Size): psoas muscle index not computed");
  }

  if (index.psoasCsaCm2 && index.heightM) index.valueCm2PerM2 = *index.psoasCsaCm2 / (*index.heightM * *index.heightM);
  return index;
}

} // namespace iliometry::report
