#include "CairoText.h"

#include <cstdio>
#include <sstream>
#include <vector>

namespace iliometry::report::drawing {

void setFont(cairo_t* cr, double sizePt, bool bold) {
  cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL,
                         bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, sizePt);
}

double textWidth(cairo_t* cr, const std::string& text) {
  cairo_text_extents_t extents;
  cairo_text_extents(cr, text.c_str(), &extents);
  return extents.x_advance;
}

void drawText(cairo_t* cr, double x, double y, const std::string& text, Align align) {
  const double width = textWidth(cr, text);
  const double left = align == Align::Left ? x : align == Align::Centre ? x - width / 2.0 : x - width;
  cairo_move_to(cr, left, y);
  cairo_show_text(cr, text.c_str());
}

double drawWrapped(cairo_t* cr, double x, double y, double width, double lineHeight, const std::string& text) {
  std::istringstream words(text);
  std::string word, line;
  while (words >> word) {
    const std::string candidate = line.empty() ? word : line + " " + word;
    if (!line.empty() && textWidth(cr, candidate) > width) {
      drawText(cr, x, y, line);
      y += lineHeight;
      line = word;
    } else {
      line = candidate;
    }
  }
  if (!line.empty()) {
    drawText(cr, x, y, line);
    y += lineHeight;
  }
  return y;
}

void setColour(cairo_t* cr, double red, double green, double blue) { cairo_set_source_rgb(cr, red, green, blue); }

std::string fixed(std::optional<double> value, int decimals) {
  if (!value) return "\u2013";
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", decimals, *value);
  return text;
}

std::string signedFixed(std::optional<double> value, int decimals) {
  if (!value) return "\u2013";
  char text[64];
  std::snprintf(text, sizeof text, "%+.*f", decimals, *value);
  return text;
}

} // namespace iliometry::report::drawing
