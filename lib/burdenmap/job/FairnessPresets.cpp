#include "burdenmap/job/FairnessPresets.h"

namespace burdenmap {

PresetFunction preset_function(const std::string& id) {
    struct Entry {
        const char* id;
        PresetFunction apply;
    };
    static constexpr Entry kPresets[] = {{"ces4", apply_ces4},
                                         {"ces3draft", apply_ces3draft},
                                         {"nl_default", apply_nl_default},
                                         {"cejst", apply_cejst},
                                         {"ejscreen", apply_ejscreen},
                                         {"count_high", apply_count_high}};
    for (const Entry& e : kPresets)
        if (id == e.id) return e.apply;
    return nullptr;
}

}  // namespace burdenmap
