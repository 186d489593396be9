#include "workflow/bpmn/element_copy.h"

#include <Poco/SAX/DefaultHandler.h>
#include <Poco/SAX/SAXParser.h>

namespace tongban::workflow::bpmn {

namespace {

bool blank(const std::string& text) { return text.find_first_not_of(" \t\r\n") == std::string::npos; }

void parse(const std::string& element, Poco::XML::ContentHandler& handler)
{
    Poco::XML::SAXParser parser;
    parser.setFeature(Poco::XML::XMLReader::FEATURE_NAMESPACES, true);
    parser.setFeature(Poco::XML::XMLReader::FEATURE_NAMESPACE_PREFIXES, true);  // the prefixes to keep
    parser.setContentHandler(&handler);
    parser.parseMemoryNP(element.data(), element.size());
}

} // namespace

void ElementCopier::start(const std::string& uri, const std::string& local, const std::string& qname,
                          const Poco::XML::Attributes& attributes)
{
    writeText(true);
    const std::string inScope = m_open.empty() ? std::string() : m_open.back().defaultNamespace;
    if (!m_open.empty())
        m_open.back().hasChildren = true;
    // The writer invents a prefix for a namespace it does not know; an unprefixed name keeps the default one.
    const bool unprefixed = qname.find(':') == std::string::npos;
    if (unprefixed && uri != inScope)
        m_to.startPrefixMapping({}, uri);
    m_open.push_back({unprefixed ? uri : inScope, false});
    m_to.startElement(uri, local, qname, attributes);
}

void ElementCopier::end(const std::string& uri, const std::string& local, const std::string& qname)
{
    writeText(m_open.back().hasChildren);
    m_to.endElement(uri, local, qname);
    m_open.pop_back();
}

void ElementCopier::writeText(bool betweenElements)
{
    if (!m_text.empty() && !(betweenElements && blank(m_text)))
        m_to.characters(m_text);
    m_text.clear();
}

void copyElement(const std::string& element, Poco::XML::XMLWriter& to)
{
    struct Replay : Poco::XML::DefaultHandler {
        explicit Replay(Poco::XML::XMLWriter& writer) : copier(writer) {}
        void startElement(const Poco::XML::XMLString& uri, const Poco::XML::XMLString& local, const Poco::XML::XMLString& qname,
                          const Poco::XML::Attributes& attributes) override
        {
            copier.start(uri, local, qname, attributes);
        }
        void endElement(const Poco::XML::XMLString& uri, const Poco::XML::XMLString& local,
                        const Poco::XML::XMLString& qname) override
        {
            copier.end(uri, local, qname);
        }
        void characters(const Poco::XML::XMLChar text[], int start, int length) override
        {
            copier.characters(text + start, static_cast<std::size_t>(length));
        }
        ElementCopier copier;
    } replay(to);
    parse(element, replay);
}

std::vector<std::pair<std::string, std::string>> prefixesOf(const std::string& element)
{
    struct Declarations : Poco::XML::DefaultHandler {
        void startPrefixMapping(const Poco::XML::XMLString& prefix, const Poco::XML::XMLString& uri) override
        {
            if (!prefix.empty())
                found.emplace_back(prefix, uri);
        }
        std::vector<std::pair<std::string, std::string>> found;
    } declarations;
    parse(element, declarations);
    return declarations.found;
}

} // namespace tongban::workflow::bpmn
