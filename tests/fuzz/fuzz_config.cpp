// Fuzz target: the config parser. Any bytes must give a Config or a ConfigError naming a key path
// (or the file, for TOML syntax errors), or for `extends` an InputError (a base missing, a cycle) —
// never another exception, a crash or undefined behaviour.
#include "FuzzCheck.h"

#include <typeinfo>

#include "burdenmap/config/ConfigParser.h"
#include "burdenmap/core/Errors.h"

namespace burdenmap::fuzz {

int fuzz_config(const std::uint8_t* data, std::size_t size) {
    const std::string path = scratch_file(data, size, ".toml");
    try {
        const Config config = parse_config(path);
        // A parsed config is whole: the zones and at least one named layer.
        check(!config.zones.path.empty() && !config.zones.id_field.empty(), "a config without zones.path or zones.id parsed");
        check(!config.layers.empty(), "a config without layers parsed");
        for (const LayerConfig& l : config.layers) check(!l.name.empty() && l.band >= 1, "a layer without a name or with band < 1");
    } catch (const ConfigError& e) {
        check(std::string(e.what()).size() > 0, "an empty ConfigError message");
    } catch (const InputError& e) {
        // `extends` naming a file that is not there, or a cycle: a problem with the files (exit 1).
        check(std::string(e.what()).rfind("extends: ", 0) == 0, std::string("an InputError not about extends: ") + e.what());
    } catch (const FuzzFailure&) {
        throw;
    } catch (const std::exception& e) {
        throw FuzzFailure(std::string("parse_config threw ") + typeid(e).name() + " instead of ConfigError: " + e.what());
    }
    return 0;
}

}  // namespace burdenmap::fuzz

BURDENMAP_FUZZ_ENTRY(fuzz_config)
