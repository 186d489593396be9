// Copying XML elements that other tools wrote, event by event through Poco's
// SAX and XMLWriter: out of a BPMN file into text that declares its own
// namespaces, and from that text back into a file being written.
#pragma once

#include <Poco/SAX/Attributes.h>
#include <Poco/XML/XMLWriter.h>

#include <string>
#include <utility>
#include <vector>

namespace tongban::workflow::bpmn {

/// Writes the elements it is given to an XMLWriter, keeping each prefix the
/// source used. Blank text between elements is the source's indentation and
/// is left to the writer; other text is copied (CDATA as the text it holds).
class ElementCopier {
public:
    explicit ElementCopier(Poco::XML::XMLWriter& to) : m_to(to) {}

    void start(const std::string& uri, const std::string& local, const std::string& qname,
               const Poco::XML::Attributes& attributes);
    void end(const std::string& uri, const std::string& local, const std::string& qname);
    void characters(const char* text, std::size_t length) { m_text.append(text, length); }
    /// Whether every element started has ended.
    bool closed() const { return m_open.empty(); }

private:
    struct Open {
        std::string defaultNamespace;
        bool hasChildren = false;
    };

    void writeText(bool betweenElements);

    Poco::XML::XMLWriter& m_to;
    std::vector<Open> m_open;
    std::string m_text;
};

/// Writes `element` (one well-formed XML element) into `to` where it stands.
/// Throws Poco::XML::SAXParseException when it is not well-formed.
void copyElement(const std::string& element, Poco::XML::XMLWriter& to);

/// The prefixes `element` declares and their namespaces, in order.
std::vector<std::pair<std::string, std::string>> prefixesOf(const std::string& element);

} // namespace tongban::workflow::bpmn
