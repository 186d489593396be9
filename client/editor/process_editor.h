// The workflow editor's model, without a display: a draft definition, every
// edit as one undoable step, the engine's validation and critical path after
// each of them, selection by point or rectangle, copy and paste, layout.
#pragma once

#include "workflow/analysis/validator.h"
#include "workflow/model/bilingual.h"
#include "workflow/model/process_definition.h"

#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <vector>

namespace tongban::client {

/// Why an edit was refused, for the user; the model is unchanged.
struct EditRefusal {
    workflow::Bilingual message;
};

enum class NodeProperty { Name, Department, Role, Matter, FormSection, TimeLimit, Documentation };
enum class FlowProperty { Name, Condition, Default, Kind, Documentation };
enum class ProcessProperty { Name, PromisedLimit, LegalLimit, Documentation };

/// Positions snap to this grid, in diagram units.
inline constexpr double kEditorGrid = 10;

class ProcessEditor {
public:
    /// Edits `draft`; a published definition is edited as the draft of its next version.
    explicit ProcessEditor(workflow::ProcessDefinition draft);
    /// A new process: a start and an end, laid out.
    static workflow::ProcessDefinition blank(const std::string& key, const std::string& name);

    const workflow::ProcessDefinition& model() const { return m_model; }
    /// The engine's findings and critical path for the model as it stands.
    const workflow::ValidationReport& validation() const { return m_validation; }
    /// Node ids on the critical path, in order; empty when there is none.
    std::vector<std::string> criticalPath() const;

    // Edits: each is one step to undo; a refused one changes nothing.
    std::string addNode(workflow::NodeKind kind, workflow::Point centre);
    std::expected<std::string, EditRefusal> connect(const std::string& from, const std::string& to);
    /// Moves nodes (and the ends of their flows) by a distance, snapped; a whole drag is one call.
    void move(const std::vector<std::string>& nodes, double dx, double dy);
    /// Removes nodes and flows; a removed node takes its flows with it.
    void remove(const std::vector<std::string>& elements);
    std::expected<void, EditRefusal> setNode(const std::string& node, NodeProperty property, const std::string& value);
    std::expected<void, EditRefusal> setFlow(const std::string& flow, FlowProperty property, const std::string& value);
    std::expected<void, EditRefusal> setProcess(ProcessProperty property, const std::string& value);
    void layOut();
    /// The selected nodes and the flows between them, as definition JSON for the clipboard.
    std::string copy(const std::vector<std::string>& elements) const;
    /// Adds what copy() gave, with new ids, moved by `offset`; the new elements' ids.
    std::expected<std::vector<std::string>, EditRefusal> paste(const std::string& clipboard, workflow::Point offset);

    bool canUndo() const { return !m_undo.empty(); }
    bool canRedo() const { return !m_redo.empty(); }
    /// What Undo and Redo would do, in English source text ("Move", "Delete" …).
    std::string undoName() const { return canUndo() ? m_undo.back().name : std::string(); }
    std::string redoName() const { return canRedo() ? m_redo.back().name : std::string(); }
    void undo();
    void redo();

    /// Differs from what was last saved (or opened): undoing back to it is clean again.
    bool dirty() const { return currentStep() != m_savedStep; }
    void markSaved() { m_savedStep = currentStep(); }
    /// Grows with every edit, undo and redo; views redraw when it moves.
    std::uint64_t revision() const { return m_revision; }

    /// The element drawn at a point: nodes over flows, the top one first.
    std::optional<std::string> elementAt(workflow::Point point) const;
    /// The nodes inside a rectangle (rubber-band selection).
    std::vector<std::string> nodesIn(const workflow::Bounds& area) const;

    /// What is wrong with a condition as typed: syntax, then types against the
    /// declared fields; std::nullopt when it reads.
    std::optional<EditRefusal> conditionProblem(const std::string& text) const;

    /// A property as the properties panel shows it ("5 workingDays" for a limit).
    std::string nodeProperty(const std::string& node, NodeProperty property) const;
    std::string flowProperty(const std::string& flow, FlowProperty property) const;
    std::string processProperty(ProcessProperty property) const;

private:
    struct Step {
        std::uint64_t serial = 0;
        std::string name;
        workflow::ProcessDefinition before;
        workflow::ProcessDefinition after;
    };

    /// Runs `change` on a copy; keeps it, with an undo step, unless it refuses.
    template <typename Change>
    auto edit(const std::string& name, Change&& change) -> decltype(change(std::declval<workflow::ProcessDefinition&>()));
    void changed();
    std::string freshId(const std::string& prefix) const;

    workflow::ProcessDefinition m_model;
    workflow::ValidationReport m_validation;
    std::vector<Step> m_undo;
    std::vector<Step> m_redo;
    std::uint64_t m_revision = 0;
    std::uint64_t m_lastSerial = 0;
    std::uint64_t m_savedStep = 0;  ///< the step whose result was saved; 0: the model as opened
    std::uint64_t m_baseStep = 0;   ///< the step whose result the oldest undo starts from

    std::uint64_t currentStep() const { return m_undo.empty() ? m_baseStep : m_undo.back().serial; }
};

class Session;

/// Publishes the draft to the session's workspace as its version: only a
/// designer or an administrator, only when it validates. The published
/// definition, from which the next draft follows.
std::expected<workflow::ProcessDefinition, EditRefusal> publishDraft(Session& session, const ProcessEditor& editor);

/// "5 workingDays", "5 个工作日" or "5": a limit; std::nullopt for anything else.
std::optional<workflow::TimeLimit> readLimitText(const std::string& text);

} // namespace tongban::client
