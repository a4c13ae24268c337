#include "burdenmap/report/SldStyle.h"

#include "burdenmap/report/Xml.h"

namespace burdenmap::report {

namespace {

std::string document(const std::string& layer, const std::string& rules) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
           "<StyledLayerDescriptor xmlns=\"http://www.opengis.net/sld\" xmlns:ogc=\"http://www.opengis.net/ogc\" "
           "xmlns:xlink=\"http://www.w3.org/1999/xlink\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
           "xmlns:se=\"http://www.opengis.net/se\" version=\"1.1.0\" "
           "xsi:schemaLocation=\"http://www.opengis.net/sld "
           "http://schemas.opengis.net/sld/1.1.0/StyledLayerDescriptor.xsd\">\n"
           "  <NamedLayer>\n"
           "    <se:Name>" + xml_escape(layer) + "</se:Name>\n"
           "    <UserStyle>\n"
           "      <se:Name>" + xml_escape(layer) + "</se:Name>\n"
           "      <se:FeatureTypeStyle>\n" + rules +
           "      </se:FeatureTypeStyle>\n"
           "    </UserStyle>\n"
           "  </NamedLayer>\n"
           "</StyledLayerDescriptor>\n";
}

std::string comparison(const std::string& op, const std::string& column, const std::string& literal) {
    return "              <ogc:" + op + ">\n"
           "                <ogc:PropertyName>" + xml_escape(column) + "</ogc:PropertyName>\n"
           "                <ogc:Literal>" + xml_escape(literal) + "</ogc:Literal>\n"
           "              </ogc:" + op + ">\n";
}

std::string symbolizer(SymbolKind kind, const Rgb& colour) {
    if (kind == SymbolKind::fill)
        return "          <se:PolygonSymbolizer>\n"
               "            <se:Fill><se:SvgParameter name=\"fill\">" + colour.hex() + "</se:SvgParameter></se:Fill>\n"
               "            <se:Stroke>\n"
               "              <se:SvgParameter name=\"stroke\">#505050</se:SvgParameter>\n"
               "              <se:SvgParameter name=\"stroke-width\">1</se:SvgParameter>\n"
               "              <se:SvgParameter name=\"stroke-linejoin\">bevel</se:SvgParameter>\n"
               "            </se:Stroke>\n"
               "          </se:PolygonSymbolizer>\n";
    return "          <se:PointSymbolizer>\n"
           "            <se:Graphic>\n"
           "              <se:Mark>\n"
           "                <se:WellKnownName>circle</se:WellKnownName>\n"
           "                <se:Fill><se:SvgParameter name=\"fill\">" + colour.hex() + "</se:SvgParameter></se:Fill>\n"
           "                <se:Stroke><se:SvgParameter name=\"stroke\">#232323</se:SvgParameter>"
           "<se:SvgParameter name=\"stroke-width\">1</se:SvgParameter></se:Stroke>\n"
           "              </se:Mark>\n"
           "              <se:Size>13</se:Size>\n"
           "            </se:Graphic>\n"
           "          </se:PointSymbolizer>\n";
}

std::string rule(const std::string& label, const std::string& filter, SymbolKind kind, const Rgb& colour) {
    return "        <se:Rule>\n"
           "          <se:Name>" + xml_escape(label) + "</se:Name>\n"
           "          <se:Description><se:Title>" + xml_escape(label) + "</se:Title></se:Description>\n"
           "          <ogc:Filter>\n" + filter + "          </ogc:Filter>\n" + symbolizer(kind, colour) +
           "        </se:Rule>\n";
}

}  // namespace

std::string graduated_polygon_sld(const std::string& layer, const std::string& column,
                                  const std::vector<GraduatedClass>& classes) {
    std::string rules;
    for (std::size_t i = 0; i < classes.size(); ++i) {
        const GraduatedClass& c = classes[i];
        // A one-value class [v, v] (StyleClasses.h value_classes) includes its lower end too.
        const bool inclusive = i == 0 || c.lower == c.upper;
        const std::string lower_op = inclusive ? "PropertyIsGreaterThanOrEqualTo" : "PropertyIsGreaterThan";
        const std::string filter = "            <ogc:And>\n" + comparison(lower_op, column, xml_number(c.lower)) +
                                   comparison("PropertyIsLessThanOrEqualTo", column, xml_number(c.upper)) +
                                   "            </ogc:And>\n";
        rules += rule(c.label, filter, SymbolKind::fill, c.colour);
    }
    return document(layer, rules);
}

std::string categorized_sld(const std::string& layer, const std::string& column, const std::vector<Category>& categories,
                            SymbolKind kind) {
    std::string rules;
    for (const Category& c : categories)
        rules += rule(c.label, comparison("PropertyIsEqualTo", column, c.value), kind, c.colour);
    return document(layer, rules);
}

}  // namespace burdenmap::report
