#include "burdenmap/report/StyleClasses.h"

#include "burdenmap/report/NumberFormat.h"

namespace burdenmap::report {

std::vector<GraduatedClass> graduated_classes(const std::vector<double>& edges, const ColorRamp& ramp,
                                              const std::string& unit) {
    std::vector<GraduatedClass> out;
    if (edges.size() < 2) return out;
    const std::vector<Rgb> colours = ramp.classes(static_cast<int>(edges.size() - 1));
    for (std::size_t i = 0; i + 1 < edges.size(); ++i) {
        std::string label = format_range(edges[i], edges[i + 1]);
        if (!unit.empty()) label += " " + unit;
        out.push_back({edges[i], edges[i + 1], colours[i], label});
    }
    return out;
}

std::vector<GraduatedClass> value_classes(const std::vector<double>& values, const ColorRamp& ramp,
                                          const std::string& unit) {
    std::vector<GraduatedClass> out;
    if (values.empty()) return out;
    const std::vector<Rgb> colours = ramp.classes(static_cast<int>(values.size()));
    for (std::size_t i = 0; i < values.size(); ++i)
        out.push_back({values[i], values[i], colours[i], format_number(values[i]) + (unit.empty() ? "" : " " + unit)});
    return out;
}

std::vector<GraduatedClass> ges_classes(const std::vector<std::string>& labels) {
    std::vector<GraduatedClass> out;
    for (int k = 0; k <= 8; ++k) {
        std::string label = "GES " + std::to_string(k);
        const auto i = static_cast<std::size_t>(k);
        if (i < labels.size() && !labels[i].empty()) label += " " + labels[i];
        out.push_back({k - 0.5, k + 0.5, ges_class_colour(k), label});
    }
    return out;
}

std::vector<Category> bivariate_categories() {
    static const char* const burden[] = {"least burdened", "middle burden", "most burdened"};
    // The income tertile, whichever income indicator formed it (a mean income or a share of
    // low-income households): 3 is the poorest third of neighbourhoods.
    static const char* const low_income[] = {"least poor", "middle income", "poorest"};
    std::vector<Category> out;
    for (int b = 1; b <= 3; ++b) {
        for (int l = 1; l <= 3; ++l) {
            const int index = 3 * (b - 1) + l;
            const std::string code = std::string(1, static_cast<char>('A' + b - 1)) + std::to_string(l);
            out.push_back({std::to_string(index), bivariate_colour(index),
                           code + ": " + burden[b - 1] + ", " + low_income[l - 1]});
        }
    }
    return out;
}

std::vector<Category> verdict_categories() {
    std::vector<Category> out;
    for (const char* v : {"meets standard values", "needs weighing", "exceeds limit value", "unknown"})
        out.push_back({v, verdict_colour(v), v});
    return out;
}

}  // namespace burdenmap::report
