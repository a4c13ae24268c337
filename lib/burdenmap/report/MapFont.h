#pragma once
// The font of the quicklook map: DejaVu Sans (Debian fonts-dejavu-core), found by its fontconfig
// name and loaded from its file with FreeType. Only that font: a fallback to whatever fontconfig
// offers instead would draw other shapes on another machine (or boxes for µ and ³), so a missing
// DejaVu Sans is an error naming the package, checked before a report starts.
typedef struct _cairo_font_face cairo_font_face_t;

namespace burdenmap::report {

constexpr const char* map_font_family = "DejaVu Sans";
constexpr const char* map_font_package = "fonts-dejavu-core";

// Throws InputError when fontconfig does not find DejaVu Sans or its file is missing.
void require_map_font();

// The loaded font for cairo (loaded once; lives until the program ends). Throws as above.
cairo_font_face_t* map_font_face();

}  // namespace burdenmap::report
