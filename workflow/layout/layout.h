// Placing a process on a diagram: a layered layout left to right for models
// drawn by no one (JSON written by hand, the catalogue's processes), and
// straight connections for flows a diagram left without a line.
#pragma once

#include "workflow/model/process_definition.h"

namespace tongban::workflow {

/// The size a diagram gives each kind of node (BPMN tools draw these sizes).
Bounds defaultSize(NodeKind kind);

/// The line a diagram draws from one shape to another: out of the right side
/// into the left, with an elbow when they are not level; out of the bottom or
/// top when the target lies below or above; under both shapes when it lies
/// behind the source on the same level (a return).
std::vector<Point> route(const Bounds& from, const Bounds& to);

/// Places every node in layers along the longest forward path from the
/// start (return flows point back and do not count), ordered within a layer
/// to keep lines short, and draws every flow; positions already set are replaced.
void layOut(ProcessDefinition& definition);

/// Keeps what is placed and places the rest: when no node has a position the
/// whole model is laid out; otherwise unplaced nodes go below the drawing,
/// and flows without a line get a straight one between their nodes' edges.
void completeLayout(ProcessDefinition& definition);

} // namespace tongban::workflow
