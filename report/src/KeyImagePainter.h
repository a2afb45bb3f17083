#pragma once
// Draws one key axial image (private to report/): soft-tissue window, radiological
// orientation, a coloured outline per structure and its CSA written beside it, the title,
// orientation letters and a legend. Used by report.pdf and the Secondary Capture, so both show
// exactly the same picture.
#include "iliometry/core/ImageTypes.h"
#include "iliometry/core/Measurement.h"
#include "iliometry/report/KeySlices.h"
#include "iliometry/report/VolumeGeometry.h"

#include <cairo.h>

namespace iliometry::report::drawing {

// Soft-tissue window W400/L40 (HU).
inline constexpr double kWindowWidthHu = 400.0;
inline constexpr double kWindowLevelHu = 40.0;

// Fills the rectangle (x, y, width, height), in the context's user units, with the panel.
void paintKeyImage(cairo_t* cr, double x, double y, double width, double height, const KeySlice& slice,
                   const IntensityImage& intensity, const LabelImage& labels, const MeasurementSet& measurements,
                   const VolumeGeometry& geometry);

} // namespace iliometry::report::drawing
