#include "XmlCheck.h"

#include <cctype>
#include <vector>

namespace xmlcheck {

namespace {

bool name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.' || c == ':' || (c & 0x80); }

// Checks an entity reference starting at s[i] == '&'; returns the index after ';' or npos.
std::size_t entity_end(const std::string& s, std::size_t i) {
    const std::size_t semi = s.find(';', i);
    if (semi == std::string::npos || semi - i > 10) return std::string::npos;
    const std::string ref = s.substr(i + 1, semi - i - 1);
    if (ref == "amp" || ref == "lt" || ref == "gt" || ref == "quot" || ref == "apos") return semi + 1;
    if (ref.size() > 1 && ref[0] == '#') {
        const bool hex = ref[1] == 'x';
        for (std::size_t k = hex ? 2 : 1; k < ref.size(); ++k)
            if (!(hex ? std::isxdigit(static_cast<unsigned char>(ref[k])) : std::isdigit(static_cast<unsigned char>(ref[k]))))
                return std::string::npos;
        return semi + 1;
    }
    return std::string::npos;
}

std::string check_text(const std::string& s, std::size_t from, std::size_t to) {
    for (std::size_t i = from; i < to; ++i) {
        if (s[i] == '>') continue;  // allowed in text
        if (s[i] == '&') {
            const std::size_t e = entity_end(s, i);
            if (e == std::string::npos || e > to) return "bad entity at " + std::to_string(i);
            i = e - 1;
        }
    }
    return "";
}

}  // namespace

std::string problems(const std::string& s) {
    std::vector<std::string> open;
    int roots = 0;
    std::size_t i = 0;
    while (i < s.size()) {
        const std::size_t lt = s.find('<', i);
        const std::size_t text_end = lt == std::string::npos ? s.size() : lt;
        if (std::string t = check_text(s, i, text_end); !t.empty()) return t;
        if (open.empty())
            for (std::size_t k = i; k < text_end; ++k)
                if (!std::isspace(static_cast<unsigned char>(s[k]))) return "text outside the root at " + std::to_string(k);
        if (lt == std::string::npos) break;
        if (s.compare(lt, 4, "<!--") == 0) {
            const std::size_t e = s.find("-->", lt);
            if (e == std::string::npos) return "unclosed comment";
            i = e + 3;
            continue;
        }
        if (s.compare(lt, 2, "<?") == 0 || s.compare(lt, 2, "<!") == 0) {
            const std::size_t e = s.find('>', lt);
            if (e == std::string::npos) return "unclosed declaration";
            i = e + 1;
            continue;
        }
        const bool closing = s.compare(lt, 2, "</") == 0;
        std::size_t p = lt + (closing ? 2 : 1);
        const std::size_t name_start = p;
        while (p < s.size() && name_char(s[p])) ++p;
        const std::string name = s.substr(name_start, p - name_start);
        if (name.empty()) return "tag without a name at " + std::to_string(lt);
        if (closing) {
            while (p < s.size() && std::isspace(static_cast<unsigned char>(s[p]))) ++p;
            if (p >= s.size() || s[p] != '>') return "bad end tag </" + name;
            if (open.empty() || open.back() != name)
                return "</" + name + "> closes " + (open.empty() ? std::string("nothing") : "<" + open.back() + ">");
            open.pop_back();
            i = p + 1;
            continue;
        }
        // Attributes.
        bool empty_element = false;
        while (true) {
            while (p < s.size() && std::isspace(static_cast<unsigned char>(s[p]))) ++p;
            if (p >= s.size()) return "unclosed tag <" + name;
            if (s[p] == '>') break;
            if (s.compare(p, 2, "/>") == 0) {
                empty_element = true;
                ++p;
                break;
            }
            const std::size_t a = p;
            while (p < s.size() && name_char(s[p])) ++p;
            if (p == a) return "bad attribute in <" + name + " at " + std::to_string(p);
            while (p < s.size() && std::isspace(static_cast<unsigned char>(s[p]))) ++p;
            if (p >= s.size() || s[p] != '=') return "attribute without value in <" + name;
            ++p;
            while (p < s.size() && std::isspace(static_cast<unsigned char>(s[p]))) ++p;
            if (p >= s.size() || (s[p] != '"' && s[p] != '\'')) return "unquoted attribute in <" + name;
            const char q = s[p];
            const std::size_t end = s.find(q, p + 1);
            if (end == std::string::npos) return "unclosed attribute in <" + name;
            for (std::size_t k = p + 1; k < end; ++k) {
                if (s[k] == '<') return "'<' in an attribute of <" + name;
                if (s[k] == '&') {
                    const std::size_t e = entity_end(s, k);
                    if (e == std::string::npos || e > end) return "bad entity in an attribute of <" + name;
                }
            }
            p = end + 1;
        }
        if (open.empty()) ++roots;
        if (roots > 1) return "more than one root element";
        if (!empty_element) open.push_back(name);
        i = p + 1;
    }
    if (!open.empty()) return "<" + open.back() + "> is not closed";
    if (roots != 1) return "no root element";
    return "";
}

int count_elements(const std::string& xml, const std::string& name) {
    int n = 0;
    const std::string open = "<" + name;
    for (std::size_t at = xml.find(open); at != std::string::npos; at = xml.find(open, at + 1)) {
        const char next = at + open.size() < xml.size() ? xml[at + open.size()] : '\0';
        if (next == ' ' || next == '>' || next == '/' || next == '\n') ++n;
    }
    return n;
}

}  // namespace xmlcheck
