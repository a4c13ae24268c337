#pragma once
// A strict well-formedness check for the XML we write (QML, SLD, SVG): balanced, properly nested
// elements; quoted attributes without raw '<' or unescaped '&'; only the five predefined entities
// and numeric character references; one root element. Not a validating parser: the QGIS test
// (tests/viewers) checks that QGIS reads our styles.
#include <string>

namespace xmlcheck {

// "" when `xml` is well-formed, else what is wrong and where.
std::string problems(const std::string& xml);

// How many elements named `name` (start or empty-element tags) the document has.
int count_elements(const std::string& xml, const std::string& name);

}  // namespace xmlcheck
