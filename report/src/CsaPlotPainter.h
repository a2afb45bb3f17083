#pragma once
// Draws the CSA of the four structures along the body axis (private to report/), with the
// vertebral levels marked, into a rectangle of a cairo context.
#include "iliometry/report/MeasurementReport.h"

#include <cairo.h>

namespace iliometry::report::drawing {

void paintCsaPlot(cairo_t* cr, double x, double y, double width, double height, const MeasurementReport& report);

} // namespace iliometry::report::drawing
