#include "burdenmap/score/ScoringMethod.h"

#include <stdexcept>

#include "burdenmap/core/EnumNames.h"

namespace burdenmap {

namespace {
constexpr EnumName<Confidence> kConfidenceNames[] = {
    {Confidence::verified, "verified"}, {Confidence::secondary, "secondary"}, {Confidence::placeholder, "placeholder"}};
}

const char* to_string(Confidence c) { return enum_name(kConfidenceNames, c); }

Confidence confidence_from_string(const std::string& s) {
    if (const std::optional<Confidence> c = enum_value(kConfidenceNames, s)) return *c;
    throw std::invalid_argument("confidence must be verified, secondary or placeholder, not '" + s + "'");
}

std::string labelled_id(const std::string& id, bool of_this_study) {
    return of_this_study ? id + " [a method of this study (not published)]" : id;
}

bool ScoringMethod::uses_placeholders() const {
    if (info_.provenance.confidence == Confidence::placeholder) return true;
    for (const ScoreBin& b : bins())
        if (b.confidence == Confidence::placeholder) return true;
    return false;
}

}  // namespace burdenmap
