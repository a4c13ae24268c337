// Method tables: the shipped data/methods/*.toml load and say what their publications say;
// hand-written bad files are rejected with the file and key path named.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "burdenmap/config/MethodTableParser.h"
#include "burdenmap/score/ClassTable.h"
#include "burdenmap/score/ExposureResponse.h"
#include "burdenmap/core/Errors.h"
#include "burdenmap/score/MethodRegistry.h"
#include "support/TempDir.h"

namespace fs = std::filesystem;
using namespace burdenmap;
using Catch::Matchers::Contains;

namespace {

const fs::path kMethodsDir = fs::path(BURDENMAP_TEST_SOURCE_DIR) / "data" / "methods";

using burdenmap::test::TempDir;

const MethodRegistry& shipped() {
    static const MethodRegistry registry = load_method_tables({kMethodsDir});
    return registry;
}

// A shipped class table or threshold by id.
std::shared_ptr<const ClassTable> method(const std::string& id) {
    auto m = std::dynamic_pointer_cast<const ClassTable>(shipped().find(id));
    INFO("method " << id);
    REQUIRE(m);
    return m;
}

int score_of(const ClassTable& m, double value) { return m.rows()[m.row_for(value)].score; }

// Through the float path a run uses (ClassTable::score on Float32 rasters).
float score_float(const ClassTable& m, float value) {
    std::vector<std::uint64_t> hits(m.rows().size(), 0);
    float out = -1;
    m.score(&value, &out, 1, hits);
    return out;
}

// A valid two-row class table; `row1_extra` is appended to the second row.
std::string class_table(const std::string& id, const std::string& row0_extra = "", const std::string& row1_extra = "",
                        const std::string& row1_lower = "10.0") {
    return "schema = 1\n\n[[method]]\nid = \"" + id +
           "\"\nfamily = \"class_table\"\njurisdiction = \"NL\"\nsource = \"test source\"\n"
           "  [[method.class]]\n  upper = 10.0\n  score = 0\n  confidence = \"verified\"\n" +
           row0_extra +
           "  [[method.class]]\n  lower = " + row1_lower + "\n  score = 1\n  confidence = \"placeholder\"\n" + row1_extra;
}

// The ConfigError from loading one file into a fresh registry.
ConfigError error_loading(const std::string& text) {
    TempDir dir("methods");
    const fs::path file = dir.write("bad.toml", text);
    MethodRegistry registry;
    try {
        load_method_file(file, registry);
    } catch (const ConfigError& e) {
        CHECK_THAT(std::string(e.what()), Contains(file.string()));  // every error names the file
        return e;
    }
    FAIL_CHECK("load_method_file accepted:\n" << text);
    return ConfigError("(no error)", "load_method_file accepted the file");
}

}  // namespace

TEST_CASE("every shipped method table loads", "[methods]") {
    const MethodRegistry& r = shipped();
    const std::vector<std::string> ids = r.ids();
    for (const char* id : {"ges.road_noise", "who2021.no2_annual", "es.pr_class", "air.no2_ladder"}) {
        INFO(id);
        CHECK(std::find(ids.begin(), ids.end(), std::string(id)) != ids.end());
    }
    // As many methods as there are [[method]] tables in the files: none lost, none invented.
    std::size_t tables = 0;
    for (const auto& entry : fs::directory_iterator(kMethodsDir)) {
        if (entry.path().extension() != ".toml") continue;
        std::ifstream in(entry.path());
        for (std::string line; std::getline(in, line);)
            if (line == "[[method]]") ++tables;
    }
    CHECK(tables > 0);
    CHECK(ids.size() == tables);
    // Every method says where it came from, and every row has a source and a label.
    for (const auto& m : r.all()) {
        INFO(m->info().id);
        CHECK_FALSE(m->info().defined_in.empty());
        CHECK_FALSE(m->info().provenance.source.empty());
        const auto table = std::dynamic_pointer_cast<const ClassTable>(m);
        if (!table) continue;  // exposure-response curves have no rows
        for (const ClassRow& row : table->rows()) {
            CHECK_FALSE(row.provenance.source.empty());
            CHECK_FALSE(row.label.empty());
        }
    }
}

TEST_CASE("shipped methods are monotone: a higher value never scores lower", "[methods]") {
    // DESIGN.md §7 invariant; every shipped method (thresholds, GES, ladders, PR classes) is monotone.
    for (const auto& any : shipped().all()) {
        INFO(any->info().id);
        const auto m = std::dynamic_pointer_cast<const ClassTable>(any);
        if (!m) continue;  // curves: see the exposure-response tests
        for (std::size_t i = 1; i < m->rows().size(); ++i) CHECK(m->rows()[i].score >= m->rows()[i - 1].score);
        CHECK(m->info().flag_at <= m->max_score());
    }
}

TEST_CASE("method tables cite publications, not development notes", "[methods][citations]") {
    // A clone has only the repository: a source, note or comment that points at a notes file kept
    // beside it (a Markdown file other than the repository's own READMEs, or a phrase naming such a file)
    // cannot be followed. Every citation names the publication itself.
    const std::string unfollowable_phrase = std::string("method ") + "doc";  // split: this file is searched too
    std::size_t files = 0;
    for (const auto& entry : fs::directory_iterator(kMethodsDir)) {
        if (entry.path().extension() != ".toml") continue;
        ++files;
        std::ifstream in(entry.path());
        std::stringstream text;
        text << in.rdbuf();
        const std::string s = text.str();
        INFO(entry.path().filename().string());
        CHECK(s.find(unfollowable_phrase) == std::string::npos);
        for (std::size_t at = s.find(".md"); at != std::string::npos; at = s.find(".md", at + 1)) {
            const std::size_t start = s.find_last_of(" (`'\"\n", at) + 1;
            INFO("cites " << s.substr(start, at + 3 - start));
            CHECK(s.compare(start, at + 3 - start, "data/methods/README.md") == 0);
        }
    }
    CHECK(files >= 10);
}

TEST_CASE("ges.road_noise follows Handboek GES 2012", "[methods]") {
    // Source: Handboek GES 2012 as applied in Provincie Noord-Brabant's 'Gezondheidskaart GES
    // Geluid provinciale wegen Lden 2013': road traffic noise Lden, per source; 55-60 → 4,
    // 60-65 → 5, 65-70 → 6, 70-75 → 7, >= 75 → 8 are verified; the rows below 55 dB (45 → 1,
    // 50 → 2) are recalled (placeholders); no score 3; lower <= L < upper.
    const auto m = method("ges.road_noise");
    CHECK(m->info().family == "class_table");
    CHECK(m->info().unit == "dB");
    CHECK(m->info().flag_at == 6);  // GES 6 = MTR
    CHECK(score_of(*m, 54.99) == 2);
    CHECK(score_of(*m, 55.0) == 4);
    CHECK(score_of(*m, 74.99) == 7);
    CHECK(score_of(*m, 75.0) == 8);
    CHECK(score_of(*m, 44.99) == 0);
    CHECK(score_of(*m, 45.0) == 1);
    CHECK(score_of(*m, 65.0) == 6);
    CHECK(score_of(*m, std::nextafter(65.0, 0.0)) == 5);
    CHECK(m->max_score() == 8);
    for (const ClassRow& row : m->rows()) {
        INFO("row [" << row.lower << ", " << row.upper << ")");
        CHECK(row.score != 3);
        if (row.upper <= 55.0) CHECK(row.provenance.confidence == Confidence::placeholder);
        if (row.lower >= 55.0) CHECK(row.provenance.confidence == Confidence::verified);
    }
    CHECK(m->uses_placeholders());
    // The method's confidence is its weakest row's.
    CHECK(m->info().provenance.confidence == Confidence::placeholder);
    // Float path, boundaries exactly representable: same answers.
    CHECK(score_float(*m, 55.0f) == 4.0f);
    CHECK(score_float(*m, 75.0f) == 8.0f);
}

TEST_CASE("who2021.no2_annual is a threshold at 10 µg/m³", "[methods]") {
    // Source: WHO global air quality guidelines 2021, NO2 annual AQG level: 10 µg/m³ (verified).
    const auto m = method("who2021.no2_annual");
    CHECK(m->info().family == "threshold");
    REQUIRE(m->rows().size() == 2);
    CHECK(m->rows()[1].lower == 10.0);
    CHECK(score_of(*m, 10.0) == 1);
    CHECK(score_of(*m, std::nextafter(10.0, 0.0)) == 0);
    CHECK(m->info().flag_at == 1);
    CHECK(m->info().provenance.confidence == Confidence::verified);
    CHECK_FALSE(m->uses_placeholders());
}

TEST_CASE("es.pr_class and air.no2_ladder", "[methods]") {
    // es.pr_class: burdenmap's design encoding, one class per decade {<1e-8, 1e-8-1e-7, 1e-7-1e-6, 1e-6-1e-5, >=1e-5}.
    const auto pr = method("es.pr_class");
    CHECK(score_of(*pr, 1e-6) == 3);
    CHECK(score_of(*pr, 1e-5) == 4);
    CHECK(score_of(*pr, 1e-8) == 1);
    CHECK(score_of(*pr, 0.0) == 0);
    CHECK(pr->info().flag_at == 3);
    CHECK(pr->uses_placeholders());

    // air.no2_ladder: < 10 (WHO 2021) → 0, [10, 20 (EU 2030)) → 1, [20, 40 (EU 2008)) → 2, >= 40 → 3.
    const auto no2 = method("air.no2_ladder");
    CHECK(score_of(*no2, 9.99) == 0);
    CHECK(score_of(*no2, 10.0) == 1);
    CHECK(score_of(*no2, 20.0) == 2);
    CHECK(score_of(*no2, 39.99) == 2);
    CHECK(score_of(*no2, 40.0) == 3);
    CHECK_FALSE(no2->uses_placeholders());
}

// Regression: rasters and burned contours reach ClassTable::score as float, and
// float(1e-6) = 9.9999999747524271e-07 < 1e-6; a cell inside the 1e-6 contour (the demo's
// risk_contours.gpkg holds exactly 1e-5, 1e-6, 1e-7, 1e-8) once scored class 2 instead of 3.
TEST_CASE("PR contour values stored as float score in their own class", "[methods]") {
    const auto pr = method("es.pr_class");
    CHECK(score_float(*pr, static_cast<float>(1e-6)) == 3.0f);
    CHECK(score_float(*pr, static_cast<float>(1e-5)) == 4.0f);
    CHECK(score_float(*pr, static_cast<float>(1e-8)) == 1.0f);
    const auto limit = method("bkl.pr_grenswaarde");
    CHECK(score_float(*limit, static_cast<float>(1e-6)) == 1.0f);
}

TEST_CASE("every shipped method says where its values apply, from its source", "[methods][jurisdiction]") {
    const std::map<std::string, std::string> by_prefix{{"ges.", "NL"},     {"bkl.", "NL"},    {"es.", "NL"},  {"ggd.", "NL"},
                                                       {"eu2008.", "EU"},  {"eu2030.", "EU"}, {"air.", "EU"}, {"who2018.", "WHO"},
                                                       {"who2021.", "WHO"}};
    for (const auto& m : shipped().all()) {
        const std::string& id = m->info().id;
        INFO(id);
        std::string expected;
        for (const auto& [prefix, code] : by_prefix)
            if (id.rfind(prefix, 0) == 0) expected = code;
        CHECK(m->info().jurisdiction == expected);
    }
}

TEST_CASE("suggestions for a mistyped method id", "[methods]") {
    const auto s = shipped().suggestions("ges.road_nois");
    CHECK(std::find(s.begin(), s.end(), "ges.road_noise") != s.end());
    CHECK(s.front() == "ges.road_noise");  // the closest first
    CHECK(s.size() <= 5);
    const auto t = shipped().suggestions("who2021.no2");
    CHECK(std::find(t.begin(), t.end(), "who2021.no2_annual") != t.end());
    CHECK(shipped().find("ges.road_nois") == nullptr);
}

TEST_CASE("a hand-written valid file loads", "[methods]") {
    TempDir dir("methods");
    const fs::path file = dir.write("ok.toml", class_table("t.ok") +
                                                   "\n[[method]]\nid = \"t.limit\"\nfamily = \"threshold\"\njurisdiction = \"WHO\"\n"
                                                   "standard = 7\nconfidence = \"secondary\"\nsource = \"s\"\n");
    MethodRegistry r;
    load_method_file(file, r);
    CHECK(r.ids() == std::vector<std::string>{"t.limit", "t.ok"});
    const auto ok = std::dynamic_pointer_cast<const ClassTable>(r.find("t.ok"));
    REQUIRE(ok);
    CHECK(ok->info().defined_in == file.string());
    CHECK(ok->info().title == "t.ok");  // title defaults to the id
    CHECK(ok->rows()[0].provenance.source == "test source");  // rows inherit the method's source
    CHECK(ok->info().provenance.confidence == Confidence::placeholder);  // weakest row
    CHECK(std::dynamic_pointer_cast<const ClassTable>(r.find("t.limit"))->standard() == 7.0);
    CHECK(r.find("t.limit")->info().provenance.confidence == Confidence::secondary);
}

TEST_CASE("bad method files are rejected naming the key path", "[methods][errors]") {
    SECTION("missing schema") {
        std::string text = class_table("t.a");
        text.erase(0, text.find('\n') + 1);  // drop "schema = 1"
        const ConfigError e = error_loading(text);
        CHECK(e.key_path() == "schema");
        CHECK_THAT(std::string(e.what()), Contains("must be 1"));
    }
    SECTION("schema 2") {
        CHECK(error_loading("schema = 2\n").key_path() == "schema");
    }
    SECTION("unknown top-level key") {
        CHECK(error_loading("schema = 1\nversion = 3\n").key_path() == "version");
    }
    SECTION("unknown key in a class row") {
        const ConfigError e = error_loading(class_table("t.a", "", "  colour = \"red\"\n"));
        CHECK(e.key_path() == "method[0].class[1].colour");
        CHECK_THAT(std::string(e.what()), Contains("method[0].class[1].colour") && Contains("unknown key"));
    }
    SECTION("a gap between rows") {
        // Row 0 ends at 10, row 1 starts at 11: [10, 11) has no class.
        const ConfigError e = error_loading(class_table("t.a", "", "", "11.0"));
        CHECK(e.key_path() == "method[0]");
        CHECK_THAT(std::string(e.what()), Contains("contiguous") && Contains("t.a"));
    }
    SECTION("a row without confidence") {
        std::string text = class_table("t.a");
        text.replace(text.find("  confidence = \"verified\"\n"), std::string("  confidence = \"verified\"\n").size(), "");
        const ConfigError e = error_loading(text);
        CHECK(e.key_path() == "method[0].class[0].confidence");
        CHECK_THAT(std::string(e.what()), Contains("required"));
    }
    SECTION("a bad confidence word") {
        std::string text = class_table("t.a");
        text.replace(text.find("\"verified\""), std::string("\"verified\"").size(), "\"certain\"");
        const ConfigError e = error_loading(text);
        CHECK(e.key_path() == "method[0].class[0].confidence");
        CHECK_THAT(std::string(e.what()), Contains("'certain'"));
    }
    SECTION("a row without score") {
        std::string text = class_table("t.a");
        text.replace(text.find("  score = 1\n"), std::string("  score = 1\n").size(), "");
        CHECK(error_loading(text).key_path() == "method[0].class[1].score");
    }
    SECTION("a method without source") {
        std::string text = class_table("t.a");
        text.replace(text.find("source = \"test source\"\n"), std::string("source = \"test source\"\n").size(), "");
        CHECK(error_loading(text).key_path() == "method[0].source");
    }
    SECTION("a threshold without confidence") {
        const ConfigError e =
            error_loading("schema = 1\n[[method]]\nid = \"t.t\"\nfamily = \"threshold\"\njurisdiction = \"EU\"\nstandard = 5\nsource = \"s\"\n");
        CHECK(e.key_path() == "method[0].confidence");
    }
    SECTION("a threshold without standard") {
        const ConfigError e = error_loading(
            "schema = 1\n[[method]]\nid = \"t.t\"\nfamily = \"threshold\"\njurisdiction = \"EU\"\nconfidence = \"verified\"\nsource = \"s\"\n");
        CHECK(e.key_path() == "method[0].standard");
    }
    SECTION("an unknown family") {
        const ConfigError e = error_loading("schema = 1\n[[method]]\nid = \"t.c\"\nfamily = \"curve\"\njurisdiction = \"EU\"\nsource = \"s\"\n");
        CHECK(e.key_path() == "method[0].family");
        CHECK_THAT(std::string(e.what()), Contains("'curve'") && Contains("class_table") && Contains("threshold"));
    }
    SECTION("a method without jurisdiction names its id") {
        std::string text = class_table("t.nowhere");
        text.replace(text.find("jurisdiction = \"NL\"\n"), std::string("jurisdiction = \"NL\"\n").size(), "");
        const ConfigError e = error_loading(text);
        CHECK(e.key_path() == "method[0].jurisdiction");
        CHECK_THAT(std::string(e.what()), Contains("'t.nowhere'") && Contains("required") && Contains("\"EU\""));
    }
    SECTION("a jurisdiction that is not a code") {
        std::string text = class_table("t.a");
        text.replace(text.find("\"NL\""), 4, "\"the Netherlands\"");
        const ConfigError e = error_loading(text);
        CHECK(e.key_path() == "method[0].jurisdiction");
        CHECK_THAT(std::string(e.what()), Contains("'the Netherlands'") && Contains("not a jurisdiction code"));
    }
    SECTION("a TOML syntax error") {
        const ConfigError e = error_loading("schema = 1\n[[method]\n");
        CHECK_THAT(std::string(e.what()), Contains("bad.toml:2:"));
    }
}

TEST_CASE("duplicate ids across two files name both files", "[methods][errors]") {
    TempDir dir("methods");
    const fs::path a = dir.write("a.toml", class_table("t.same"));
    const fs::path b = dir.write("b.toml", class_table("t.same"));
    try {
        load_method_tables({dir.path()});
        FAIL("duplicate id accepted");
    } catch (const ConfigError& e) {
        CHECK(e.key_path() == "method[0].id");
        CHECK_THAT(std::string(e.what()), Contains("t.same") && Contains(a.string()) && Contains(b.string()));
    }
}

TEST_CASE("load_method_tables reads *.toml only and rejects a missing folder", "[methods][errors]") {
    TempDir dir("methods");
    dir.write("one.toml", class_table("t.one"));
    dir.write("notes.txt", "not a table");
    dir.write("two.toml.bak", "garbage [[[");
    const MethodRegistry r = load_method_tables({dir.path()});
    CHECK(r.ids() == std::vector<std::string>{"t.one"});

    try {
        load_method_tables({dir.path() / "missing"});
        FAIL("missing folder accepted");
    } catch (const ConfigError& e) {
        CHECK(e.key_path() == "methods");
        CHECK_THAT(std::string(e.what()), Contains((dir.path() / "missing").string()));
    }
}

TEST_CASE("applies_from: the EU 2024/2881 limits apply from 2030; a year out of range is refused", "[methods][applies_from]") {
    // Directive (EU) 2024/2881: the new annual limit values are to be met by 2030.
    for (const char* id : {"eu2030.no2_annual", "eu2030.pm25_annual", "eu2030.pm10_annual"}) {
        INFO(id);
        REQUIRE(method(id)->info().applies_from);
        CHECK(*method(id)->info().applies_from == 2030);
    }
    CHECK_FALSE(method("eu2008.no2_annual")->info().applies_from);  // in force
    std::string text = class_table("t.a");
    text.insert(text.find("family"), "applies_from = 30\n");
    const ConfigError e = error_loading(text);
    CHECK(e.key_path() == "method[0].applies_from");
    CHECK_THAT(std::string(e.what()), Contains("must be a year"));
}

namespace {

// A log_linear_rr method table with `extra` lines after rr.
std::string rr_table(const std::string& extra) {
    return "schema = 1\n\n[[method]]\nid = \"t.rr\"\nfamily = \"exposure_response\"\njurisdiction = \"WHO\"\n"
           "form = \"log_linear_rr\"\nrr = 1.08\n" + extra +
           "increment = 10.0\ncounterfactual = 5.0\noutcome = \"natural-cause mortality\"\nconfidence = \"secondary\"\n"
           "source = \"test source\"\n";
}

}  // namespace

TEST_CASE("who2021 mortality RRs carry the 95 % CI their sources give", "[methods][ci]") {
    struct Expected {
        const char* id;
        double rr, low, high;
        const char* ci;  // as the source text writes it
        Confidence confidence;
    };
    // Chen & Hoek 2020 (PM2.5, PM10) and Huangfu & Atkinson 2020 (NO2), per 10 µg/m³, as used in
    // the WHO AQG 2021. PM2.5 and NO2 are confirmed by secondary texts; PM10 is recalled.
    const Expected expected[] = {{"who2021.pm25_mortality_rr", 1.08, 1.06, 1.09, "95% CI 1.06-1.09", Confidence::secondary},
                                 {"who2021.no2_mortality_rr", 1.02, 1.01, 1.04, "95% CI 1.01-1.04", Confidence::secondary},
                                 {"who2021.pm10_mortality_rr", 1.04, 1.03, 1.06, "95% CI 1.03-1.06", Confidence::placeholder}};
    for (const Expected& e : expected) {
        INFO(e.id);
        const auto m = std::dynamic_pointer_cast<const ExposureResponse>(shipped().find(e.id));
        REQUIRE(m);
        const CurveParameters& p = m->parameters();
        CHECK(p.rr == e.rr);
        REQUIRE(p.rr_low);
        REQUIRE(p.rr_high);
        CHECK(*p.rr_low == e.low);
        CHECK(*p.rr_high == e.high);
        CHECK(m->info().provenance.confidence == e.confidence);
        // The source text states the same interval it is read from.
        CHECK_THAT(m->info().provenance.source, Contains(e.ci));
    }
}

TEST_CASE("rr_low and rr_high in a method table", "[methods][ci]") {
    // The curve t.rr of rr_table(extra), loaded from a file.
    const auto curve = [](const std::string& extra) {
        TempDir dir("methods");
        MethodRegistry r;
        load_method_file(dir.write("ok.toml", rr_table(extra)), r);
        const auto m = std::dynamic_pointer_cast<const ExposureResponse>(r.find("t.rr"));
        REQUIRE(m);
        return m->parameters();
    };
    SECTION("read when given") {
        const CurveParameters p = curve("rr_low = 1.06\nrr_high = 1.09\n");
        REQUIRE(p.rr_low);
        REQUIRE(p.rr_high);
        CHECK(*p.rr_low == 1.06);
        CHECK(*p.rr_high == 1.09);
    }
    SECTION("absent: no interval") {
        const CurveParameters p = curve("");
        CHECK_FALSE(p.rr_low);
        CHECK_FALSE(p.rr_high);
    }
    SECTION("one bound only is refused, naming the method") {
        const ConfigError e = error_loading(rr_table("rr_low = 1.06\n"));
        CHECK(e.key_path() == "method[0]");
        CHECK_THAT(std::string(e.what()), Contains("rr_low and rr_high") && Contains("both or neither"));
    }
    SECTION("rr outside the interval is refused") {
        const ConfigError e = error_loading(rr_table("rr_low = 1.09\nrr_high = 1.12\n"));
        CHECK(e.key_path() == "method[0]");
        CHECK_THAT(std::string(e.what()), Contains("0 < rr_low <= rr <= rr_high"));
    }
    SECTION("a bound that is no number names its key") {
        const ConfigError e = error_loading(rr_table("rr_low = \"1.06\"\nrr_high = 1.09\n"));
        CHECK(e.key_path() == "method[0].rr_low");
        CHECK_THAT(std::string(e.what()), Contains("must be a number"));
    }
}
