// The quicklook map: classes in their colours, outlines, numbered labels, legend; and its text,
// drawn by cairo in DejaVu Sans (any UTF-8, nothing upper-cased).
#include <catch2/catch.hpp>

#include "burdenmap/report/Base64.h"
#include "burdenmap/report/Quicklook.h"

using namespace burdenmap;
using namespace burdenmap::report;

namespace {

// A 40 × 20 map of 10 m cells from x = 1000, y = 2000 (top): left half count 0, right half 3,
// one nodata cell.
QuicklookInput sample() {
    QuicklookInput in;
    const Grid grid(1000, 2000, 10, 10, 40, 20);
    in.values = Raster<float>(grid, 0.0f);
    for (int r = 0; r < 20; ++r)
        for (int c = 20; c < 40; ++c) in.values(r, c) = 3.0f;
    in.values(0, 0) = kNoData;
    in.style = count_raster_style(1, 3, ColorRamp::yl_or_rd(), "stapeling");
    in.legend_title = "stapeling";
    return in;
}

constexpr int margin = 12;  // the map's offset in the image (Quicklook.cpp)

// The pixels of `text` drawn alone, 14 px high, on a white 160 × 24 image.
std::vector<std::uint8_t> drawn(const std::string& text) {
    Image image(160, 24, Rgb{255, 255, 255});
    image.text(2, 2, text, Rgb{0, 0, 0}, 14);
    std::vector<std::uint8_t> pixels = image.rgb();
    return pixels;
}

// How many pixels differ from white.
std::size_t inked(const std::vector<std::uint8_t>& rgb) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < rgb.size(); i += 3) n += rgb[i] != 255 || rgb[i + 1] != 255 || rgb[i + 2] != 255;
    return n;
}

}  // namespace

TEST_CASE("map text: units, lower case and accents are drawn as written", "[report][map][text]") {
    const auto micrograms = drawn("µg/m³");
    CHECK(inked(micrograms) > 20);
    CHECK(micrograms != drawn("?G/M?"));  // the bitmap font drew µ and ³ as '?' and lower case as capitals
    CHECK(drawn("Zuidoost-Beemster") != drawn("ZUIDOOST-BEEMSTER"));
    CHECK(drawn("Südwest") != drawn("Sudwest"));
    CHECK(drawn("µg/m³") == micrograms);  // deterministic: the same text, the same pixels
}

TEST_CASE("map text: antialiased, measured, and bytes that are not UTF-8 do not stop it", "[report][map][text]") {
    Image image(120, 24, Rgb{255, 255, 255});
    image.text(2, 2, "Zuidoost", Rgb{0, 0, 0}, 14);
    std::size_t grey = 0;  // edge pixels between ink and paper
    for (int y = 0; y < 24; ++y)
        for (int x = 0; x < 120; ++x) {
            const Rgb c = image.get(x, y);
            grey += c.r > 0 && c.r < 255;
        }
    CHECK(grey > 10);
    CHECK(image.text_width("Zuidoost", 14) > image.text_width("Zuid", 14));
    CHECK(image.text_width("", 14) == 0);
    CHECK(image.text_height(14) > 14);  // ascent + descent of a 14 px em
    CHECK(valid_utf8("a\xFF b") == "a\xEF\xBF\xBD b");
    CHECK(valid_utf8("µg/m³") == "µg/m³");
    CHECK(valid_utf8("\xC3") == "\xEF\xBF\xBD");  // a sequence cut short
    CHECK(inked(drawn("a\xFF b")) > inked(drawn("a")));  // drawn, with a replacement character
}

TEST_CASE("the map shows each class in its colour and nodata in grey", "[report][map]") {
    const QuicklookInput in = sample();
    const Image image = render_quicklook(in);
    CHECK(image.width() == 420);  // at least 420 wide, for the legend
    CHECK(image.height() == 20 + 2 * margin + 74);
    CHECK(image.get(margin + 5, margin + 10) == in.style.stops[0].colour);
    CHECK(image.get(margin + 30, margin + 10) == in.style.stops[3].colour);
    CHECK(image.get(margin, margin) == Rgb{236, 236, 236});
}

TEST_CASE("outlines and numbered labels are drawn where the zones are", "[report][map]") {
    QuicklookInput in = sample();
    // A zone from x 1050..1350, y 1820..1970: pixel columns 5..35, rows 3..18.
    const Polygon square{{{1050, 1820}, {1350, 1820}, {1350, 1970}, {1050, 1970}}, {}};
    in.outlines = {{square}};
    in.emphasised = {{square}};
    in.labels = {{Point{1200, 1900}, "1"}};
    const Image image = render_quicklook(in);
    // The emphasised top edge (y = 3), 2 pixels wide and on pixel edges: rows 2 and 3 fully in ink.
    CHECK(image.get(margin + 7, margin + 2) == Rgb{25, 25, 25});
    CHECK(image.get(margin + 7, margin + 3) == Rgb{25, 25, 25});
    CHECK_FALSE(image.get(margin + 7, margin + 4) == Rgb{25, 25, 25});
    // The label box is white with the number in it, centred on pixel (20, 10).
    CHECK(image.get(margin + 20 - 6, margin + 10) == Rgb{255, 255, 255});
    int ink = 0;
    for (int y = margin + 2; y < margin + 18; ++y)
        for (int x = margin + 14; x < margin + 27; ++x)
            if (image.get(x, y).r < 128) ++ink;
    CHECK(ink >= 12);  // the "1", 13 pixels high
    CHECK(ink < 40);
    CHECK(to_pixel(in.values.grid(), Point{1200, 1900}).x == Approx(20));
    CHECK(to_pixel(in.values.grid(), Point{1200, 1900}).y == Approx(10));
}

TEST_CASE("base64 as RFC 4648 gives it", "[report]") {
    const auto b = [](const std::string& s) { return base64(std::vector<std::uint8_t>(s.begin(), s.end())); };
    CHECK(b("") == "");
    CHECK(b("f") == "Zg==");
    CHECK(b("fo") == "Zm8=");
    CHECK(b("foo") == "Zm9v");
    CHECK(b("foobar") == "Zm9vYmFy");
}
