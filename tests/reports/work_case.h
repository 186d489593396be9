// Moves a seeded case on as its departments would: the first open step
// approved by someone of the department that works it.
#pragma once

#include "store/store.h"

#include <boost/test/unit_test.hpp>

namespace tongban::testing {

/// Approves the case's first open step at `at`; false when the case no longer runs.
inline bool approveFirstOpenStep(store::Store& store, const std::string& number, workflow::Instant at)
{
    const auto state = *store.caseState(number);
    if (!state.isRunning())
        return false;
    const auto& task = state.marking.openTasks.front();
    const auto& node = store.definition(state.definitionKey, state.definitionVersion)->definition().nodes()[task.node];
    const workflow::Actor worker{"worker", workflow::departmentFor(node, state.data)};
    BOOST_TEST_REQUIRE(
        store.execute(number, {workflow::CompleteTask{task.number, workflow::Outcome::Approve, {}, {}, {}}, worker, at})
            .has_value());
    return true;
}

} // namespace tongban::testing
