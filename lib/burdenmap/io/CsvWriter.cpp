#include "burdenmap/io/CsvWriter.h"

#include <charconv>
#include <cmath>

#include "burdenmap/io/AtomicOutput.h"

namespace burdenmap {
namespace {

void append_text(std::string& out, const std::string& text) {
    if (text.find_first_of(",\"\r\n") == std::string::npos) {
        out += text;
        return;
    }
    out += '"';
    for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    out += '"';
}

template <typename Number>
void append_number(std::string& out, Number v) {
    char buf[64];
    const auto result = std::to_chars(buf, buf + sizeof buf, v);  // shortest round trip for doubles
    out.append(buf, result.ptr);
}

void append_value(std::string& out, const FieldValue& value) {
    if (const auto* d = std::get_if<double>(&value)) {
        if (!std::isnan(*d)) append_number(out, *d);
    } else if (const auto* i = std::get_if<long long>(&value)) {
        append_number(out, *i);
    } else if (const auto* s = std::get_if<std::string>(&value)) {
        append_text(out, *s);
    }  // NULL: an empty field
}

}  // namespace

std::string csv_text(const std::vector<FieldSpec>& fields, const std::vector<std::vector<FieldValue>>& rows) {
    std::string out;
    for (std::size_t c = 0; c < fields.size(); ++c) {
        if (c) out += ',';
        append_text(out, fields[c].name);
    }
    out += '\n';
    for (const auto& row : rows) {
        for (std::size_t c = 0; c < fields.size(); ++c) {
            if (c) out += ',';
            if (c < row.size()) append_value(out, row[c]);
        }
        out += '\n';
    }
    return out;
}

void write_csv(const std::filesystem::path& final_path, const std::vector<FieldSpec>& fields,
               const std::vector<std::vector<FieldValue>>& rows, bool overwrite) {
    AtomicOutput::write_text(final_path, csv_text(fields, rows), overwrite);
}

}  // namespace burdenmap
