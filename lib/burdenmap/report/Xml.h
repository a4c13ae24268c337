#pragma once
// Escaping for the XML and HTML we write by hand (QML, SLD, SVG, the report): the documents are
// small and fixed in shape, so string building with one escape function beats a DOM library.
#include <string>

namespace burdenmap::report {

// Escapes & < > " ' for use in element text and in attribute values (either quote style).
std::string xml_escape(const std::string& text);

// A number as XML/QML writes it: shortest text that reads back to the same double ("0.1", "2",
// "1e-06"); "nan"/"inf" never occur in our styles (callers pass finite values).
std::string xml_number(double v);

}  // namespace burdenmap::report
