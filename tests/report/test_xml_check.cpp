// The XML check the style and chart tests rely on (XmlCheck.h, libxml2) refuses what is broken:
// a check that passed everything would let every "problems(...) == \"\"" above pass too.
#include <catch2/catch.hpp>

#include "XmlCheck.h"
#include "burdenmap/report/QmlStyle.h"
#include "burdenmap/report/SldStyle.h"

using namespace burdenmap::report;

namespace {

std::vector<GraduatedClass> two_classes() { return graduated_classes({0, 1, 2}, ColorRamp::yl_or_rd(), "layers"); }

// `text` with the first `part` replaced by `by` (REQUIREs that `part` is there, so the break lands).
std::string broken(std::string text, const std::string& part, const std::string& by) {
    const std::size_t at = text.find(part);
    REQUIRE(at != std::string::npos);
    return text.replace(at, part.size(), by);
}

}  // namespace

TEST_CASE("XML check: well-formed documents pass and their elements are counted by qualified name", "[report][xml]") {
    const std::string doc =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- a comment -->\n"
        "<r xmlns:se=\"http://www.opengis.net/se\"><se:Rule a=\"x &amp; &#233; &#x2264; &lt;\"/><se:Rule/>"
        "<se:RuleSet/>text &gt; &quot;q&quot; &apos;</r>";
    CHECK(xmlcheck::problems(doc) == "");
    CHECK(xmlcheck::count_elements(doc, "se:Rule") == 2);  // not se:RuleSet
    CHECK(xmlcheck::count_elements(doc, "Rule") == 0);     // the prefix is part of the name
    CHECK(xmlcheck::count_elements(doc, "r") == 1);
    CHECK(xmlcheck::count_elements("<r><a></r>", "a") == -1);  // no count of a broken document
}

TEST_CASE("XML check: a malformed document fails, saying where", "[report][xml]") {
    const auto fails = [](const std::string& xml) {
        INFO(xml);
        const std::string why = xmlcheck::problems(xml);
        CHECK(why != "");
        return why;
    };
    CHECK(fails("<r><a></r>").find("line 1") != std::string::npos);  // crossed elements
    fails("<r>");                                                 // not closed
    fails("<r></r><s/>");                                         // two roots
    fails("text<r/>");                                            // text outside the root
    fails("");                                                    // no root
    fails("<r a=b/>");                                            // unquoted attribute
    fails("<r a=\"<\"/>");                                        // '<' in an attribute
    fails("<r a=\"1\" a=\"2\"/>");                                // an attribute twice
    fails("<r>a & b</r>");                                        // unescaped '&'
    fails("<r>&nbsp;</r>");                                       // an HTML entity
    fails("<r>&#xZZ;</r>");                                       // a bad character reference
    fails("<se:Rule/>");                                          // an undeclared prefix
    fails("<r>\xC3</r>");                                         // UTF-8 cut inside a character
    fails("<!DOCTYPE r [<!ENTITY e \"x\">]><r>&e;</r>");          // a declared entity
}

TEST_CASE("XML check: a QML or SLD with one thing broken fails", "[report][xml]") {
    const std::string qml = graduated_polygon_qml("burden_mean", two_classes(), ClassMethod::quantile);
    const std::string sld = graduated_polygon_sld("zones", "burden_mean", two_classes());
    REQUIRE(xmlcheck::problems(qml) == "");
    REQUIRE(xmlcheck::problems(sld) == "");
    CHECK(xmlcheck::problems(broken(qml, "</renderer-v2>", "")) != "");
    CHECK(xmlcheck::problems(broken(qml, "attr=\"burden_mean\"", "attr=\"a & b\"")) != "");
    CHECK(xmlcheck::problems(qml.substr(0, qml.size() / 2)) != "");
    CHECK(xmlcheck::problems(broken(sld, "</se:Rule>", "</se:rule>")) != "");
    CHECK(xmlcheck::problems(broken(sld, "xmlns:se=", "xmlns:sx=")) != "");
    CHECK(xmlcheck::problems(sld + "<se:Rule/>") != "");
}
