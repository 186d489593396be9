// The readable difference between two versions of a definition.
#include "workflow/model/definition_diff.h"
#include "workflow/model/definition_json.h"

#include <boost/test/unit_test.hpp>

#include <fstream>
#include <sstream>

using namespace tongban::workflow;

namespace {

ProcessDefinition example()
{
    std::ifstream in(std::string(TONGBAN_SOURCE_DIR) + "/docs/examples/restaurant-opening.json");
    std::ostringstream text;
    text << in.rdbuf();
    auto loaded = readDefinition(text.str());
    BOOST_TEST_REQUIRE(loaded.has_value());
    return loaded->definition;
}

std::vector<std::string> described(const ProcessDefinition& before, const ProcessDefinition& after, bool chinese = false)
{
    std::vector<std::string> lines;
    for (const auto& change : diffDefinitions(before, after))
        lines.push_back(describe(change, chinese));
    return lines;
}

} // namespace

BOOST_AUTO_TEST_SUITE(DefinitionDiff)

BOOST_AUTO_TEST_CASE(SameDefinitionsDifferInNothingNotEvenWhenMoved)
{
    const auto before = example();
    auto after = before;
    after.node(0).bounds = Bounds{10, 20, 36, 36};
    BOOST_TEST(diffDefinitions(before, after).empty());
}

BOOST_AUTO_TEST_CASE(AddedRemovedAndChangedStepsAndFlowsAreNamedWithTheirMembers)
{
    const auto before = example();
    auto after = before;
    after.version = 2;
    after.promisedLimit = TimeLimit{8, LimitUnit::WorkingDays};
    const auto food = *after.findNode("food");
    after.node(food).name = "食品经营许可审查";
    after.node(food).timeLimit = TimeLimit{5, LimitUnit::WorkingDays};
    after.removeNode(*after.findNode("tobacco"));
    const auto check = after.addNode({"health-check", "健康证明核验", NodeKind::Task});
    after.node(check).department = "卫生健康委员会";
    after.addFlow({"f-health", {}, FlowKind::Sequence, {}, false}, *after.findNode("licence-check"), check);
    after.fields["situation.seats"] = FieldDeclaration{FieldType::Number, {}};
    const auto lines = described(before, after);
    BOOST_TEST_REQUIRE(lines.size() >= 5u);
    BOOST_TEST(lines[0] == "changed the definition: promisedLimit");
    BOOST_TEST(lines[1] == "added field situation.seats");
    BOOST_TEST(std::ranges::count(lines, std::string("changed node food: name, timeLimit")) == 1);
    BOOST_TEST(std::ranges::count(lines, std::string("added node health-check")) == 1);
    BOOST_TEST(std::ranges::count(lines, std::string("removed node tobacco")) == 1);
    BOOST_TEST(std::ranges::count(lines, std::string("added flow f-health")) == 1);
    // The flows that touched the removed step are gone with it, each named.
    std::size_t removedFlows = 0;
    for (const auto& line : lines)
        removedFlows += line.starts_with("removed flow ") ? 1 : 0;
    BOOST_TEST(removedFlows == before.flows().size() - (after.flows().size() - 1));
    BOOST_TEST(described(before, after, true)[0] == "修改 流程：promisedLimit");
}

BOOST_AUTO_TEST_SUITE_END()
