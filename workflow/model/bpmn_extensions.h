// What other BPMN tools write on an element that Tongban keeps for them.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tongban::workflow {

/// An attribute another BPMN tool wrote on an element, in that tool's namespace.
struct BpmnAttribute {
    std::string namespaceUri;
    std::string name;  ///< as the file wrote it, with its prefix: "camunda:asyncBefore"
    std::string value;
    friend bool operator==(const BpmnAttribute&, const BpmnAttribute&) = default;
};

/// What other BPMN tools (Camunda, Flowable, Signavio …) wrote on an element
/// that Tongban neither runs nor maps, kept as it was read so that the
/// definition exported to BPMN gives it back to them (docs/formats/bpmn.md).
struct BpmnExtensions {
    std::vector<BpmnAttribute> attributes;
    /// The element's extension elements, each one XML element that declares the namespaces it uses.
    std::vector<std::string> elements;

    bool empty() const { return attributes.empty() && elements.empty(); }
    friend bool operator==(const BpmnExtensions&, const BpmnExtensions&) = default;
};

/// Why `element` cannot be kept as an extension element: not one well-formed
/// XML element, or one with a document type declaration (whose entities could
/// be made to grow without end). std::nullopt when it can.
std::optional<std::string> whyNotOneXmlElement(std::string_view element);

} // namespace tongban::workflow
