// The individual checks behind validate(), sharing one view of the model.
#pragma once

#include "workflow/model/diagnostic.h"
#include "workflow/model/process_definition.h"

#include <optional>
#include <string>
#include <vector>

namespace tongban::workflow::analysis {

/// The model seen by the checks: sequence flows per node, in and out, and
/// whether they form a directed acyclic graph (loops must be return flows).
struct ModelView {
    explicit ModelView(const ProcessDefinition& definition);

    const ProcessDefinition& definition;
    std::vector<std::vector<std::size_t>> sequenceOut;  ///< flow indices
    std::vector<std::vector<std::size_t>> sequenceIn;
    std::vector<std::vector<std::size_t>> rejectionIn;
    std::optional<std::size_t> start;                   ///< when there is exactly one
    std::vector<bool> onMainPath;                       ///< reached from the start by sequence flows
    bool acyclic = true;

    const Node& node(std::size_t n) const { return definition.nodes()[n]; }
    bool isSplit(std::size_t n) const { return sequenceIn[n].size() == 1 && sequenceOut[n].size() > 1; }
    bool isJoin(std::size_t n) const { return sequenceIn[n].size() > 1 && sequenceOut[n].size() == 1; }
};

/// Immediate dominators and post-dominators over sequence flows (Boost's
/// Lengauer-Tarjan). Post-dominators use a virtual exit behind every end.
struct Dominance {
    std::vector<std::optional<std::size_t>> idom;   ///< empty for the start and unreachable nodes
    std::vector<std::optional<std::size_t>> ipdom;  ///< empty when it is the virtual exit
    bool dominates(std::size_t a, std::size_t b) const;
};
Dominance computeDominance(const ModelView& view);

/// Dominators over sequence flows: which flows every path from the start to a
/// given flow passes. Each flow is split into a vertex of its own between its
/// source and target, so Lengauer-Tarjan answers for flows as for nodes.
struct FlowDominance {
    std::size_t nodeCount = 0;
    std::vector<std::optional<std::size_t>> idom;  ///< over nodes, then flows (offset by nodeCount)
    /// The flows dominating `flow`, nearest first, `flow` itself included.
    std::vector<std::size_t> dominatingFlows(std::size_t flow) const;
};
FlowDominance computeFlowDominance(const ModelView& view);

void addFinding(Diagnostics& out, Severity severity, std::string code, std::string element, std::string zh,
                std::string en);

/// Parallel and inclusive splits and joins must close each other (SESE blocks).
/// Returns, for each join, the split it closes.
std::vector<std::optional<std::size_t>> checkSplitJoinMatching(const ModelView& view, const Dominance& dominance,
                                                               Diagnostics& out);

/// Deadlock, lack of synchronisation and improper completion (docs/engine/soundness.md).
void checkSoundness(const ModelView& view, Diagnostics& out);

/// Every exclusive and inclusive split has a default flow or conditions that
/// provably cover every value of the fields they read.
void checkGatewayCoverage(const ModelView& view, Diagnostics& out);

} // namespace tongban::workflow::analysis
