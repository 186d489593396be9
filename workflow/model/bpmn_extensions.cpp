#include "workflow/model/bpmn_extensions.h"

#include <Poco/SAX/DefaultHandler.h>
#include <Poco/SAX/SAXException.h>
#include <Poco/SAX/SAXParser.h>

namespace tongban::workflow {

std::optional<std::string> whyNotOneXmlElement(std::string_view element)
{
    // Refused before parsing: expat would expand a declared entity before any callback could stop it.
    if (element.find("<!DOCTYPE") != std::string_view::npos)
        return "a document type declaration (DOCTYPE) is not accepted in an extension element";
    Poco::XML::DefaultHandler ignored;
    Poco::XML::SAXParser parser;
    parser.setFeature(Poco::XML::XMLReader::FEATURE_NAMESPACES, true);
    parser.setContentHandler(&ignored);
    try {
        // XML allows one root element: a second, or text beside it, does not parse.
        parser.parseMemoryNP(element.data(), element.size());
    } catch (const Poco::XML::SAXParseException& error) {
        return "not one well-formed XML element: " + error.message();
    } catch (const Poco::Exception& error) {
        return "not one well-formed XML element: " + error.displayText();
    }
    return std::nullopt;
}

} // namespace tongban::workflow
