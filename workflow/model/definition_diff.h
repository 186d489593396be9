// What changed between two versions of a definition, as a designer reads it:
// steps and flows added, removed or changed, and which of their properties.
// Positions on the diagram are not changes of the process and are left out.
#pragma once

#include "workflow/model/process_definition.h"

#include <string>
#include <vector>

namespace tongban::workflow {

struct DefinitionChange {
    enum class Kind { Added, Removed, Changed };
    enum class Element { Definition, Field, Node, Flow };
    Kind kind = Kind::Changed;
    Element element = Element::Node;
    std::string id;  ///< node or flow id, field path; empty for the definition itself
    std::vector<std::string> members;  ///< Changed: the members that differ, as the JSON format names them
};

/// Definition members first, then fields, nodes and flows, each in the order of `after` (removals in the order of `before`).
std::vector<DefinitionChange> diffDefinitions(const ProcessDefinition& before, const ProcessDefinition& after);

/// "修改 节点 accept：name, timeLimit" / "changed node accept: name, timeLimit"
std::string describe(const DefinitionChange& change, bool chinese);

} // namespace tongban::workflow
