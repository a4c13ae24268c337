#include "XmlCheck.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include <memory>

namespace xmlcheck {

namespace {

// The first warning or error libxml2 reports while parsing; installed for one parse, so that
// libxml2 tells this and not stderr (a test prints it on a failed check).
class FirstComplaint {
public:
    FirstComplaint() { xmlSetStructuredErrorFunc(this, &FirstComplaint::keep); }
    ~FirstComplaint() { xmlSetStructuredErrorFunc(nullptr, nullptr); }
    FirstComplaint(const FirstComplaint&) = delete;
    FirstComplaint& operator=(const FirstComplaint&) = delete;
    const std::string& text() const { return text_; }

private:
    static void keep(void* self, xmlErrorPtr error) {
        std::string& text = static_cast<FirstComplaint*>(self)->text_;
        if (!text.empty() || error == nullptr) return;
        std::string message = error->message ? error->message : "unnamed libxml2 complaint";
        while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
        text = "line " + std::to_string(error->line) + ": " + message;
    }
    std::string text_;
};

struct CtxtFree {
    void operator()(xmlParserCtxtPtr c) const { xmlFreeParserCtxt(c); }
};
struct DocFree {
    void operator()(xmlDocPtr d) const { xmlFreeDoc(d); }
};
using Doc = std::unique_ptr<xmlDoc, DocFree>;

// The parsed document, or null with `why` set. No network, no entity substitution: a reference
// the parser does not know stays a node that `entity_reference` finds.
Doc parse(const std::string& xml, std::string& why) {
    xmlInitParser();
    const FirstComplaint complaint;
    const std::unique_ptr<xmlParserCtxt, CtxtFree> ctxt(xmlNewParserCtxt());
    if (!ctxt) {
        why = "libxml2 could not make a parser";
        return nullptr;
    }
    Doc doc(xmlCtxtReadMemory(ctxt.get(), xml.data(), static_cast<int>(xml.size()), nullptr, nullptr, XML_PARSE_NONET));
    const bool well_formed = doc && ctxt->wellFormed && ctxt->nsWellFormed;
    if (!well_formed || !complaint.text().empty()) {
        why = complaint.text().empty() ? std::string("not well-formed") : complaint.text();
        return nullptr;
    }
    if (!xmlDocGetRootElement(doc.get())) {
        why = "no root element";
        return nullptr;
    }
    return doc;
}

// The first reference to an entity other than the five predefined ones, in text or attributes.
const xmlNode* entity_reference(const xmlNode* node) {
    for (; node; node = node->next) {
        if (node->type == XML_ENTITY_REF_NODE) return node;
        if (node->type != XML_ELEMENT_NODE) continue;
        for (const xmlAttr* a = node->properties; a; a = a->next)
            if (const xmlNode* r = entity_reference(a->children)) return r;
        if (const xmlNode* r = entity_reference(node->children)) return r;
    }
    return nullptr;
}

std::string qualified_name(const xmlNode* n) {
    const std::string local = reinterpret_cast<const char*>(n->name);
    if (n->ns && n->ns->prefix) return reinterpret_cast<const char*>(n->ns->prefix) + (":" + local);
    return local;
}

int count_named(const xmlNode* node, const std::string& name) {
    int n = 0;
    for (; node; node = node->next) {
        if (node->type != XML_ELEMENT_NODE) continue;
        if (qualified_name(node) == name) ++n;
        n += count_named(node->children, name);
    }
    return n;
}

}  // namespace

std::string problems(const std::string& xml) {
    std::string why;
    const Doc doc = parse(xml, why);
    if (!doc) return why;
    // We write no DTDs: a declared entity would let an undefined-looking reference through.
    if (doc->intSubset)
        for (const xmlNode* d = doc->intSubset->children; d; d = d->next)
            if (d->type == XML_ENTITY_DECL) return "the DOCTYPE declares entity " + std::string(reinterpret_cast<const char*>(d->name));
    if (const xmlNode* r = entity_reference(xmlDocGetRootElement(doc.get())))
        return "line " + std::to_string(xmlGetLineNo(r)) + ": reference to entity &" +
               reinterpret_cast<const char*>(r->name) + ";";
    return "";
}

int count_elements(const std::string& xml, const std::string& name) {
    std::string why;
    const Doc doc = parse(xml, why);
    if (!doc) return -1;
    return count_named(xmlDocGetRootElement(doc.get()), name);
}

}  // namespace xmlcheck
