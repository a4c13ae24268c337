#pragma once
// One sink for warnings (resampling applied, geometry repaired, income missing, zone outside the
// rasters, placeholder method rows used). Library code never prints: the CLI shows these on
// stderr, and the run manifest and report list them.
#include <mutex>
#include <string>
#include <vector>

namespace burdenmap {

struct Diagnostic {
    std::string code;     // stable, machine-readable, e.g. "geometry-repaired"
    std::string message;  // for people, naming the file/layer/feature
};

class Diagnostics {
public:
    Diagnostics() = default;
    Diagnostics(const Diagnostics& o) : items_(o.all()) {}
    Diagnostics& operator=(const Diagnostics& o) {
        if (this != &o) {
            auto copy = o.all();
            std::lock_guard<std::mutex> lock(mutex_);
            items_ = std::move(copy);
        }
        return *this;
    }

    void warn(std::string code, std::string message) {
        std::lock_guard<std::mutex> lock(mutex_);
        items_.push_back({std::move(code), std::move(message)});
    }
    std::vector<Diagnostic> all() const {
        std::lock_guard<std::mutex> lock(mutex_);
        return items_;
    }

private:
    mutable std::mutex mutex_;
    std::vector<Diagnostic> items_;
};

}  // namespace burdenmap
