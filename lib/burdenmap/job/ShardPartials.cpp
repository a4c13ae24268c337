#include "burdenmap/job/ShardPartials.h"

#include <cstring>
#include <optional>

#include "burdenmap/core/Errors.h"

namespace burdenmap {
namespace {

static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "the partials format is little-endian; add byte swapping for this host");

const char kMagic[] = "burdenmap zone partials\n";  // 24 bytes, without the terminating zero
constexpr std::uint32_t kVersion = 1;
constexpr char kWindowTag = 'W', kEndTag = 'E';

constexpr std::uint64_t kFnvOffset = 1469598103934665603ull, kFnvPrime = 1099511628211ull;
std::uint64_t fnv1a(std::uint64_t h, const char* data, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) h = (h ^ static_cast<unsigned char>(data[i])) * kFnvPrime;
    return h;
}

// Appends plain values to a byte string.
struct Encoder {
    std::string bytes;
    template <class T>
    void raw(const T& v) {
        bytes.append(reinterpret_cast<const char*>(&v), sizeof v);
    }
    void u32(std::size_t v) { raw(static_cast<std::uint32_t>(v)); }
    void u64(std::size_t v) { raw(static_cast<std::uint64_t>(v)); }
    void f64(double v) { raw(v); }
    void doubles(const std::vector<double>& v) {
        u32(v.size());
        if (!v.empty()) bytes.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(double));
    }
    void area(const ZonalAccumulator& a) {
        const ZonalAccumulator::State s = a.state();
        doubles(s.thresholds);
        doubles(s.weight_at_least);
        doubles(s.weight_in_class);
        for (double v : {s.weight, s.nodata_weight, s.shift, s.sum, s.sum_squares, s.min, s.max}) f64(v);
    }
    void population(const PopulationAccumulator& p) {
        const PopulationAccumulator::State s = p.state();
        for (double v : {s.total, s.nodata, s.weighted_sum}) f64(v);
        doubles(s.per_class);
        raw(static_cast<std::uint8_t>(s.constant ? 1 : 0));
        f64(s.constant.value_or(0.0));
    }
};

// Reads them back; any read past the end is a truncated file.
struct Decoder {
    const char* p;
    const char* end;
    const std::filesystem::path& path;
    [[noreturn]] void truncated() const { throw InputError(path.string() + ": truncated zone partials (the file ends inside a record)"); }
    template <class T>
    T raw() {
        if (static_cast<std::size_t>(end - p) < sizeof(T)) truncated();
        T v;
        std::memcpy(&v, p, sizeof v);
        p += sizeof v;
        return v;
    }
    std::size_t u32() { return raw<std::uint32_t>(); }
    std::size_t u64() { return static_cast<std::size_t>(raw<std::uint64_t>()); }
    double f64() { return raw<double>(); }
    std::vector<double> doubles() {
        const std::size_t n = u32();
        if (static_cast<std::size_t>(end - p) / sizeof(double) < n) truncated();
        std::vector<double> v(n);
        if (n > 0) std::memcpy(v.data(), p, n * sizeof(double));  // an empty vector's data() may be null
        p += n * sizeof(double);
        return v;
    }
    ZonalAccumulator area() {
        ZonalAccumulator::State s;
        s.thresholds = doubles();
        s.weight_at_least = doubles();
        s.weight_in_class = doubles();
        for (double* v : {&s.weight, &s.nodata_weight, &s.shift, &s.sum, &s.sum_squares, &s.min, &s.max}) *v = f64();
        try {
            return ZonalAccumulator(std::move(s));
        } catch (const std::invalid_argument& e) {
            throw InputError(path.string() + ": damaged zone partials: " + e.what());
        }
    }
    PopulationAccumulator population() {
        PopulationAccumulator::State s;
        for (double* v : {&s.total, &s.nodata, &s.weighted_sum}) *v = f64();
        s.per_class = doubles();
        const bool constant = raw<std::uint8_t>() != 0;
        const double value = f64();
        if (constant) s.constant = value;
        return PopulationAccumulator(std::move(s));
    }
};

}  // namespace

ShardPartialsWriter::ShardPartialsWriter(std::filesystem::path path)
    : path_(std::move(path)), out_(path_, std::ios::binary | std::ios::trunc), hash_(kFnvOffset) {
    if (!out_) throw OutputError(path_.string() + ": cannot create the zone partials file");
    Encoder e;
    e.bytes.append(kMagic, sizeof kMagic - 1);
    e.u32(kVersion);
    put(e.bytes);
}

void ShardPartialsWriter::put(const std::string& bytes) {
    hash_ = fnv1a(hash_, bytes.data(), bytes.size());
    out_.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out_) throw OutputError(path_.string() + ": cannot write the zone partials (is the disk full?)");
}

void ShardPartialsWriter::write(const WindowPartial& partial) {
    Encoder e;
    e.raw(kWindowTag);
    e.u64(partial.window);
    e.u32(partial.moments.size());
    for (const WindowMoments& m : partial.moments)
        for (double v : {m.count, m.mean, m.m2, m.min, m.max}) e.f64(v);
    e.u32(partial.zones.size());
    for (const auto& [zone, stats] : partial.zones) {
        e.u64(zone);
        e.u32(stats.area.size());
        for (const ZonalAccumulator& a : stats.area) e.area(a);
        e.u32(stats.population.size());
        for (const PopulationAccumulator& p : stats.population) e.population(p);
    }
    put(e.bytes);
    ++windows_;
}

void ShardPartialsWriter::finish() {
    Encoder e;
    e.raw(kEndTag);
    e.u64(windows_);
    put(e.bytes);
    Encoder checksum;
    checksum.raw(hash_);
    out_.write(checksum.bytes.data(), static_cast<std::streamsize>(checksum.bytes.size()));
    out_.close();
    if (!out_) throw OutputError(path_.string() + ": cannot finish the zone partials (is the disk full?)");
}

std::size_t read_shard_partials(const std::filesystem::path& path, const std::function<void(WindowPartial&&)>& visit) {
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    if (!in) throw InputError(path.string() + ": cannot open the zone partials");
    std::string bytes(static_cast<std::size_t>(in.tellg()), '\0');  // one read, not a character at a time
    in.seekg(0);
    if (!in.read(bytes.data(), static_cast<std::streamsize>(bytes.size())))
        throw InputError(path.string() + ": cannot read the zone partials");
    const std::size_t header = sizeof kMagic - 1 + sizeof(std::uint32_t);
    if (bytes.size() < header || bytes.compare(0, sizeof kMagic - 1, kMagic) != 0)
        throw InputError(path.string() + ": not a burdenmap zone partials file");
    // The checksum first: a damaged or cut file is refused before any of it is used.
    constexpr std::size_t footer = 1 + sizeof(std::uint64_t) + sizeof(std::uint64_t);
    if (bytes.size() < header + footer)
        throw InputError(path.string() + ": truncated zone partials (no footer: the shard did not finish writing it)");
    std::uint64_t stored = 0;
    std::memcpy(&stored, bytes.data() + bytes.size() - sizeof stored, sizeof stored);
    if (fnv1a(kFnvOffset, bytes.data(), bytes.size() - sizeof stored) != stored)
        throw InputError(path.string() + ": zone partials fail their checksum (truncated or damaged: run the shard again)");

    Decoder d{bytes.data() + sizeof kMagic - 1, bytes.data() + bytes.size() - sizeof stored, path};
    const std::size_t version = d.u32();
    if (version != kVersion)
        throw InputError(path.string() + ": zone partials format " + std::to_string(version) + ", this burdenmap reads format " +
                         std::to_string(kVersion) + ": run the shards and the merge with one version");
    std::size_t windows = 0;
    for (;;) {
        const char tag = d.raw<char>();
        if (tag == kEndTag) {
            if (d.u64() != windows) throw InputError(path.string() + ": damaged zone partials (window count in the footer differs)");
            if (d.p != d.end) throw InputError(path.string() + ": damaged zone partials (bytes after the footer)");
            return windows;
        }
        if (tag != kWindowTag) throw InputError(path.string() + ": damaged zone partials (unknown record)");
        WindowPartial w;
        w.window = d.u64();
        w.moments.resize(d.u32());
        for (WindowMoments& m : w.moments)
            for (double* v : {&m.count, &m.mean, &m.m2, &m.min, &m.max}) *v = d.f64();
        const std::size_t zones = d.u32();
        w.zones.reserve(zones);
        for (std::size_t i = 0; i < zones; ++i) {
            ZoneStats s;
            const std::size_t zone = d.u64();
            s.area.resize(d.u32());
            for (ZonalAccumulator& a : s.area) a = d.area();
            s.population.resize(d.u32());
            for (PopulationAccumulator& p : s.population) p = d.population();
            w.zones.emplace_back(zone, std::move(s));
        }
        visit(std::move(w));
        ++windows;
    }
}

}  // namespace burdenmap
