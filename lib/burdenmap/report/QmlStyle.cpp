#include "burdenmap/report/QmlStyle.h"

#include "burdenmap/core/EnumNames.h"
#include "burdenmap/report/Xml.h"

namespace burdenmap::report {

namespace {

// The QGIS version we write for; QGIS reads styles of older versions, so this also opens in
// every later release.
constexpr const char* qgis_version = "3.22.16-Białowieża";
constexpr const char* outline = "80,80,80,255";  // dark grey: visible on every class colour

std::string option(const std::string& name, const std::string& value) {
    return "          <Option type=\"QString\" name=\"" + name + "\" value=\"" + xml_escape(value) + "\"/>\n";
}

std::string header(const std::string& categories) {
    return std::string("<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n<qgis version=\"") + qgis_version +
           "\" styleCategories=\"" + categories + "\">\n";
}

std::string fill_symbol(const std::string& name, const Rgb& colour) {
    return "      <symbol type=\"fill\" name=\"" + name +
           "\" alpha=\"1\" clip_to_extent=\"1\" force_rhr=\"0\">\n"
           "        <layer class=\"SimpleFill\" enabled=\"1\" locked=\"0\" pass=\"0\">\n"
           "         <Option type=\"Map\">\n" +
           option("color", colour.qgis()) + option("joinstyle", "bevel") + option("outline_color", outline) +
           option("outline_style", "solid") + option("outline_width", "0.26") + option("outline_width_unit", "MM") +
           option("style", "solid") +
           "         </Option>\n"
           "        </layer>\n"
           "      </symbol>\n";
}

std::string marker_symbol(const std::string& name, const Rgb& colour) {
    return "      <symbol type=\"marker\" name=\"" + name +
           "\" alpha=\"1\" clip_to_extent=\"1\" force_rhr=\"0\">\n"
           "        <layer class=\"SimpleMarker\" enabled=\"1\" locked=\"0\" pass=\"0\">\n"
           "         <Option type=\"Map\">\n" +
           option("color", colour.qgis()) + option("name", "circle") + option("outline_color", "35,35,35,255") +
           option("outline_style", "solid") + option("outline_width", "0.4") + option("outline_width_unit", "MM") +
           option("scale_method", "diameter") + option("size", "3.6") + option("size_unit", "MM") +
           "         </Option>\n"
           "        </layer>\n"
           "      </symbol>\n";
}

std::string symbol(SymbolKind kind, const std::string& name, const Rgb& colour) {
    return kind == SymbolKind::fill ? fill_symbol(name, colour) : marker_symbol(name, colour);
}

// QGIS's names of its classification methods (QgsClassificationMethod ids).
constexpr EnumName<ClassMethod> kClassMethodIds[] = {
    {ClassMethod::quantile, "Quantile"}, {ClassMethod::equal_interval, "EqualInterval"}, {ClassMethod::fixed, "Fixed"}};

const char* method_id(ClassMethod m) { return enum_name(kClassMethodIds, m, "Fixed"); }

// The vector layer's trailer: geometry type 2 = polygon, 0 = point (QgsWkbTypes::GeometryType).
std::string vector_trailer(SymbolKind kind) {
    return std::string("  <blendMode>0</blendMode>\n  <featureBlendMode>0</featureBlendMode>\n  <layerGeometryType>") +
           (kind == SymbolKind::fill ? "2" : "0") + "</layerGeometryType>\n</qgis>\n";
}

}  // namespace

std::string graduated_polygon_qml(const std::string& column, const std::vector<GraduatedClass>& classes,
                                  ClassMethod method) {
    std::string ranges, symbols;
    for (std::size_t i = 0; i < classes.size(); ++i) {
        const GraduatedClass& c = classes[i];
        const std::string name = std::to_string(i);
        ranges += "      <range render=\"true\" symbol=\"" + name + "\" lower=\"" + xml_number(c.lower) + "\" upper=\"" +
                  xml_number(c.upper) + "\" label=\"" + xml_escape(c.label) + "\"/>\n";
        symbols += symbol(SymbolKind::fill, name, c.colour);
    }
    const Rgb source = classes.empty() ? Rgb{200, 200, 200} : classes.front().colour;
    return header("Symbology") + "  <renderer-v2 type=\"graduatedSymbol\" attr=\"" + xml_escape(column) +
           "\" graduatedMethod=\"GraduatedColor\" symbollevels=\"0\" forceraster=\"0\" enableorderby=\"0\">\n"
           "    <ranges>\n" + ranges + "    </ranges>\n    <symbols>\n" + symbols +
           "    </symbols>\n    <source-symbol>\n" + symbol(SymbolKind::fill, "0", source) +
           "    </source-symbol>\n"
           "    <classificationMethod id=\"" + method_id(method) + "\">\n"
           "      <symmetricMode enabled=\"0\" symmetrypoint=\"0\" astride=\"0\"/>\n"
           "      <labelFormat format=\"%1 – %2\" labelprecision=\"3\" trimtrailingzeroes=\"1\"/>\n"
           "    </classificationMethod>\n"
           "    <rotation/>\n    <sizescale/>\n  </renderer-v2>\n" +
           vector_trailer(SymbolKind::fill);
}

std::string categorized_qml(const std::string& column, const std::vector<Category>& categories, SymbolKind kind) {
    std::string cats, symbols;
    for (std::size_t i = 0; i < categories.size(); ++i) {
        const Category& c = categories[i];
        const std::string name = std::to_string(i);
        cats += "      <category render=\"true\" symbol=\"" + name + "\" value=\"" + xml_escape(c.value) + "\" label=\"" +
                xml_escape(c.label) + "\"/>\n";
        symbols += symbol(kind, name, c.colour);
    }
    return header("Symbology") + "  <renderer-v2 type=\"categorizedSymbol\" attr=\"" + xml_escape(column) +
           "\" symbollevels=\"0\" forceraster=\"0\" enableorderby=\"0\">\n"
           "    <categories>\n" + cats + "    </categories>\n    <symbols>\n" + symbols +
           "    </symbols>\n    <source-symbol>\n" + symbol(kind, "0", Rgb{200, 200, 200}) +
           "    </source-symbol>\n    <rotation/>\n    <sizescale/>\n  </renderer-v2>\n" + vector_trailer(kind);
}

std::string raster_pseudocolor_qml(const RasterStyle& style) {
    std::string items;
    for (const RasterStop& s : style.stops)
        items += "          <item alpha=\"255\" value=\"" + xml_number(s.value) + "\" label=\"" + xml_escape(s.label) +
                 "\" color=\"" + s.colour.hex() + "\"/>\n";
    const std::string min = xml_number(style.min()), max = xml_number(style.max());
    // classificationMode: QgsColorRampShader's 1 = continuous, 2 = equal interval (one class per
    // count). <limits>None</limits>: the min/max below are the user's, so QGIS computes no statistics to
    // draw the layer. A DISCRETE item colours the values up to and including its own.
    return header("Symbology") +
           "  <pipe>\n"
           "    <rasterrenderer type=\"singlebandpseudocolor\" band=\"" + std::to_string(style.band) +
           "\" opacity=\"1\" alphaBand=\"-1\" classificationMin=\"" + min + "\" classificationMax=\"" + max +
           "\" nodataColor=\"\">\n"
           "      <rasterTransparency/>\n"
           "      <minMaxOrigin>\n"
           "        <limits>None</limits>\n"
           "        <extent>WholeRaster</extent>\n"
           "        <statAccuracy>Exact</statAccuracy>\n"
           "        <cumulativeCutLower>0.02</cumulativeCutLower>\n"
           "        <cumulativeCutUpper>0.98</cumulativeCutUpper>\n"
           "        <stdDevFactor>2</stdDevFactor>\n"
           "      </minMaxOrigin>\n"
           "      <rastershader>\n"
           "        <colorrampshader colorRampType=\"" + (style.discrete ? "DISCRETE" : "INTERPOLATED") +
           "\" classificationMode=\"" + (style.discrete ? "2" : "1") + "\" clip=\"0\" minimumValue=\"" + min +
           "\" maximumValue=\"" + max + "\" labelPrecision=\"" + (style.discrete ? "0" : "3") + "\">\n" + items +
           "        </colorrampshader>\n"
           "      </rastershader>\n"
           "    </rasterrenderer>\n"
           "    <brightnesscontrast brightness=\"0\" contrast=\"0\" gamma=\"1\"/>\n"
           "    <huesaturation saturation=\"0\" grayscaleMode=\"0\" colorizeOn=\"0\" colorizeRed=\"255\" "
           "colorizeGreen=\"128\" colorizeBlue=\"128\" colorizeStrength=\"100\"/>\n"
           "    <rasterresampler maxOversampling=\"2\"/>\n"
           "    <resamplingStage>resamplingFilter</resamplingStage>\n"
           "  </pipe>\n"
           "  <blendMode>0</blendMode>\n"
           "</qgis>\n";
}

}  // namespace burdenmap::report
