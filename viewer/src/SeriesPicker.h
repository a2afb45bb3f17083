#pragma once
// Asks which series to open when an input holds several measurable volumes.
#include "iliometry/dicom/InputLoader.h"

#include <optional>
#include <string>
#include <vector>

class QWidget;

namespace iliometry::viewer {

// The Series Instance UID the user picked (the loader's choice preselected); nullopt on cancel.
std::optional<std::string> pickSeries(QWidget* parent, const std::vector<dicom::SeriesSummary>& series,
                                      const std::string& preselectedUid);

// How many of `series` can be measured (axial CT/MR volumes).
int measurableSeriesCount(const std::vector<dicom::SeriesSummary>& series);

} // namespace iliometry::viewer
