// BPMN 2.0 interchange: real models from other tools import, export and
// import again to the same definition; ours survive BPMN whole; what BPMN
// holds beyond the engine is named; hostile XML is an error, never a hang.
#include "tests/workflow/random_models.h"
#include "workflow/bpmn/bpmn.h"
#include "workflow/layout/layout.h"
#include "workflow/model/definition_json.h"

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

std::string roundTrip(const ProcessDefinition& definition)
{
    const auto imported = readBpmn(writeBpmn(definition));
    BOOST_TEST_REQUIRE(imported.has_value(), (imported ? std::string() : imported.error().message));
    BOOST_TEST(imported->diagnostics.empty(), "our own export reads back without a warning");
    return writeDefinition(imported->definition);
}

constexpr std::string_view kHead = R"(<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="urn:t">
)";

std::string model(const std::string& body) { return std::string(kHead) + body + "</bpmn:definitions>\n"; }

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
}

BOOST_AUTO_TEST_SUITE_END()
