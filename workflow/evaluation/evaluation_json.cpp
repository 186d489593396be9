#include "workflow/evaluation/evaluation_json.h"

#include "workflow/runtime/case_state_json.h"

#include <Poco/JSON/Array.h>

namespace tongban::workflow {

namespace {

Poco::JSON::Object::Ptr object() { return new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER); }

EvaluationLevel readLevel(json::ObjectReader& reader, const std::string& key)
{
    const auto level = evaluationLevelFromNumber(reader.requireInt(key));
    if (!level)
        json::failAt(reader.memberPath(key), "expected a level from 1 to 5");
    return *level;
}

} // namespace

std::string writeEvaluation(const Evaluation& evaluation, bool withEvaluator)
{
    auto root = object();
    root->set("format", std::string("tongban.evaluation/1"));
    root->set("id", static_cast<Poco::Int64>(evaluation.id));
    root->set("case", evaluation.caseNumber);
    auto rated = object();
    rated->set("kind", toString(evaluation.object.kind));
    rated->set("id", evaluation.object.id);
    root->set("object", rated);
    root->set("level", static_cast<int>(evaluation.level));
    root->set("channel", toString(evaluation.channel));
    Poco::JSON::Array::Ptr items = new Poco::JSON::Array;
    for (const auto& score : evaluation.items) {
        auto item = object();
        item->set("item", score.item);
        item->set("level", static_cast<int>(score.level));
        items->add(item);
    }
    root->set("items", items);
    Poco::JSON::Array::Ptr tags = new Poco::JSON::Array;
    for (const auto& tag : evaluation.reasonTags)
        tags->add(tag);
    root->set("reasonTags", tags);
    root->set("comment", evaluation.comment);
    if (withEvaluator) {
        auto evaluator = object();
        evaluator->set("name", evaluation.evaluator.name);
        evaluator->set("identity", evaluation.evaluator.identity);
        evaluator->set("phone", evaluation.evaluator.phone);
        evaluator->set("anonymous", evaluation.evaluator.anonymous);
        root->set("evaluator", evaluator);
    }
    root->set("enteredBy", evaluation.enteredBy);
    root->set("at", formatInstant(evaluation.at));
    if (evaluation.followUpOf)
        root->set("followUpOf", static_cast<Poco::Int64>(*evaluation.followUpOf));
    root->set("rectificationCase", evaluation.rectificationCase);
    return json::stringify(root, 0);
}

std::expected<Evaluation, json::JsonError> readEvaluation(std::string_view text)
{
    auto document = json::parse(text);
    if (!document)
        return std::unexpected(document.error());
    try {
        auto reader = json::asObject(*document, "");
        if (reader.requireString("format") != "tongban.evaluation/1")
            json::failAt("format", "expected \"tongban.evaluation/1\"");
        Evaluation evaluation;
        evaluation.id = reader.requireInt("id");
        evaluation.caseNumber = reader.requireString("case");
        auto rated = reader.requireObject("object");
        evaluation.object.kind = rated.requireEnum("kind", &evaluatedKindFromString, "evaluated object");
        evaluation.object.id = rated.requireString("id");
        rated.finish();
        evaluation.level = readLevel(reader, "level");
        evaluation.channel = reader.requireEnum("channel", &evaluationChannelFromString, "channel");
        const auto items = reader.requireArray("items");
        for (std::size_t i = 0; i < items->size(); ++i) {
            auto item = json::asObject(items->get(static_cast<unsigned>(i)), "items[" + std::to_string(i) + "]");
            evaluation.items.push_back({item.requireString("item"), readLevel(item, "level")});
            item.finish();
        }
        evaluation.reasonTags = reader.optionalStrings("reasonTags");
        evaluation.comment = reader.optionalString("comment");
        if (auto evaluator = reader.optionalObject("evaluator")) {
            evaluation.evaluator.name = evaluator->optionalString("name");
            evaluation.evaluator.identity = evaluator->optionalString("identity");
            evaluation.evaluator.phone = evaluator->optionalString("phone");
            evaluation.evaluator.anonymous = evaluator->optionalBool("anonymous", false);
            evaluator->finish();
        }
        evaluation.enteredBy = reader.optionalString("enteredBy");
        const auto at = parseInstant(reader.requireString("at"));
        if (!at)
            json::failAt("at", "expected an instant such as 2026-11-30T10:00:00+08:00");
        evaluation.at = *at;
        if (const auto followed = reader.optionalInt("followUpOf"))
            evaluation.followUpOf = *followed;
        evaluation.rectificationCase = reader.optionalString("rectificationCase");
        reader.finish();
        return evaluation;
    } catch (const json::JsonFormatError& error) {
        return std::unexpected(error.error);
    }
}

} // namespace tongban::workflow
