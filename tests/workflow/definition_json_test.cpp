// The definition JSON format: reading, writing, and every way a file can be wrong.
#include "model_builder.h"

#include "workflow/json/json_document.h"
#include "workflow/model/definition_json.h"

#include <boost/test/unit_test.hpp>

using namespace tongban::workflow;
using namespace tongban::workflow::testing;

namespace {

std::string minimal(const std::string& extraNodeMembers = {}, const std::string& extraTopLevel = {})
{
    return R"({
  "format": "tongban.process/1",
  "key": "k",)" + extraTopLevel + R"(
  "nodes": [
    {"id": "start", "type": "start"},
    {"id": "t", "type": "task", "department": "公安局")" + extraNodeMembers + R"(},
    {"id": "end", "type": "end"}
  ],
  "flows": [
    {"id": "f1", "from": "start", "to": "t"},
    {"id": "f2", "from": "t", "to": "end"}
  ]
})";
}

json::JsonError readError(const std::string& text)
{
    auto read = readDefinition(text);
    BOOST_TEST_REQUIRE(!read.has_value());
    return read.error();
}

} // namespace

BOOST_AUTO_TEST_SUITE(DefinitionJson)

BOOST_AUTO_TEST_CASE(ReadsTheReferenceProcess)
{
    const auto definition = loadExample("reference-one-thing.json");
    BOOST_TEST(definition.key == "enterprise-opening-reference");
    BOOST_TEST(definition.name == "企业开办");
    BOOST_TEST(definition.status == DefinitionStatus::Published);
    BOOST_TEST(definition.nodes().size() == 16u);
    const auto accept = definition.nodes()[*definition.findNode("accept")];
    BOOST_TEST(accept.department == "政务服务中心");
    BOOST_TEST(accept.role == "综合窗口");
    BOOST_TEST((accept.timeLimit == TimeLimit{1, LimitUnit::WorkingDays}));
    BOOST_TEST((definition.promisedLimit == TimeLimit{5, LimitUnit::WorkingDays}));
}

BOOST_AUTO_TEST_CASE(WritingThenReadingGivesTheSameDefinition)
{
    for (const auto* file : {"reference-one-thing.json", "restaurant-opening.json"}) {
        const auto original = loadExample(file);
        const auto text = writeDefinition(original);
        auto again = readDefinition(text);
        BOOST_TEST_REQUIRE(again.has_value(), file);
        BOOST_TEST(writeDefinition(again->definition) == text);
        BOOST_TEST(again->definition.nodes().size() == original.nodes().size());
        BOOST_TEST(again->definition.flows().size() == original.flows().size());
        BOOST_TEST(again->definition.fields.size() == original.fields.size());
        for (std::size_t f = 0; f < original.flows().size(); ++f) {
            BOOST_TEST(again->definition.flows()[f].condition == original.flows()[f].condition);
            BOOST_TEST((again->definition.flows()[f].kind == original.flows()[f].kind));
            BOOST_TEST(again->definition.source(f) == original.source(f));
            BOOST_TEST(again->definition.target(f) == original.target(f));
        }
    }
}

BOOST_AUTO_TEST_CASE(MalformedJsonNamesLineAndColumn)
{
    auto error = readError("{\n  \"format\": \"tongban.process/1\",\n  \"key\": \"k\" \"x\"\n}");
    BOOST_TEST(error.line == 3u);
    BOOST_TEST(error.column == 14u);
    BOOST_TEST(error.describe().starts_with("line 3, column 14: invalid JSON"));
    BOOST_TEST(readError("").message == "invalid JSON: the document is empty");
}

BOOST_AUTO_TEST_CASE(AMessageAboutHalfACharacterIsItselfUtf8)
{
    // A value beginning with the second byte of "材": the parser quotes the byte it stopped at.
    const std::string cut = "{\"name\": \x9D}";
    const auto error = readError(cut);
    BOOST_TEST(error.message.starts_with("invalid JSON"));
    BOOST_TEST(json::isUtf8(error.describe()));
    BOOST_TEST(json::showingBadBytes("材\xE6\x9D料\xFF") == "材\\xE6\\x9D料\\xFF");
    BOOST_TEST(json::isUtf8("材料 ok"));
    BOOST_TEST(!json::isUtf8("\xC0\xAF"));      // an overlong "/"
    BOOST_TEST(!json::isUtf8("\xED\xA0\x80"));  // a lone surrogate
    BOOST_TEST(!json::isUtf8("\xF0\x9F\x98"));  // cut short
}

BOOST_AUTO_TEST_CASE(WrongMembersNameTheirPath)
{
    BOOST_TEST(readError(minimal(R"(, "departmnet": "x")")).describe() == "nodes[1].departmnet: unknown member");
    BOOST_TEST(readError(minimal(R"(, "timeLimit": {"amount": "3"})")).describe() ==
               "nodes[1].timeLimit.amount: expected a whole number");
    BOOST_TEST(readError(minimal(R"(, "timeLimit": {"amount": 3, "unit": "weeks"})")).describe() ==
               "nodes[1].timeLimit.unit: unknown unit 'weeks' (workingDays, naturalDays or workingHours)");
    BOOST_TEST(readError(minimal(R"(, "timeLimit": {"amount": -1})")).describe() ==
               "nodes[1].timeLimit.amount: a time limit cannot be negative");
    BOOST_TEST(readError(minimal({}, R"( "version": 0,)")).describe() == "version: versions start at 1");
    BOOST_TEST(readError(minimal({}, R"( "fields": {"a": {"type": "date"}},)")).describe() ==
               "fields.a.type: unknown type 'date' (boolean, number or string)");
    BOOST_TEST(readError(R"({"format": "tongban.process/9", "key": "k", "nodes": [], "flows": []})").describe() ==
               "format: unsupported format 'tongban.process/9' (this version reads tongban.process/1)");
    BOOST_TEST(readError(R"({"format": "tongban.process/1", "nodes": [], "flows": []})").describe() ==
               "key: missing; expected a string");
    BOOST_TEST(readError(R"([1, 2])").describe() == "expected an object");
    BOOST_TEST(readError(R"({"format": "tongban.process/1", "key": "k", "nodes": [{"id": "a", "type": "robot"}], "flows": []})")
                   .describe() == "nodes[0].type: unknown node type 'robot'");
}

BOOST_AUTO_TEST_CASE(DuplicateIdsAndDanglingFlowsAreFindingsNotCrashes)
{
    auto read = readDefinition(R"({"format": "tongban.process/1", "key": "k",
      "nodes": [{"id": "start", "type": "start"}, {"id": "start", "type": "end"}, {"id": "end", "type": "end"}],
      "flows": [{"id": "f1", "from": "start", "to": "nowhere"}, {"id": "end", "from": "start", "to": "end"}]})");
    BOOST_TEST_REQUIRE(read.has_value());
    BOOST_TEST(hasCode(read->diagnostics, "id.duplicate", "start"));
    BOOST_TEST(hasCode(read->diagnostics, "id.duplicate", "end"));
    BOOST_TEST(hasCode(read->diagnostics, "flow.unknown-node", "f1"));
    BOOST_TEST(read->definition.nodes().size() == 2u);
    BOOST_TEST(read->definition.flows().empty());
}

BOOST_AUTO_TEST_CASE(PublishedDefinitionsRefuseEdits)
{
    auto definition = loadExample("reference-one-thing.json");
    BOOST_CHECK_THROW(definition.addNode(Node{}), std::logic_error);
    BOOST_CHECK_THROW(definition.removeFlow(0), std::logic_error);
    BOOST_CHECK_THROW(definition.node(0), std::logic_error);
    BOOST_TEST(definition.nodes().size() == 16u);
}

BOOST_AUTO_TEST_SUITE_END()
