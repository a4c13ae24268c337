#include "burdenmap/score/ScoringMethod.h"

#include <stdexcept>

namespace burdenmap {

const char* to_string(Confidence c) {
    switch (c) {
        case Confidence::verified: return "verified";
        case Confidence::secondary: return "secondary";
        case Confidence::placeholder: return "placeholder";
    }
    return "?";
}

Confidence confidence_from_string(const std::string& s) {
    if (s == "verified") return Confidence::verified;
    if (s == "secondary") return Confidence::secondary;
    if (s == "placeholder") return Confidence::placeholder;
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
