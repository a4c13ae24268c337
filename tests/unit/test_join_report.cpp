// Joining a table on the zone id (core/JoinReport): matching under exact and digits, the counts,
// ambiguity, and the hint for joins that match nothing.
#include <catch2/catch.hpp>

#include "burdenmap/core/JoinReport.h"

using namespace burdenmap;

TEST_CASE("match_key: digits compares the digit strings without leading zeros", "[unit][join]") {
    CHECK(match_key("06019001100", IdMatch::digits) == "6019001100");
    CHECK(match_key("BU03630000", IdMatch::digits) == "3630000");
    CHECK(match_key("000", IdMatch::digits) == "0");
    CHECK(match_key("abc", IdMatch::digits).empty());
    CHECK(match_key(" 06 ", IdMatch::exact) == " 06 ");
    CHECK(id_match_from_string("digits") == IdMatch::digits);
    CHECK_THROWS_WITH(id_match_from_string("fuzzy"), Catch::Contains("known: exact, digits"));
}

TEST_CASE("join_ids: rows per zone, matched and unmatched ids on both sides", "[unit][join]") {
    const IdJoin j = join_ids({"6019001100", "6019001200", "6019001300"}, {"06019001300", "06019001100", "06019009900"}, IdMatch::digits);
    REQUIRE(j.row_of_zone.size() == 3);
    CHECK(j.row_of_zone[0] == std::optional<std::size_t>(1));
    CHECK_FALSE(j.row_of_zone[1]);
    CHECK(j.row_of_zone[2] == std::optional<std::size_t>(0));
    CHECK(j.report.matched == 2);
    CHECK(j.report.unmatched_zone_ids == std::vector<std::string>{"6019001200"});
    CHECK(j.report.unmatched_table_ids == std::vector<std::string>{"06019009900"});
    CHECK(j.report.summary() == "2 of 3 zones matched (id_match digits); 1 of 3 table ids match no zone");
    // Exact: nothing of the above matches.
    CHECK(join_ids({"6019001100"}, {"06019001100"}, IdMatch::exact).report.matched == 0);
    // Ids without any digit match nothing under digits, even each other.
    CHECK(join_ids({"abc"}, {"abc"}, IdMatch::digits).report.matched == 0);
}

TEST_CASE("join_ids: two ids that become one key are refused, naming both", "[unit][join]") {
    CHECK_THROWS_WITH(join_ids({"1"}, {"01", "001"}, IdMatch::digits), Catch::Contains("table ids '01' and '001'"));
    CHECK_THROWS_WITH(join_ids({"BU01", "WK01"}, {"1"}, IdMatch::digits), Catch::Contains("zone ids 'BU01' and 'WK01'"));
}

TEST_CASE("join_ids: under digits, table ids without digits (totals rows) match nothing and do not collide", "[unit][join]") {
    const IdJoin j = join_ids({"BU03630000"}, {"Nederland", "Totaal", "3630000"}, IdMatch::digits);
    CHECK(j.report.matched == 1);
    CHECK(j.row_of_zone[0] == std::optional<std::size_t>(2));
    CHECK(j.report.unmatched_table_ids == std::vector<std::string>{"Nederland", "Totaal"});
}

TEST_CASE("join_mismatch_hint: leading zeros, letter case, surrounding spaces; nothing otherwise", "[unit][join]") {
    CHECK(join_mismatch_hint({"6019001100"}, {"06019001100"}) ==
          "the ids differ only by leading zeros (zone '6019001100', table '06019001100'): set id_match = \"digits\" to compare the ids as numbers");
    CHECK_THAT(join_mismatch_hint({"bu01"}, {"BU01"}), Catch::StartsWith("the ids differ only by letter case"));
    CHECK_THAT(join_mismatch_hint({" BU01"}, {"BU01"}), Catch::StartsWith("the ids differ only by surrounding spaces"));
    CHECK(join_mismatch_hint({"BU01"}, {"WK01"}).empty());
    CHECK(quoted_ids({"a", "b", "c", "d"}, 3) == "'a', 'b', 'c', ...");
}
