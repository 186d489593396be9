// BPMN 2.0 interchange: real models from other tools import, export and
// import again to the same definition; ours survive BPMN whole; what BPMN
// holds beyond the engine is named, and what other tools wrote goes back out;
// rework loops run as return flows; hostile XML is an error, never a hang.
#include "tests/workflow/model_builder.h"
#include "tests/workflow/random_models.h"
#include "workflow/analysis/validator.h"
#include "workflow/bpmn/bpmn.h"
#include "workflow/layout/layout.h"
#include "workflow/model/definition_json.h"
#include "workflow/runtime/engine.h"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace tongban::workflow;
using namespace tongban::workflow::bpmn;

namespace {

const std::filesystem::path kCorpus = std::filesystem::path(TONGBAN_SOURCE_DIR) / "tests" / "data" / "bpmn-corpus";

std::string readFile(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

/// Our definition as JSON once a diagram has placed it: what BPMN must carry.
std::string placed(ProcessDefinition definition)
{
    const auto status = definition.status;
    definition.status = DefinitionStatus::Draft;
    completeLayout(definition);
    definition.status = status;
    return writeDefinition(definition);
}

/// What an import keeps for other tools is named again each time the file is read; nothing else is.
bool onlyNamesWhatIsKept(const Diagnostics& diagnostics)
{
    return std::ranges::all_of(diagnostics, [](const Diagnostic& diagnostic) {
        return diagnostic.code == "bpmn.extension-kept" || diagnostic.code == "bpmn.listener-kept" ||
               diagnostic.code == "bpmn.attribute-not-mapped";
    });
}

std::string roundTrip(const ProcessDefinition& definition)
{
    const auto imported = readBpmn(writeBpmn(definition));
    BOOST_TEST_REQUIRE(imported.has_value(), (imported ? std::string() : imported.error().message));
    BOOST_TEST(onlyNamesWhatIsKept(imported->diagnostics), "our own export reads back without a new warning");
    return writeDefinition(imported->definition);
}

constexpr std::string_view kHead = R"(<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="urn:t">
)";

std::string model(const std::string& body) { return std::string(kHead) + body + "</bpmn:definitions>\n"; }

std::vector<std::string> codesAndElements(const Diagnostics& diagnostics)
{
    std::vector<std::string> codes;
    for (const auto& diagnostic : diagnostics)
        codes.push_back(diagnostic.code + " " + diagnostic.elementId);
    return codes;
}

BpmnImport imported(const std::string& xml)
{
    auto result = readBpmn(xml);
    BOOST_TEST_REQUIRE(result.has_value(), (result ? std::string() : result.error().message));
    return std::move(*result);
}

std::string refusal(const std::string& xml)
{
    const auto result = readBpmn(xml);
    BOOST_TEST_REQUIRE(!result.has_value(), "the file should be refused");
    return result.error().message;
}

/// The flow from one node to another, if the definition has one.
std::optional<Flow> flowBetween(const ProcessDefinition& definition, const std::string& from, const std::string& to)
{
    for (std::size_t f = 0; f < definition.flows().size(); ++f)
        if (definition.nodes()[definition.source(f)].id == from && definition.nodes()[definition.target(f)].id == to)
            return definition.flows()[f];
    return std::nullopt;
}

/// Runs a case of an imported definition: each step completes the open task at a node.
class Run {
public:
    explicit Run(const ProcessDefinition& definition)
    {
        auto compiled = ExecutableProcess::compile(definition);
        BOOST_TEST_REQUIRE(compiled.has_value(), "the imported definition validates");
        m_process = *compiled;
        apply(StartCase{"320100-20261130-000001", {}});
    }

    Run& complete(const std::string& node, Outcome outcome = Outcome::Approve, const std::string& returnTo = {})
    {
        const auto index = m_process->definition().findNode(node);
        const auto open = std::ranges::find_if(m_state.marking.openTasks, [&](const auto& task) { return task.node == index; });
        BOOST_TEST_REQUIRE((open != m_state.marking.openTasks.end()), "a task is open at " + node);
        apply(CompleteTask{open->number, outcome, outcome == Outcome::Approve ? "" : "材料不全", returnTo, {}});
        return *this;
    }

    bool ended() const { return m_state.status == CaseStatus::Completed; }

private:
    template <typename Body>
    void apply(Body body)
    {
        const Instant monday{std::chrono::sys_days{std::chrono::year{2026} / 11 / 30}};
        auto events = tongban::workflow::apply(*m_process, m_state, Command{std::move(body), {"clerk", "窗口"}, monday});
        BOOST_TEST_REQUIRE(events.has_value(), (events ? std::string() : events.error().describe()));
        evolve(m_state, *events);
    }

    std::shared_ptr<const ExecutableProcess> m_process;
    CaseState m_state;
};

constexpr std::string_view kTongbanPrefix = R"( xmlns:tongban="urn:tongban:bpmn:1")";

/// A task of the 市场监管局 with a limit, so that the imported definition validates.
std::string task(const std::string& id)
{
    return R"(<bpmn:userTask id=")" + id + R"(" tongban:department="市场监管局" tongban:timeLimit="1 workingDays"/>)";
}

std::string flow(const std::string& id, const std::string& from, const std::string& to, const std::string& condition = {})
{
    if (condition.empty())
        return R"(<bpmn:sequenceFlow id=")" + id + R"(" sourceRef=")" + from + R"(" targetRef=")" + to + R"("/>)";
    return R"(<bpmn:sequenceFlow id=")" + id + R"(" sourceRef=")" + from + R"(" targetRef=")" + to +
           R"("><bpmn:conditionExpression>)" + condition + "</bpmn:conditionExpression></bpmn:sequenceFlow>";
}

std::string process(const std::string& body)
{
    return model(R"(<bpmn:process id="p")" + std::string(kTongbanPrefix) + ">" + body + "</bpmn:process>\n");
}

} // namespace

BOOST_AUTO_TEST_SUITE(Bpmn)

BOOST_AUTO_TEST_CASE(EveryCorpusModelRoundTripsAndNamesWhatItCannotCarry)
{
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(kCorpus))
        if (entry.path().extension() == ".bpmn")
            files.push_back(entry.path());
    std::ranges::sort(files);
    BOOST_TEST_REQUIRE(files.size() == 50u);
    std::ostringstream listing;
    std::size_t imported = 0;
    for (const auto& file : files) {
        BOOST_TEST_CONTEXT(file.filename().string())
        {
            listing << file.filename().string() << "\n";
            const auto first = readBpmn(readFile(file));
            if (!first) {
                listing << "  refused " << first.error().line << ":" << first.error().column << " "
                        << first.error().message << "\n";
                continue;
            }
            ++imported;
            for (const auto& diagnostic : first->diagnostics)
                listing << "  " << diagnostic.code << " " << diagnostic.elementId << "\n";
            BOOST_TEST(!first->definition.nodes().empty());
            BOOST_TEST(std::ranges::all_of(first->definition.nodes(), [](const Node& n) { return n.bounds.has_value(); }));
            BOOST_TEST(roundTrip(first->definition) == writeDefinition(first->definition));
        }
    }
    BOOST_TEST(imported == 49u);
    // The diagnostics are part of the interface: a change to them is a change on purpose.
    const auto expected = readFile(std::filesystem::path(TONGBAN_SOURCE_DIR) / "tests" / "workflow" / "bpmn-corpus.expected");
    BOOST_TEST(listing.str() == expected);
    if (listing.str() != expected)
        std::ofstream("bpmn-corpus.actual") << listing.str();
}

BOOST_AUTO_TEST_CASE(OurDefinitionsSurviveBpmnWithEveryAttribute)
{
    for (const auto* name : {"reference-one-thing.json", "restaurant-opening.json"}) {
        const auto loaded = readDefinition(readFile(std::filesystem::path(TONGBAN_SOURCE_DIR) / "docs" / "examples" / name));
        BOOST_TEST_REQUIRE(loaded.has_value());
        BOOST_TEST(roundTrip(loaded->definition) == placed(loaded->definition), name);
    }
    std::mt19937 random(20261129);
    for (int i = 0; i < 200; ++i) {
        auto definition = testing::randomStructuredModel(random, 4);
        definition.documentation = "说明 <含特殊字符> & \"引号\"";
        BOOST_TEST(roundTrip(definition) == placed(definition));
    }
}

BOOST_AUTO_TEST_CASE(LanesNameDepartmentsAndIntermediateEventsAreBridged)
{
    const auto imported = readBpmn(model(R"(
  <bpmn:process id="p" name="退休">
    <bpmn:laneSet id="ls">
      <bpmn:lane id="l1" name="人力资源和社会保障局"><bpmn:flowNodeRef>review</bpmn:flowNodeRef></bpmn:lane>
      <bpmn:lane id="l2" name="医疗保障局"><bpmn:flowNodeRef>insure</bpmn:flowNodeRef></bpmn:lane>
    </bpmn:laneSet>
    <bpmn:startEvent id="s"/>
    <bpmn:userTask id="review" name="审核"><bpmn:documentation>核对档案</bpmn:documentation></bpmn:userTask>
    <bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition/></bpmn:intermediateCatchEvent>
    <bpmn:serviceTask id="insure" name="医保转移"/>
    <bpmn:endEvent id="e"/>
    <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="review"/>
    <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="wait"/>
    <bpmn:sequenceFlow id="f3" sourceRef="wait" targetRef="insure"/>
    <bpmn:sequenceFlow id="f4" sourceRef="insure" targetRef="e"/>
  </bpmn:process>
)"));
    BOOST_TEST_REQUIRE(imported.has_value(), (imported ? std::string() : imported.error().message));
    const auto& definition = imported->definition;
    BOOST_TEST(definition.key == "p");
    BOOST_TEST(definition.nodes().size() == 4u);
    const auto review = *definition.findNode("review");
    BOOST_TEST(definition.nodes()[review].department == "人力资源和社会保障局");
    BOOST_TEST(definition.nodes()[review].documentation == "核对档案");
    BOOST_TEST(definition.nodes()[*definition.findNode("insure")].department == "医疗保障局");
    const auto f2 = *definition.findFlow("f2");
    BOOST_TEST(definition.nodes()[definition.target(f2)].id == "insure");
    BOOST_TEST(!definition.findFlow("f3").has_value());
    std::vector<std::string> codes;
    for (const auto& diagnostic : imported->diagnostics)
        codes.push_back(diagnostic.code + " " + diagnostic.elementId);
    BOOST_TEST(codes == (std::vector<std::string>{"bpmn.activity-as-task insure", "bpmn.intermediate-event wait"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(HostileOrBrokenXmlIsAnErrorThatSaysWhy)
{
    const auto refused = [](const std::string& xml, const ReadLimits& limits = {}) {
        const auto result = readBpmn(xml, limits);
        BOOST_TEST_REQUIRE(!result.has_value());
        return result.error().message;
    };
    const std::string laughs = R"(<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL">&lol9;</bpmn:definitions>)";
    BOOST_TEST(refused(laughs).find("DOCTYPE") != std::string::npos);
    const std::string external = R"(<?xml version="1.0"?>
<!DOCTYPE d [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL">&secret;</bpmn:definitions>)";
    BOOST_TEST(refused(external).find("DOCTYPE") != std::string::npos);

    std::string huge = model("<bpmn:process id=\"p\"><bpmn:documentation>");
    huge.append(100u << 20, 'x');
    BOOST_TEST(refused(huge) == "the file is " + std::to_string(huge.size()) + " bytes; at most 20971520 are read");

    std::string deep(kHead);
    for (int i = 0; i < 10000; ++i)
        deep += "<bpmn:documentation>";
    BOOST_TEST(refused(deep) == "elements are nested more than 128 deep");

    // Found by fuzz_bpmn: a refusal thrown inside a parser callback crossed
    // expat's C frames, which then leaked what they were building (the
    // sanitizer run of this suite checks that nothing leaks now).
    const auto mutated = readFile(std::filesystem::path(TONGBAN_SOURCE_DIR) / "tests" / "data" / "fuzz-findings" /
                                  "bpmn-refused-inside-a-callback.bpmn");
    BOOST_TEST(refused(mutated).find("the root element is 'definitions'") != std::string::npos);
    // Found by fuzz_bpmn: the end of a lane outside a process popped a lane
    // that was never pushed (undefined behaviour the sanitizer run would catch).
    const auto lane = readFile(std::filesystem::path(TONGBAN_SOURCE_DIR) / "tests" / "data" / "fuzz-findings" /
                               "bpmn-lane-outside-a-process.bpmn");
    BOOST_TEST(refused(lane).starts_with("not well-formed XML"));

    BOOST_TEST(refused("not xml at all").starts_with("not well-formed XML"));
    BOOST_TEST(refused(model("<bpmn:process id=\"p\"><bpmn:task id=\"t\">")).starts_with("not well-formed XML"));
    BOOST_TEST(refused("<html/>") == "not a BPMN 2.0 file: the root element is 'html', not bpmn:definitions");
    BOOST_TEST(refused(model("")) == "the file holds no bpmn:process");
    BOOST_TEST(refused(model(R"(<bpmn:process id="p" xmlns:tongban="urn:tongban:bpmn:1"><bpmn:userTask id="t" tongban:timeLimit="soon"/></bpmn:process>)")) ==
               "t: tongban:timeLimit is 'soon', not an amount and a unit such as '5 workingDays'");
    BOOST_TEST(refused(model(R"(<bpmn:process id="p" xmlns:tongban="urn:tongban:bpmn:1"><bpmn:extensionElements>)"
                             R"(<tongban:field name="a.n" type="number"><tongban:value>1</tongban:value></tongban:field>)"
                             R"(</bpmn:extensionElements><bpmn:startEvent id="s"/></bpmn:process>)")) ==
               "tongban:field 'a.n': only string fields take a list of values");
    // Found by mutating the corpus: a flow node or a flow without an id was imported, and its definition could not be stored.
    const auto anonymous = readBpmn(model(R"(<bpmn:process id="p"><bpmn:startEvent id="s"/>)"
                                          "\n" R"(<bpmn:endEvent/></bpmn:process>)"));
    BOOST_TEST_REQUIRE(!anonymous.has_value());
    BOOST_TEST(anonymous.error().line == 4);
    BOOST_TEST(anonymous.error().message == "an endEvent without an id cannot be imported: Tongban names every node and flow by its id");
    BOOST_TEST(refused(model(R"(<bpmn:process id="p"><bpmn:startEvent id="s"/><bpmn:endEvent id="e"/>)"
                             R"(<bpmn:sequenceFlow sourceRef="s" targetRef="e"/></bpmn:process>)")) ==
               "a sequenceFlow without an id cannot be imported: Tongban names every node and flow by its id");
}

BOOST_AUTO_TEST_CASE(AReworkLoopOfTasksIsImportedAsAReturnFlowAndRuns)
{
    // merge -> prepare -> check -> decide, and back to the merge when the check fails.
    const auto drawn = imported(process("<bpmn:startEvent id=\"s\"/><bpmn:exclusiveGateway id=\"merge\"/>" + task("prepare") +
                                        task("check") + "<bpmn:exclusiveGateway id=\"decide\" default=\"passed\"/><bpmn:endEvent id=\"e\"/>" +
                                        flow("f1", "s", "merge") + flow("f2", "merge", "prepare") + flow("f3", "prepare", "check") +
                                        flow("f4", "check", "decide") + flow("passed", "decide", "e") +
                                        flow("rework", "decide", "merge", "${!complete}")));
    const auto& definition = drawn.definition;
    BOOST_TEST(!definition.findNode("merge").has_value());
    BOOST_TEST(!definition.findNode("decide").has_value());
    const auto back = flowBetween(definition, "check", "prepare");
    BOOST_TEST_REQUIRE(back.has_value());
    BOOST_TEST(back->id == "rework");
    BOOST_TEST(back->kind == FlowKind::Return);
    BOOST_TEST(back->condition.empty());
    BOOST_TEST(flowBetween(definition, "s", "prepare").has_value());
    BOOST_TEST(flowBetween(definition, "check", "e").has_value());
    BOOST_TEST_REQUIRE(codesAndElements(drawn.diagnostics) == std::vector<std::string>{"bpmn.rework-loop rework"},
                       boost::test_tools::per_element());
    const auto& note = drawn.diagnostics.front().message;
    BOOST_TEST(note.zh.find("退回") != std::string::npos, note.zh);
    BOOST_TEST(note.en.find("return flow from 'check' to 'prepare'") != std::string::npos, note.en);
    BOOST_TEST(note.en.find("${!complete}") != std::string::npos, note.en);
    BOOST_TEST(validate(definition).diagnostics.empty());
    BOOST_TEST(Run(definition).complete("prepare").complete("check", Outcome::Return, "prepare").complete("prepare").complete("check").ended());
    BOOST_TEST(roundTrip(definition) == writeDefinition(definition));

    // BPMN also merges where two flows enter a task: the same loop without the merge gateway.
    const auto implicit = imported(process("<bpmn:startEvent id=\"s\"/>" + task("prepare") + task("check") +
                                           "<bpmn:exclusiveGateway id=\"decide\"/><bpmn:endEvent id=\"e\"/>" +
                                           flow("f1", "s", "prepare") + flow("f3", "prepare", "check") + flow("f4", "check", "decide") +
                                           flow("passed", "decide", "e", "complete == true") +
                                           flow("rework", "decide", "prepare", "complete == false")));
    BOOST_TEST(flowBetween(implicit.definition, "check", "prepare").value_or(Flow{}).kind == FlowKind::Return);
    BOOST_TEST(validate(implicit.definition).diagnostics.empty());
}

BOOST_AUTO_TEST_CASE(AReworkLoopAroundOneTaskIsFoldedIntoTheTask)
{
    const auto drawn = imported(process("<bpmn:startEvent id=\"s\"/><bpmn:exclusiveGateway id=\"merge\"/>" + task("review") +
                                        "<bpmn:exclusiveGateway id=\"decide\"/><bpmn:endEvent id=\"e\"/>" + flow("f1", "s", "merge") +
                                        flow("f2", "merge", "review") + flow("f3", "review", "decide") +
                                        flow("done", "decide", "e", "${ok}") + flow("again", "decide", "merge", "${!ok}")));
    const auto& definition = drawn.definition;
    BOOST_TEST(definition.nodes().size() == 3u);
    BOOST_TEST(definition.flows().size() == 2u);
    BOOST_TEST(flowBetween(definition, "s", "review").has_value());
    BOOST_TEST(flowBetween(definition, "review", "e").value_or(Flow{}).condition.empty());
    BOOST_TEST_REQUIRE(codesAndElements(drawn.diagnostics) == std::vector<std::string>{"bpmn.rework-loop again"},
                       boost::test_tools::per_element());
    BOOST_TEST(drawn.diagnostics.front().message.en.find("'review'") != std::string::npos);
    BOOST_TEST(validate(definition).diagnostics.empty());
    BOOST_TEST(Run(definition).complete("review").ended());
}

BOOST_AUTO_TEST_CASE(LoopsOfOtherShapesAreRefusedNamingTheirElementsAndHowToDrawThem)
{
    const auto expectLoopRefusal = [](const std::string& xml, const std::vector<std::string>& named) {
        const auto message = refusal(xml);
        // Chinese first, then English, on one line.
        BOOST_TEST(message.starts_with("流程中的循环"), message);
        const auto english = message.find("the loop through");
        BOOST_TEST(english != std::string::npos, message);
        BOOST_TEST(message.find('\n') == std::string::npos);
        for (const auto& id : named) {
            BOOST_TEST(message.find("'" + id + "'") < english, id + " in Chinese: " + message);
            BOOST_TEST(message.find("'" + id + "'", english) != std::string::npos, id + " in English: " + message);
        }
        BOOST_TEST(message.find("return flow") != std::string::npos, message);
        BOOST_TEST(message.find("tongban:kind=\"return\"") != std::string::npos, message);
    };
    // Back round a parallel block: two tasks at once cannot both be returned to.
    expectLoopRefusal(process("<bpmn:startEvent id=\"s\"/><bpmn:exclusiveGateway id=\"merge\"/><bpmn:parallelGateway id=\"fork\"/>" +
                              task("a") + task("b") + "<bpmn:parallelGateway id=\"join\"/><bpmn:exclusiveGateway id=\"decide\"/>"
                              "<bpmn:endEvent id=\"e\"/>" + flow("f1", "s", "merge") + flow("f2", "merge", "fork") +
                              flow("f3", "fork", "a") + flow("f4", "fork", "b") + flow("f5", "a", "join") + flow("f6", "b", "join") +
                              flow("f7", "join", "decide") + flow("ok", "decide", "e", "x") + flow("back", "decide", "merge", "y")),
                      {"merge", "fork", "a", "b", "join", "decide"});
    // A task that leaves on two flows splits in parallel: one of them going back never ends.
    expectLoopRefusal(process("<bpmn:startEvent id=\"s\"/>" + task("a") + task("b") + "<bpmn:endEvent id=\"e\"/>" +
                              flow("f1", "s", "a") + flow("f2", "a", "b") + flow("f3", "b", "e") + flow("f4", "b", "a")),
                      {"a", "b"});
    // Back from a split that is not right after the tasks: an alternative inside the loop.
    expectLoopRefusal(process("<bpmn:startEvent id=\"s\"/><bpmn:exclusiveGateway id=\"merge\"/>" + task("a") +
                              "<bpmn:exclusiveGateway id=\"choose\"/>" + task("b") + task("c") +
                              "<bpmn:exclusiveGateway id=\"rejoin\"/><bpmn:exclusiveGateway id=\"decide\"/><bpmn:endEvent id=\"e\"/>" +
                              flow("f1", "s", "merge") + flow("f2", "merge", "a") + flow("f3", "a", "choose") +
                              flow("f4", "choose", "b", "x") + flow("f5", "choose", "c", "y") + flow("f6", "b", "rejoin") +
                              flow("f7", "c", "rejoin") + flow("f8", "rejoin", "decide") + flow("ok", "decide", "e", "x") +
                              flow("back", "decide", "merge", "y")),
                      {"merge", "a", "choose", "b", "c", "rejoin", "decide"});
}

BOOST_AUTO_TEST_CASE(IntermediateEventsInARowAreBridgedWithoutLosingTheBranch)
{
    // Two events in a row on one parallel branch, three on the other.
    const auto drawn = imported(process(
        "<bpmn:startEvent id=\"s\"/><bpmn:parallelGateway id=\"fork\"/>" + task("a") + task("b") +
        "<bpmn:intermediateCatchEvent id=\"wait1\"><bpmn:timerEventDefinition/></bpmn:intermediateCatchEvent>"
        "<bpmn:intermediateThrowEvent id=\"tell1\"/>"
        "<bpmn:intermediateThrowEvent id=\"tell2\"><bpmn:messageEventDefinition/></bpmn:intermediateThrowEvent>"
        "<bpmn:intermediateCatchEvent id=\"wait2\"><bpmn:timerEventDefinition/></bpmn:intermediateCatchEvent>"
        "<bpmn:intermediateCatchEvent id=\"wait3\"><bpmn:signalEventDefinition/></bpmn:intermediateCatchEvent>"
        "<bpmn:parallelGateway id=\"join\"/><bpmn:endEvent id=\"e\"/>" +
        flow("f1", "s", "fork") + flow("f2", "fork", "a") + flow("f3", "a", "wait1") + flow("f4", "wait1", "tell1") +
        flow("f5", "tell1", "join") + flow("f6", "fork", "tell2") + flow("f7", "tell2", "wait2") + flow("f8", "wait2", "wait3") +
        flow("f9", "wait3", "b") + flow("f10", "b", "join") + flow("f11", "join", "e")));
    const auto& definition = drawn.definition;
    BOOST_TEST(flowBetween(definition, "a", "join").value_or(Flow{}).id == "f3");
    BOOST_TEST(flowBetween(definition, "fork", "b").value_or(Flow{}).id == "f6");
    BOOST_TEST(definition.flows().size() == 6u);
    BOOST_TEST(codesAndElements(drawn.diagnostics) ==
                   (std::vector<std::string>{"bpmn.intermediate-event tell1", "bpmn.intermediate-event tell2",
                                             "bpmn.intermediate-event wait1", "bpmn.intermediate-event wait2",
                                             "bpmn.intermediate-event wait3"}),
               boost::test_tools::per_element());
    for (const auto& diagnostic : drawn.diagnostics)
        BOOST_TEST(diagnostic.message.en.ends_with("the flows on either side of it were joined"), diagnostic.message.en);
    BOOST_TEST(validate(definition).diagnostics.empty());
    BOOST_TEST(Run(definition).complete("a").complete("b").ended());

    // A chain that ends at an event with two ways out is not bridged: every event on it says so.
    const auto broken = imported(process("<bpmn:startEvent id=\"s\"/>" + task("a") + "<bpmn:intermediateThrowEvent id=\"e1\"/>"
                                         "<bpmn:intermediateThrowEvent id=\"e2\"/><bpmn:endEvent id=\"e\"/>" +
                                         flow("f1", "s", "a") + flow("f2", "a", "e1") + flow("f3", "e1", "e2") +
                                         flow("f4", "e2", "e") + flow("f5", "e2", "a")));
    BOOST_TEST(!flowBetween(broken.definition, "a", "e").has_value());
    for (const auto& diagnostic : broken.diagnostics)
        BOOST_TEST(diagnostic.message.en.ends_with("nor the flows that touch it"), diagnostic.message.en);
}

namespace {

constexpr std::string_view kCamunda = "http://camunda.org/schema/1.0/bpmn";
constexpr std::string_view kFlowable = "http://flowable.org/bpmn";

/// A model as Camunda Modeler and Flowable's designer save one, with the attributes designers rely on.
std::string designedElsewhere()
{
    return model(R"(<bpmn:process id="p" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
      xmlns:flowable="http://flowable.org/bpmn" xmlns:tongban="urn:tongban:bpmn:1" camunda:historyTimeToLive="P180D">
    <bpmn:extensionElements>
      <tongban:field name="applicant.name" type="string"/>
      <camunda:properties><camunda:property name="region" value="江苏"/></camunda:properties>
    </bpmn:extensionElements>
    <bpmn:startEvent id="s" camunda:formKey="embedded:app:forms/start.html"/>
    <bpmn:userTask id="accept" camunda:candidateGroups="政务服务中心" camunda:dueDate="P5D" camunda:formKey="applicant"/>
    <bpmn:userTask id="review" flowable:candidateGroups="tax, market" flowable:candidateUsers="kermit" flowable:assignee="${initiator}"
        flowable:dueDate="P1M" flowable:formKey="forms/review.form" tongban:department="税务局" tongban:timeLimit="3 workingDays">
      <bpmn:extensionElements>
        <flowable:taskListener event="create" class="org.example.Notify"/>
        <flowable:executionListener event="end" expression="${audit.log(execution)}"/>
      </bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:serviceTask id="archive" camunda:asyncBefore="true" camunda:type="external" camunda:topic="archive" tongban:department="档案馆">
      <bpmn:extensionElements>
        <camunda:inputOutput>
          <camunda:inputParameter name="case"><camunda:script scriptFormat="groovy"><![CDATA[ case.id + "&" ]]></camunda:script></camunda:inputParameter>
        </camunda:inputOutput>
      </bpmn:extensionElements>
    </bpmn:serviceTask>
    <bpmn:exclusiveGateway id="x" default="plain"/>
    <bpmn:endEvent id="e"/>
    <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="accept"/>
    <bpmn:sequenceFlow id="f2" sourceRef="accept" targetRef="review"/>
    <bpmn:sequenceFlow id="f3" sourceRef="review" targetRef="x"/>
    <bpmn:sequenceFlow id="scripted" sourceRef="x" targetRef="archive">
      <bpmn:conditionExpression xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="bpmn:tFormalExpression" language="javascript">applicant.name == "x"</bpmn:conditionExpression>
    </bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="plain" sourceRef="x" targetRef="archive" camunda:note="kept"/>
    <bpmn:sequenceFlow id="f5" sourceRef="archive" targetRef="e"/>
  </bpmn:process>
)");
}

const Diagnostic* findingAbout(const Diagnostics& diagnostics, const std::string& code, const std::string& words)
{
    const auto found = std::ranges::find_if(diagnostics, [&](const Diagnostic& diagnostic) {
        return diagnostic.code == code && diagnostic.message.en.find(words) != std::string::npos;
    });
    return found == diagnostics.end() ? nullptr : &*found;
}

} // namespace

BOOST_AUTO_TEST_CASE(VendorAttributesADesignerReliesOnAreMappedOrNamed)
{
    const auto drawn = imported(designedElsewhere());
    const auto& definition = drawn.definition;
    const auto& accept = definition.nodes()[*definition.findNode("accept")];
    BOOST_TEST(accept.department == "政务服务中心");
    BOOST_TEST((accept.timeLimit == TimeLimit{5, LimitUnit::NaturalDays}));
    BOOST_TEST(accept.formSection == "applicant");
    BOOST_TEST(accept.bpmnExtensions.empty(), "what is mapped is Tongban's now");
    for (const auto& diagnostic : drawn.diagnostics)
        BOOST_TEST(diagnostic.elementId != "accept", diagnostic.message.en);

    // Each attribute that could not be mapped is named with the element and why; Chinese first.
    const auto& all = drawn.diagnostics;
    for (const auto* words : {"flowable:candidateGroups ('tax, market') of 'review'", "flowable:candidateUsers ('kermit') of 'review'",
                              "flowable:assignee ('${initiator}') of 'review'", "flowable:dueDate ('P1M') of 'review'",
                              "flowable:formKey ('forms/review.form') of 'review'", "camunda:formKey ('embedded:app:forms/start.html') of 's'"}) {
        const auto* finding = findingAbout(all, "bpmn.attribute-not-mapped", words);
        BOOST_TEST_REQUIRE(finding != nullptr, words);
        const auto attribute = std::string(words).substr(0, std::string(words).find(' '));
        BOOST_TEST(finding->message.zh.find(attribute) != std::string::npos, finding->message.zh);
        BOOST_TEST((finding->severity == Severity::Warning));
    }
    BOOST_TEST(findingAbout(all, "bpmn.listener-kept", "flowable:taskListener (create) on 'review'"));
    BOOST_TEST(findingAbout(all, "bpmn.listener-kept", "flowable:executionListener (end) on 'review'"));
    BOOST_TEST(findingAbout(all, "bpmn.extension-kept", "camunda:asyncBefore, camunda:topic, camunda:type, camunda:inputOutput on 'archive'"));
    BOOST_TEST(findingAbout(all, "bpmn.extension-kept", "camunda:historyTimeToLive, camunda:properties on 'p'"));
    BOOST_TEST(findingAbout(all, "bpmn.extension-kept", "camunda:note on 'plain'"));
    const auto* language = findingAbout(all, "bpmn.condition-language", "'javascript'");
    BOOST_TEST_REQUIRE(language != nullptr);
    BOOST_TEST(language->elementId == "scripted");
    BOOST_TEST(language->message.zh.find("javascript") != std::string::npos);

    // A mapped value never overrides Tongban's own attribute.
    const auto& review = definition.nodes()[*definition.findNode("review")];
    BOOST_TEST(review.department == "税务局");
    BOOST_TEST((review.timeLimit == TimeLimit{3, LimitUnit::WorkingDays}));
    BOOST_TEST(review.formSection.empty());
}

BOOST_AUTO_TEST_CASE(DueDatesBecomeLimitsWhereTheyAreWholeDays)
{
    const auto limitOf = [](const std::string& dueDate) {
        const auto drawn = imported(process(R"(<bpmn:startEvent id="s"/><bpmn:userTask id="t" xmlns:camunda=")" + std::string(kCamunda) +
                                            R"(" camunda:dueDate=")" + dueDate + R"("/>)"));
        return drawn.definition.nodes()[*drawn.definition.findNode("t")].timeLimit;
    };
    BOOST_TEST((limitOf("P5D") == TimeLimit{5, LimitUnit::NaturalDays}));
    BOOST_TEST((limitOf("P2W") == TimeLimit{14, LimitUnit::NaturalDays}));
    BOOST_TEST((limitOf("P1W2DT48H") == TimeLimit{11, LimitUnit::NaturalDays}));
    BOOST_TEST((limitOf("PT72H") == TimeLimit{3, LimitUnit::NaturalDays}));
    BOOST_TEST((limitOf("P0D") == TimeLimit{0, LimitUnit::NaturalDays}));
    for (const auto* notWholeDays : {"PT8H", "P1M", "P1Y", "P1DT30M", "2026-12-01T12:00:00", "${dueDate}", "P", "PT", "P-1D",
                                     "P99999999999D", "p5d"})
        BOOST_TEST(!limitOf(notWholeDays).has_value(), notWholeDays);
}

BOOST_AUTO_TEST_CASE(UnmappedExtensionsSurviveARoundTripThroughTongban)
{
    const auto first = imported(designedElsewhere());
    // Through BPMN, and through the JSON the store keeps, and back to BPMN.
    const auto stored = readDefinition(writeDefinition(first.definition));
    BOOST_TEST_REQUIRE(stored.has_value(), (stored ? std::string() : stored.error().describe()));
    const auto exported = writeBpmn(stored->definition);
    const auto again = imported(exported);
    BOOST_TEST(writeDefinition(again.definition) == writeDefinition(first.definition));
    const auto& review = again.definition.nodes()[*again.definition.findNode("review")];
    BOOST_TEST(review.bpmnExtensions.elements.size() == 2u);
    BOOST_TEST(review.bpmnExtensions.elements[0] ==
               "<flowable:taskListener class=\"org.example.Notify\" event=\"create\" xmlns:flowable=\"http://flowable.org/bpmn\"/>");
    const auto& archive = again.definition.nodes()[*again.definition.findNode("archive")];
    BOOST_TEST_REQUIRE(archive.bpmnExtensions.elements.size() == 1u);
    BOOST_TEST(archive.bpmnExtensions.elements[0].find("<![CDATA[") == std::string::npos);
    BOOST_TEST(archive.bpmnExtensions.elements[0].find("> case.id + &quot;&amp;&quot; </camunda:script>") != std::string::npos,
               archive.bpmnExtensions.elements[0]);
    BOOST_TEST(archive.bpmnExtensions.attributes.size() == 3u);
    BOOST_TEST(archive.bpmnExtensions.attributes[0].namespaceUri == kCamunda);
    BOOST_TEST(archive.bpmnExtensions.attributes[0].name == "camunda:asyncBefore");
    BOOST_TEST(archive.bpmnExtensions.attributes[0].value == "true");
    BOOST_TEST(again.definition.bpmnExtensions.elements.size() == 1u);
    BOOST_TEST(again.definition.flows()[*again.definition.findFlow("plain")].bpmnExtensions.attributes.size() == 1u);
    // The tools' namespaces are declared once, with their own prefixes.
    BOOST_TEST(exported.find("xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\"") < exported.find("<bpmn:process"));
    BOOST_TEST(exported.find("xmlns:flowable=\"http://flowable.org/bpmn\"") < exported.find("<bpmn:process"));
    BOOST_TEST(exported.find("<flowable:taskListener class=\"org.example.Notify\" event=\"create\"/>") != std::string::npos);

    // Real models: Camunda's attributes (in Activiti's namespace), and Camunda 8's extension elements.
    for (const auto* name : {"miwg--Reference-C.1.1.bpmn", "miwg--Reference-C.9.1.bpmn", "miwg--actiBPM-3.E-8-A.1.0-export.bpmn"}) {
        BOOST_TEST_CONTEXT(name)
        {
            const auto corpus = imported(readFile(kCorpus / name));
            std::size_t kept = 0;
            for (const auto& node : corpus.definition.nodes())
                kept += node.bpmnExtensions.attributes.size() + node.bpmnExtensions.elements.size();
            BOOST_TEST(kept > 0u);
            const auto back = imported(writeBpmn(corpus.definition));
            BOOST_TEST(writeDefinition(back.definition) == writeDefinition(corpus.definition));
        }
    }
    const auto invoice = imported(readFile(kCorpus / "miwg--Reference-C.1.1.bpmn"));
    const auto& approve = invoice.definition.nodes()[*invoice.definition.findNode("approveInvoice")];
    BOOST_TEST(approve.bpmnExtensions.attributes.size() == 2u);  // camunda:assignee and camunda:formKey
    BOOST_TEST(invoice.definition.nodes()[*invoice.definition.findNode("prepareBankTransfer")].department == "accounting");
    const auto documents = imported(readFile(kCorpus / "miwg--Reference-C.9.1.bpmn"));
    const auto& request = documents.definition.nodes()[*documents.definition.findNode("SendTask_RequestDocument")];
    BOOST_TEST_REQUIRE(request.bpmnExtensions.elements.size() == 1u);
    BOOST_TEST(request.bpmnExtensions.elements[0].starts_with("<zeebe:taskDefinition "));
}

BOOST_AUTO_TEST_CASE(ExtensionsThatDoNotReadAreRefusedWhenADefinitionIsRead)
{
    const auto refusedJson = [](const std::string& extensions) {
        const auto read = readDefinition(R"({"format": "tongban.process/1", "key": "k",
          "nodes": [{"id": "s", "type": "start", "bpmnExtensions": )" + extensions + R"(}], "flows": []})");
        BOOST_TEST_REQUIRE(!read.has_value(), extensions);
        return read.error().describe();
    };
    BOOST_TEST(refusedJson(R"({"elements": ["<camunda:x"]})").find("nodes[0].bpmnExtensions.elements[0]") != std::string::npos);
    BOOST_TEST(refusedJson(R"({"elements": ["<a/><b/>"]})").find("one well-formed XML element") != std::string::npos);
    BOOST_TEST(refusedJson(R"({"elements": ["<!DOCTYPE a [<!ENTITY x \"y\">]><a>&x;</a>"]})").find("DOCTYPE") != std::string::npos);
    BOOST_TEST(refusedJson(R"({"attributes": [{"namespace": "", "name": "camunda:x", "value": "1"}]})")
                   .find("nodes[0].bpmnExtensions.attributes[0]") != std::string::npos);
    BOOST_TEST(refusedJson(R"({"attributes": [{"namespace": "urn:x", "name": "x", "value": "1"}]})").find("'camunda:assignee'") !=
               std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
