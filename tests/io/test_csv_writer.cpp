// csv_text: the header, RFC 4180 quoting, shortest round-trip numbers, NULL and NaN as empty.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "burdenmap/io/CsvWriter.h"

using namespace burdenmap;

TEST_CASE("csv_text quotes only what needs it and writes numbers as their shortest round trip", "[io][csv]") {
    const std::vector<FieldSpec> fields = {{"id", FieldType::text, "", "", "", ""},
                                           {"name", FieldType::text, "", "", "", ""},
                                           {"n", FieldType::integer, "", "", "", ""},
                                           {"v", FieldType::real, "", "", "", ""}};
    const std::vector<std::vector<FieldValue>> rows = {
        {std::string("E01000001"), std::string("Camden, \"Old\" Town"), 12LL, 0.1 + 0.2},
        {std::string("E01000002"), std::string("two\nlines"), FieldValue(), std::nan("")},
        {std::string("E01000003"), std::string("Zürich"), -3LL, 1e-300},
        {std::string("E01000004"), FieldValue(), 0LL, -21.5}};
    CHECK(csv_text(fields, rows) ==
          "id,name,n,v\n"
          "E01000001,\"Camden, \"\"Old\"\" Town\",12,0.30000000000000004\n"
          "E01000002,\"two\nlines\",,\n"
          "E01000003,Zürich,-3,1e-300\n"
          "E01000004,,0,-21.5\n");
}

TEST_CASE("csv_text of a table without rows is its header", "[io][csv]") {
    CHECK(csv_text({{"a,b", FieldType::real, "", "", "", ""}}, {}) == "\"a,b\"\n");
}
