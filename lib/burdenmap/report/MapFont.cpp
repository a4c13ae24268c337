#include "burdenmap/report/MapFont.h"

#include <cairo-ft.h>
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <ft2build.h>
#include FT_FREETYPE_H

#include <filesystem>
#include <string>

#include "burdenmap/core/Errors.h"

namespace burdenmap::report {

namespace {

[[noreturn]] void missing(const std::string& what) {
    throw InputError(std::string("the map's font ") + map_font_family + " " + what + "; install the Debian package " +
                     map_font_package + " (scripts/install-deps does) and run again");
}

// The font file fontconfig gives for DejaVu Sans (regular), or an error when it gives another family.
std::string find_font_file() {
    // A configuration of our own, destroyed after the look-up: FcInit's global one is never freed.
    FcConfig* config = FcInitLoadConfigAndFonts();
    if (!config) missing("cannot be looked up (fontconfig does not start)");
    FcPattern* pattern = FcNameParse(reinterpret_cast<const FcChar8*>(map_font_family));
    FcConfigSubstitute(config, pattern, FcMatchPattern);
    FcDefaultSubstitute(pattern);
    FcResult result = FcResultNoMatch;
    FcPattern* match = FcFontMatch(config, pattern, &result);
    FcPatternDestroy(pattern);
    std::string family, file;
    FcChar8* s = nullptr;
    if (match && FcPatternGetString(match, FC_FAMILY, 0, &s) == FcResultMatch) family = reinterpret_cast<const char*>(s);
    if (match && FcPatternGetString(match, FC_FILE, 0, &s) == FcResultMatch) file = reinterpret_cast<const char*>(s);
    if (match) FcPatternDestroy(match);
    FcConfigDestroy(config);
    if (family != map_font_family)
        missing(family.empty() ? "is not installed (fontconfig finds no fonts)"
                               : "is not installed (fontconfig offers '" + family + "' instead)");
    std::error_code ec;
    if (file.empty() || !std::filesystem::is_regular_file(file, ec)) missing("file '" + file + "' is missing");
    return file;
}

cairo_font_face_t* load_font() {
    const std::string file = find_font_file();
    // Kept for the life of the program: cairo caches scaled fonts that refer to the face.
    static FT_Library library = nullptr;
    if (!library && FT_Init_FreeType(&library) != 0) missing("cannot be loaded (FreeType does not start)");
    FT_Face face = nullptr;
    if (FT_New_Face(library, file.c_str(), 0, &face) != 0) missing("file '" + file + "' cannot be read");
    cairo_font_face_t* cairo_face = cairo_ft_font_face_create_for_ft_face(face, 0);
    if (cairo_font_face_status(cairo_face) != CAIRO_STATUS_SUCCESS) missing("cannot be used by cairo");
    return cairo_face;
}

}  // namespace

cairo_font_face_t* map_font_face() {
    static cairo_font_face_t* face = load_font();
    return face;
}

void require_map_font() { map_font_face(); }

}  // namespace burdenmap::report
