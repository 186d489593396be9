// What can be applied for and how it runs: the one-thing catalogue and the
// published process definitions (read, and publish a new version).
#include "server/handlers/handlers.h"

#include "server/handlers/handler_support.h"
#include "workflow/model/definition_json.h"

#include <charconv>

namespace tongban::server::handlers {

ApiResponse catalogue(ApiCall& call)
{
    return listResponse("oneThings", call.store.oneThings(), [](const store::OneThingEntry& entry) {
        auto json = object();
        json->set("key", entry.key);
        json->set("name", entry.name);
        json->set("leadDepartment", entry.leadDepartment);
        // The whole tongban.onething/1 document: a desktop shows cases with the one thing's unified form.
        json->set("document", entry.document);
        return json;
    });
}

ApiResponse definitions(ApiCall& call)
{
    return listResponse("definitions", call.store.definitionVersions(), [](const store::DefinitionVersion& version) {
        auto json = object();
        json->set("key", version.key);
        json->set("version", version.version);
        json->set("name", version.name);
        return json;
    });
}

ApiResponse definition(ApiCall& call)
{
    const auto& key = call.parameters.at("key");
    int version = 0;
    const auto& text = call.parameters.at("version");
    const auto [end, problem] = std::from_chars(text.data(), text.data() + text.size(), version);
    if (problem != std::errc() || end != text.data() + text.size() || version < 1)
        refuse(400, "invalid-parameter", "a definition version is a whole number from 1");
    const auto process = call.store.definition(key, version);
    if (!process)
        refuse(404, "definition-not-found", "there is no published definition " + key + " version " + text);
    return {200, workflow::writeDefinition(process->definition())};
}

ApiResponse publishDefinition(ApiCall& call)
{
    require(call, Capability::PublishDefinitions, "publish definitions");
    bodyReader(call);  // JSON at all, before the definition's own reader judges it
    auto read = workflow::readDefinition(call.request.body);
    if (!read)
        refuse(400, "invalid-field", read.error().describe());
    const auto& user = callerOf(call).user;
    const auto published = call.service.stores.writer()->publishDefinition(read->definition, {user.login, user.department}, call.now);
    if (!published)
        refuse(published.error().kind == store::Refusal::Kind::Conflict ? 409 : 422, "definition-refused",
               published.error().message);
    auto body = object();
    body->set("key", read->definition.key);
    body->set("version", read->definition.version);
    return jsonResponse(body, 201);
}

} // namespace tongban::server::handlers
