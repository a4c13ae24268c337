#include "burdenmap/report/Xml.h"

#include "burdenmap/core/PlainNumber.h"

namespace burdenmap::report {

std::string xml_escape(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += c;
        }
    }
    return out;
}

std::string xml_number(double v) { return round_trip_number(v); }

}  // namespace burdenmap::report
