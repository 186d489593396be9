// BPMN 2.0 interchange: the subset the engine runs (events, tasks, parallel,
// exclusive and inclusive gateways, sequence flows with conditions and
// defaults, lanes as departments, rework loops as return flows) with BPMN DI
// positions, and Tongban's own attributes in an extension namespace. What a
// file holds beyond that is named in a diagnostic, never dropped silently;
// what other tools wrote on an element is kept and written back
// (docs/formats/bpmn.md).
#pragma once

#include "workflow/model/diagnostic.h"
#include "workflow/model/process_definition.h"

#include <cstddef>
#include <expected>
#include <string>
#include <string_view>

namespace tongban::workflow::bpmn {

/// The namespace of Tongban's attributes and elements in BPMN files.
inline constexpr std::string_view kTongbanNamespace = "urn:tongban:bpmn:1";

/// A file larger or deeper than these is refused before it can exhaust memory or the stack.
struct ReadLimits {
    std::size_t maxBytes = 20u << 20;
    std::size_t maxDepth = 128;
};

/// A definition read from BPMN, with a warning for every element that could
/// not be imported as it was (turned into a task, bridged, or left out).
struct BpmnImport {
    ProcessDefinition definition;
    Diagnostics diagnostics;
};

/// Why a file could not be read at all: not XML, hostile, not BPMN, or a loop
/// the engine cannot run (then in Chinese and English).
struct BpmnError {
    int line = 0;
    int column = 0;
    std::string message;
};

std::expected<BpmnImport, BpmnError> readBpmn(std::string_view xml, const ReadLimits& limits = {});

/// BPMN 2.0 XML with a diagram (nodes without a position are laid out) that
/// readBpmn() reads back to an equal definition, other tools' attributes and
/// extension elements where they were read. Throws Poco::XML::SAXParseException
/// for a kept extension element that is not well-formed, which only a
/// definition built in code can hold: the readers refuse one.
std::string writeBpmn(const ProcessDefinition& definition);

} // namespace tongban::workflow::bpmn
