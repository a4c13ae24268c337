// The quicklook map drawn in pure code: classes in their colours, outlines, numbered labels,
// legend; and the bitmap font.
#include <catch2/catch.hpp>

#include "burdenmap/report/Base64.h"
#include "burdenmap/report/BitmapFont.h"
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

}  // namespace

TEST_CASE("text width counts characters, not bytes", "[report][map]") {
    CHECK(text_width("12") == 11);  // 2 glyphs: 2 · 6 − 1
    CHECK(text_width("12", 2) == 22);
    CHECK(text_width("µg") == 11);  // µ is two bytes, one glyph
    CHECK(text_width("") == 0);
}

TEST_CASE("the font draws ink inside the glyph box only", "[report][map]") {
    Image image(20, 10, Rgb{255, 255, 255});
    draw_text(image, 1, 1, "1", Rgb{0, 0, 0});
    int ink = 0;
    for (int y = 0; y < 10; ++y)
        for (int x = 0; x < 20; ++x)
            if (image.get(x, y) == Rgb{0, 0, 0}) {
                ++ink;
                CHECK(x >= 1);
                CHECK(x < 1 + glyph_width);
                CHECK(y >= 1);
                CHECK(y < 1 + glyph_height);
            }
    CHECK(ink == 10);  // "1": ..#.. .##.. ..#.. ..#.. ..#.. ..#.. .###. → 1+2+1+1+1+1+3
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
    CHECK(image.get(margin + 7, margin + 3) == Rgb{25, 25, 25});  // the emphasised top edge, in ink
    CHECK(image.get(margin + 7, margin + 4) == Rgb{25, 25, 25});  // 2 pixels wide
    // The label box is white with ink inside, centred on pixel (20, 10).
    CHECK(image.get(margin + 20 - 8, margin + 10) == Rgb{255, 255, 255});
    int ink = 0;
    for (int y = margin + 2; y < margin + 18; ++y)
        for (int x = margin + 14; x < margin + 27; ++x)
            if (image.get(x, y) == Rgb{25, 25, 25}) ++ink;
    CHECK(ink >= 40);  // the "1" at scale 2 (10 · 4 pixels) and the box's border
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
