#pragma once
// Small text and number helpers for the cairo painters (private to report/).
#include <cairo.h>

#include <optional>
#include <string>

namespace iliometry::report::drawing {

enum class Align { Left, Centre, Right };

// DejaVu Sans (Debian's default fonts-dejavu-core), regular or bold, `sizePt` in user units.
void setFont(cairo_t* cr, double sizePt, bool bold = false);
double textWidth(cairo_t* cr, const std::string& text);
// Draws `text` with its baseline at y, aligned at x.
void drawText(cairo_t* cr, double x, double y, const std::string& text, Align align = Align::Left);
// Splits `text` at spaces into lines no wider than `width`; draws them from baseline y with
// `lineHeight`; returns the baseline after the last line.
double drawWrapped(cairo_t* cr, double x, double y, double width, double lineHeight, const std::string& text);
void setColour(cairo_t* cr, double red, double green, double blue);

// Fixed-point text: "12.3"; "–" for a missing value.
std::string fixed(std::optional<double> value, int decimals);
std::string signedFixed(std::optional<double> value, int decimals); // "+4.2"

} // namespace iliometry::report::drawing
