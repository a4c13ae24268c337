#pragma once
// Well-formedness of the XML we write (QML, SLD, SVG), by libxml2's parser: XML 1.0 and XML
// namespaces (every prefix such as `se:` declared), valid UTF-8, one root element. References
// are limited to the five predefined entities and character references: a DOCTYPE that declares
// its own entities is refused. Not a validating parser: the QGIS test (tests/viewers) checks that
// QGIS reads our styles.
#include <string>

namespace xmlcheck {

// "" when `xml` is well-formed, else libxml2's first complaint with its line.
std::string problems(const std::string& xml);

// How many elements the document has whose name, prefix included as written ("se:Rule"), is
// `name`; -1 when `xml` is not well-formed.
int count_elements(const std::string& xml, const std::string& name);

}  // namespace xmlcheck
