// The workflow editor's model without a display: every edit undone and redone
// restores the model exactly, validation follows each edit, and refused edits
// change nothing.
#include "client/editor/draft_recovery.h"
#include "client/editor/process_editor.h"
#include "client/session/session.h"
#include "workflow/model/definition_json.h"

#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace tongban;
using namespace tongban::client;
using workflow::NodeKind;
using workflow::Point;

namespace {

workflow::ProcessDefinition restaurant()
{
    std::ifstream in(std::string(TONGBAN_SOURCE_DIR) + "/docs/examples/restaurant-opening.json");
    std::ostringstream text;
    text << in.rdbuf();
    auto loaded = workflow::readDefinition(text.str());
    BOOST_TEST_REQUIRE(loaded.has_value());
    return loaded->definition;
}

std::string json(const ProcessEditor& editor) { return workflow::writeDefinition(editor.model()); }

bool hasCode(const ProcessEditor& editor, const std::string& code)
{
    return std::ranges::any_of(editor.validation().diagnostics, [&](const auto& d) { return d.code == code; });
}

} // namespace

BOOST_AUTO_TEST_SUITE(Editor)

BOOST_AUTO_TEST_CASE(DrawingAProcessIsValidatedAtEveryStep)
{
    ProcessEditor editor(ProcessEditor::blank("newborn-lite", "新生儿出生（简）"));
    BOOST_TEST(!editor.dirty());
    const auto start = editor.model().nodes()[0].id;
    const auto end = editor.model().nodes()[1].id;
    const auto task = editor.addNode(NodeKind::Task, {303, 97});
    BOOST_TEST(editor.dirty());
    // Placed on the grid, centred where it was dropped.
    const auto& bounds = *editor.model().nodes()[*editor.model().findNode(task)].bounds;
    BOOST_TEST(bounds.x == 250.0);
    BOOST_TEST(bounds.y == 60.0);
    BOOST_TEST(hasCode(editor, "task.department-missing"));
    BOOST_TEST_REQUIRE(editor.setNode(task, NodeProperty::Department, "卫生健康委员会").has_value());
    BOOST_TEST(!hasCode(editor, "task.department-missing"));
    BOOST_TEST_REQUIRE(editor.setNode(task, NodeProperty::TimeLimit, "3 个工作日").has_value());
    BOOST_TEST(editor.nodeProperty(task, NodeProperty::TimeLimit) == "3 workingDays");

    // Route the flow through the task: remove the direct one, connect two new ones.
    editor.remove({editor.model().flows()[0].id});
    BOOST_TEST_REQUIRE(editor.connect(start, task).has_value());
    BOOST_TEST_REQUIRE(editor.connect(task, end).has_value());
    BOOST_TEST(editor.validation().ok());
    BOOST_TEST((editor.criticalPath() == std::vector<std::string>{start, task, end}));
    BOOST_TEST(editor.validation().criticalPath->workingDays == 3.0);
    // The critical path is held against the promise as it changes.
    BOOST_TEST_REQUIRE(editor.setProcess(ProcessProperty::PromisedLimit, "2").has_value());
    BOOST_TEST(hasCode(editor, "limit.promised-below-critical-path"));
    BOOST_TEST_REQUIRE(editor.setProcess(ProcessProperty::PromisedLimit, "5 workingDays").has_value());
    BOOST_TEST(editor.validation().ok());
    BOOST_TEST(editor.processProperty(ProcessProperty::PromisedLimit) == "5 workingDays");

    // Refused edits say why and change nothing.
    const auto before = json(editor);
    const auto revision = editor.revision();
    BOOST_TEST(editor.connect(end, task).error().message.en == "nothing follows an end");
    BOOST_TEST(editor.connect(task, start).error().message.en == "nothing leads into the start");
    BOOST_TEST(editor.connect(start, task).error().message.en == "these two nodes are already connected");
    BOOST_TEST(editor.setNode(task, NodeProperty::TimeLimit, "三天").error().message.en.starts_with("the limit '三天' does not read"));
    BOOST_TEST(editor.setNode(start, NodeProperty::Department, "x").error().message.en.starts_with("only tasks have"));
    BOOST_TEST(json(editor) == before);
    BOOST_TEST(editor.revision() == revision);
    editor.markSaved();
    BOOST_TEST(!editor.dirty());
}

BOOST_AUTO_TEST_CASE(EveryEditUndoneAndRedoneRestoresTheModelExactly)
{
    ProcessEditor editor(restaurant());
    std::vector<std::string> states{json(editor)};
    const auto record = [&] { states.push_back(json(editor)); };
    const auto gateway = editor.addNode(NodeKind::ExclusiveGateway, {400, 500});
    record();
    editor.move({"food", "signboard", gateway}, 37, -12);
    record();
    BOOST_TEST_REQUIRE(editor.connect("licence-check", gateway).has_value());
    record();
    const auto flow = editor.model().flows().back().id;
    BOOST_TEST_REQUIRE(editor.setFlow(flow, FlowProperty::Condition, "business.area > 100").has_value());
    record();
    BOOST_TEST_REQUIRE(editor.setFlow(flow, FlowProperty::Default, "true").has_value());
    record();
    BOOST_TEST_REQUIRE(editor.setNode("food", NodeProperty::Name, "食品经营许可审查").has_value());
    record();
    const auto pasted = editor.paste(editor.copy({"food", "signboard"}), {0, 300});
    BOOST_TEST_REQUIRE(pasted.has_value());
    record();
    editor.remove({"tobacco", "issue"});
    record();
    editor.layOut();
    record();
    BOOST_TEST(editor.undoName() == "Lay out");

    for (std::size_t i = states.size() - 1; i > 0; --i) {
        editor.undo();
        BOOST_TEST(json(editor) == states[i - 1], "undo back to step " << i - 1);
    }
    BOOST_TEST(!editor.canUndo());
    BOOST_TEST(!editor.dirty());  // back where it was opened
    for (std::size_t i = 1; i < states.size(); ++i) {
        editor.redo();
        BOOST_TEST(json(editor) == states[i], "redo to step " << i);
    }
    BOOST_TEST(!editor.canRedo());
    // A new edit after an undo drops what could have been redone.
    editor.undo();
    editor.move({"food"}, 10, 0);
    BOOST_TEST(!editor.canRedo());
}

BOOST_AUTO_TEST_CASE(APublishedDefinitionOpensAsTheDraftOfItsNextVersion)
{
    auto published = restaurant();
    published.status = workflow::DefinitionStatus::Published;
    const auto version = published.version;
    ProcessEditor editor(published);
    BOOST_TEST(editor.model().version == version + 1);
    BOOST_TEST((editor.model().status == workflow::DefinitionStatus::Draft));
    BOOST_TEST(std::ranges::all_of(editor.model().nodes(), [](const auto& node) { return node.bounds.has_value(); }));
    BOOST_TEST(editor.validation().ok());
}

BOOST_AUTO_TEST_CASE(PointsAndRectanglesSelectWhatIsDrawnThere)
{
    ProcessEditor editor(ProcessEditor::blank("p", "p"));
    const auto& start = *editor.model().nodes()[0].bounds;
    BOOST_TEST(*editor.elementAt({start.x + 5, start.y + 5}) == "start");
    const auto& line = editor.model().flows()[0].waypoints;
    const Point middle{(line.front().x + line.back().x) / 2, (line.front().y + line.back().y) / 2 + 3};
    BOOST_TEST(*editor.elementAt(middle) == "flow-1");
    BOOST_TEST(!editor.elementAt({-500, -500}).has_value());
    BOOST_TEST((editor.nodesIn({0, 0, 2000, 2000}) == std::vector<std::string>{"start", "end"}));
    BOOST_TEST(editor.nodesIn({start.x + 1, start.y, 10, 10}).empty());  // only what lies wholly inside
}

BOOST_AUTO_TEST_CASE(ConditionsAreCheckedAsTyped)
{
    ProcessEditor editor(restaurant());
    BOOST_TEST(!editor.conditionProblem("business.area > 100").has_value());
    BOOST_TEST(editor.conditionProblem("business.area > ").has_value());
    const auto typed = editor.conditionProblem("business.area == \"大\"");
    BOOST_TEST_REQUIRE(typed.has_value());
    BOOST_TEST(typed->message.en.starts_with("at character"));
    const auto flow = editor.model().flows()[0].id;
    const auto refused = editor.setFlow(flow, FlowProperty::Condition, "business.area >");
    BOOST_TEST_REQUIRE(!refused.has_value());
    BOOST_TEST(refused.error().message.en.starts_with("condition, at character"));
    BOOST_TEST(editor.setFlow(flow, FlowProperty::Kind, "sideways").error().message.en ==
               "unknown flow kind 'sideways' (sequence, return or rejection)");
}

BOOST_AUTO_TEST_CASE(OnlyADesignerPublishesAndOnlyAValidDraft)
{
    const auto folder = std::filesystem::temp_directory_path() / ("tongban-publish-" + std::to_string(::getpid()));
    std::filesystem::remove_all(folder);
    {
        auto session = Session::open((folder / "workspace.db").string(), 0);
        ProcessEditor editor(ProcessEditor::blank("gui-drawn", "新流程"));
        BOOST_TEST(publishDraft(*session, editor).error().message.en.starts_with("Only designers publish"));
        BOOST_TEST(session->switchTo("designer01"));
        editor.addNode(NodeKind::Task, {200, 300});  // a step without a department or a way in
        BOOST_TEST(publishDraft(*session, editor).error().message.en.starts_with("The process has errors"));
        editor.undo();
        const auto published = publishDraft(*session, editor);
        BOOST_TEST_REQUIRE(published.has_value());
        BOOST_TEST((published->status == workflow::DefinitionStatus::Published));
        BOOST_TEST(session->store().definition("gui-drawn", 1) != nullptr);
    }
    std::filesystem::remove_all(folder);
}

BOOST_AUTO_TEST_CASE(AnUnsavedDraftIsKeptForRecoveryUntilSaved)
{
    const auto folder = std::filesystem::temp_directory_path() / ("tongban-drafts-" + std::to_string(::getpid()));
    std::filesystem::remove_all(folder);
    const auto workspace = (folder / "workspace.db").string();
    BOOST_TEST(draftsToRecover(workspace).empty());
    ProcessEditor editor(restaurant());
    editor.addNode(NodeKind::Task, {100, 600});
    const auto file = recoveryFile(workspace, editor.model().key);
    BOOST_TEST(file.filename() == "restaurant-opening.json");
    BOOST_TEST(recoveryFile(workspace, "a/../b c").filename() == "a____b_c.json");  // no way out of the folder
    keepForRecovery(file, editor.model());
    const auto found = draftsToRecover(workspace);
    BOOST_TEST_REQUIRE(found.size() == 1u);
    std::ifstream in(found.front());
    std::ostringstream text;
    text << in.rdbuf();
    const auto recovered = workflow::readDefinition(text.str());
    BOOST_TEST_REQUIRE(recovered.has_value());
    BOOST_TEST(workflow::writeDefinition(recovered->definition) == json(editor));
    forgetRecovery(file);
    BOOST_TEST(draftsToRecover(workspace).empty());
    std::filesystem::remove_all(folder);
}

BOOST_AUTO_TEST_SUITE_END()
