#include "burdenmap/io/TiffDirectory.h"

#include <cstring>
#include <fstream>
#include <iterator>
#include <string>

#include "burdenmap/core/Errors.h"

namespace burdenmap {

namespace {

std::uint64_t little_endian(const std::vector<std::uint8_t>& b, std::uint64_t at, int bytes) {
    std::uint64_t v = 0;
    for (int i = bytes - 1; i >= 0; --i) v = (v << 8) | b[at + static_cast<std::uint64_t>(i)];
    return v;
}

}  // namespace

std::size_t tiff_type_size(std::uint16_t type) {
    switch (type) {
        case 1: case 2: case 6: case 7: return 1;
        case 3: case 8: return 2;
        case 4: case 9: case 11: case 13: return 4;
        case 5: case 10: case 12: case 16: case 17: case 18: return 8;
        default: return 0;
    }
}

std::vector<TiffEntry> parse_first_tiff_directory(const std::vector<std::uint8_t>& file, const std::string& name) {
    const auto fail = [&](const std::string& why) -> OutputError { return OutputError(name + ": " + why); };
    if (file.size() < 8 || file[0] != 'I' || file[1] != 'I') throw fail("not a little-endian TIFF");
    const std::uint64_t magic = little_endian(file, 2, 2);
    if (magic != 42 && magic != 43) throw fail("not a TIFF (magic number " + std::to_string(magic) + ")");
    const bool big = magic == 43;
    if (big && file.size() < 16) throw fail("cut short in its header");
    const std::uint64_t ifd = big ? little_endian(file, 8, 8) : little_endian(file, 4, 4);
    const std::uint64_t count_bytes = big ? 8 : 2, entry_bytes = big ? 20 : 12, inline_bytes = big ? 8 : 4;
    if (ifd < 8 || ifd + count_bytes > file.size()) throw fail("its first directory lies outside the file");
    const std::uint64_t entries = little_endian(file, ifd, static_cast<int>(count_bytes));
    if (ifd + count_bytes + entries * entry_bytes > file.size()) throw fail("its first directory is cut short");
    std::vector<TiffEntry> out;
    for (std::uint64_t i = 0; i < entries; ++i) {
        const std::uint64_t at = ifd + count_bytes + i * entry_bytes;
        TiffEntry e;
        e.tag = static_cast<std::uint16_t>(little_endian(file, at, 2));
        e.type = static_cast<std::uint16_t>(little_endian(file, at + 2, 2));
        e.count = little_endian(file, at + 4, big ? 8 : 4);
        const std::size_t size = tiff_type_size(e.type);
        if (size == 0) throw fail("tag " + std::to_string(e.tag) + " has the unknown type " + std::to_string(e.type));
        if (e.count > file.size() / size) throw fail("tag " + std::to_string(e.tag) + " claims more values than the file holds");
        const std::uint64_t length = e.count * size;
        const std::uint64_t value_at = at + (big ? 12 : 8);
        const std::uint64_t from = length <= inline_bytes ? value_at : little_endian(file, value_at, static_cast<int>(inline_bytes));
        if (from + length > file.size()) throw fail("the values of tag " + std::to_string(e.tag) + " lie outside the file");
        e.bytes.assign(file.begin() + static_cast<std::ptrdiff_t>(from), file.begin() + static_cast<std::ptrdiff_t>(from + length));
        out.push_back(std::move(e));
    }
    return out;
}

std::vector<TiffEntry> read_first_tiff_directory(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw OutputError(file.string() + ": cannot be read");
    const std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    return parse_first_tiff_directory(bytes, file.string());
}

}  // namespace burdenmap
