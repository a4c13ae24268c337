#pragma once
// The exceptions of the library. Each says what failed and where (config key path, file, layer,
// field) so the CLI can print it as is and map it to an exit code (DESIGN.md §2 "Errors").
#include <stdexcept>
#include <string>

namespace burdenmap {

// A problem with the configuration: unknown key, wrong type, bad value. Exit code 2.
class ConfigError : public std::runtime_error {
public:
    ConfigError(std::string key_path, const std::string& message)
        : std::runtime_error(key_path.empty() ? message : key_path + ": " + message),
          key_path_(std::move(key_path)) {}
    const std::string& key_path() const { return key_path_; }

private:
    std::string key_path_;
};

// A problem with an input file: missing, unreadable, wrong field. Exit code 1.
class InputError : public std::runtime_error {
public:
    explicit InputError(const std::string& message) : std::runtime_error(message) {}
};

// A problem writing an output: folder not writable, output exists, disk full. Exit code 1.
class OutputError : public std::runtime_error {
public:
    explicit OutputError(const std::string& message) : std::runtime_error(message) {}
};

// The run was cancelled (by a signal or a progress callback). Exit code 130.
class Cancelled : public std::runtime_error {
public:
    Cancelled() : std::runtime_error("cancelled") {}
};

}  // namespace burdenmap
