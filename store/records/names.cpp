// The names the store's records are written under, and the outcome a command
// receipt keeps.
#include "store/records/cases.h"
#include "store/records/outcomes.h"
#include "store/records/reference.h"

#include "workflow/model/enum_names.h"

namespace tongban::store {

using workflow::nameIn;
using workflow::valueIn;

namespace {

constexpr std::pair<Role, const char*> kRoles[] = {
    {Role::Clerk, "clerk"},         {Role::Officer, "officer"},
    {Role::Supervisor, "supervisor"}, {Role::Designer, "designer"},
    {Role::Administrator, "administrator"},
};
constexpr std::pair<TaskState, const char*> kTaskStates[] = {
    {TaskState::Open, "open"},         {TaskState::Claimed, "claimed"},     {TaskState::Done, "done"},
    {TaskState::Returned, "returned"}, {TaskState::Discarded, "discarded"},
};
constexpr std::pair<Refusal::Kind, const char*> kRefusalKinds[] = {
    {Refusal::Kind::NotFound, "notFound"}, {Refusal::Kind::Conflict, "conflict"},
    {Refusal::Kind::Invalid, "invalid"},   {Refusal::Kind::Engine, "engine"},
};

} // namespace

const char* toString(Role role) { return nameIn(kRoles, role); }
std::optional<Role> roleFromString(std::string_view text) { return valueIn(kRoles, text); }
const char* toString(TaskState state) { return nameIn(kTaskStates, state); }
std::optional<TaskState> taskStateFromString(std::string_view text) { return valueIn(kTaskStates, text); }
const char* toString(Refusal::Kind kind) { return nameIn(kRefusalKinds, kind); }
std::optional<Refusal::Kind> refusalKindFromString(std::string_view text) { return valueIn(kRefusalKinds, text); }

std::expected<Applied, Refusal> outcomeOf(const CommandReceipt& receipt)
{
    if (!receipt.refused)
        return Applied{receipt.caseNumber, receipt.version, {}};
    std::optional<EngineError> engine;
    if (receipt.engineCode)
        engine = EngineError{*receipt.engineCode, receipt.caseNumber, {}, {receipt.message, receipt.message}};
    return std::unexpected(Refusal{*receipt.refused, receipt.message, std::move(engine)});
}

} // namespace tongban::store
