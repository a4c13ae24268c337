#include "E2eSupport.h"

#include <catch2/catch.hpp>

#include <array>
#include <cstdio>
#include <fstream>
#include <gdal.h>
#include <ogr_api.h>
#include <sstream>
#include <sys/wait.h>

namespace e2e {

std::string source_dir() { return BURDENMAP_TEST_SOURCE_DIR; }
std::string demo_config() { return source_dir() + "/data/demo/demo.toml"; }

std::string demo_config_text() {
    std::string text = read_file(demo_config());
    const std::string data = source_dir() + "/data/demo/";
    for (const char* f : {"buurten.gpkg", "lden_road.tif", "lden_rail.tif", "no2.tif", "pm25.tif", "risk_contours.gpkg"}) {
        const std::string quoted = std::string("\"") + f + "\"";
        const auto pos = text.find(quoted);
        REQUIRE(pos != std::string::npos);
        text.replace(pos, quoted.size(), "\"" + data + f + "\"");
    }
    return text;
}

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

std::string without_data_uris(const std::string& html) {
    std::string out;
    std::size_t at = 0;
    for (std::size_t d; (d = html.find("data:", at)) != std::string::npos;) {
        out.append(html, at, d - at);
        at = html.find_first_of("\"')", d);
        if (at == std::string::npos) return out;
    }
    return out + html.substr(at);
}

std::string shell_quote(const std::string& s) {
    std::string q = "'";
    for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}

CommandResult run_shell(const std::string& command) {
    static int counter = 0;
    const auto err_file = std::filesystem::temp_directory_path() /
                          ("burdenmap-e2e-stderr-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    CommandResult r;
    // The subshell keeps a command line's own redirections and `exec` apart from ours.
    FILE* pipe = popen(("( " + command + " ) 2>" + shell_quote(err_file.string()) + " </dev/null").c_str(), "r");
    if (!pipe) return r;
    std::array<char, 4096> buf;
    std::size_t n;
    while ((n = fread(buf.data(), 1, buf.size(), pipe)) > 0) r.out.append(buf.data(), n);
    const int status = pclose(pipe);
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.err = read_file(err_file);
    std::filesystem::remove(err_file);
    return r;
}

CommandResult run_burdenmap(const std::vector<std::string>& args) {
    std::string cmd = shell_quote(BURDENMAP_BINARY);
    for (const std::string& a : args) cmd += " " + shell_quote(a);
    return run_shell(cmd);
}

std::vector<std::map<std::string, std::string>> read_zones(const std::filesystem::path& gpkg) { return read_layer(gpkg, "zones"); }

std::vector<std::map<std::string, std::string>> read_layer(const std::filesystem::path& gpkg, const std::string& name) {
    GDALAllRegister();
    std::vector<std::map<std::string, std::string>> rows;
    GDALDatasetH ds = GDALOpenEx(gpkg.c_str(), GDAL_OF_VECTOR, nullptr, nullptr, nullptr);
    if (!ds) return rows;
    OGRLayerH layer = GDALDatasetGetLayerByName(ds, name.c_str());
    if (layer) {
        OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer);
        OGR_L_ResetReading(layer);
        while (OGRFeatureH f = OGR_L_GetNextFeature(layer)) {
            std::map<std::string, std::string> row;
            for (int i = 0; i < OGR_FD_GetFieldCount(defn); ++i) {
                OGRFieldDefnH fd = OGR_FD_GetFieldDefn(defn, i);
                std::string v = "NULL";
                if (OGR_F_IsFieldSetAndNotNull(f, i)) {
                    if (OGR_Fld_GetType(fd) == OFTReal) {
                        char b[64];
                        std::snprintf(b, sizeof b, "%.17g", OGR_F_GetFieldAsDouble(f, i));
                        v = b;
                    } else {
                        v = OGR_F_GetFieldAsString(f, i);
                    }
                }
                row[OGR_Fld_GetNameRef(fd)] = v;
            }
            rows.push_back(row);
            OGR_F_Destroy(f);
        }
    }
    GDALClose(ds);
    return rows;
}

std::vector<std::vector<float>> read_bands(const std::filesystem::path& tif) {
    GDALAllRegister();
    std::vector<std::vector<float>> bands;
    GDALDatasetH ds = GDALOpen(tif.c_str(), GA_ReadOnly);
    if (!ds) return bands;
    const int cols = GDALGetRasterXSize(ds), rows = GDALGetRasterYSize(ds);
    for (int b = 1; b <= GDALGetRasterCount(ds); ++b) {
        std::vector<float> v(static_cast<std::size_t>(cols) * rows);
        if (GDALRasterIO(GDALGetRasterBand(ds, b), GF_Read, 0, 0, cols, rows, v.data(), cols, rows, GDT_Float32, 0, 0) == CE_None)
            bands.push_back(std::move(v));
    }
    GDALClose(ds);
    return bands;
}

std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
    std::vector<std::vector<std::string>> rows(1);
    std::string cell;
    bool quoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') cell += '"', ++i;
            else if (c == '"') quoted = false;
            else cell += c;
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            rows.back().push_back(cell);
            cell.clear();
        } else if (c == '\n') {
            rows.back().push_back(cell);
            cell.clear();
            rows.emplace_back();
        } else {
            cell += c;
        }
    }
    if (rows.back().empty()) rows.pop_back();
    return rows;
}

}  // namespace e2e
