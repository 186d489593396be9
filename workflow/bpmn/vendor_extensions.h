// What other BPMN tools write on an element: Camunda's, Activiti's and
// Flowable's attributes that Tongban has a notion for are mapped onto it, and
// everything else is kept for export and named in a warning.
#pragma once

#include "workflow/model/diagnostic.h"
#include "workflow/model/process_definition.h"

#include <string>
#include <vector>

namespace tongban::workflow::bpmn {

/// An extension element as the reader copied it.
struct KeptElement {
    std::string name;   ///< as the file wrote it, with its prefix: "camunda:taskListener"
    std::string event;  ///< a listener's event ("create", "end"); empty for other elements
    std::string xml;
};

/// Another tool's attributes and extension elements on one element of a file.
struct VendorExtensions {
    std::vector<BpmnAttribute> attributes;
    std::vector<KeptElement> elements;
};

/// Maps onto a task what Tongban's own attributes left open — one candidate
/// group to its department, a due date of whole days (P5D) to its limit in
/// natural days, a form key naming a section the process declares fields in
/// to its form section — and returns the rest, to keep. Each attribute that a
/// designer relies on and that could not be mapped (a candidate user, an
/// assignee …) is named with why (`bpmn.attribute-not-mapped`), each
/// listener (`bpmn.listener-kept`), and the rest in one warning
/// (`bpmn.extension-kept`).
BpmnExtensions importVendorExtensions(const VendorExtensions& vendor, Node& node, const ProcessDefinition& definition,
                                      Diagnostics& out);

/// The same for a flow or the process, where nothing is mapped.
BpmnExtensions keepVendorExtensions(const VendorExtensions& vendor, const std::string& elementId, Diagnostics& out);

} // namespace tongban::workflow::bpmn
