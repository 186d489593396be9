// The state of one case: its marking (tokens and open tasks) and its data.
#pragma once

#include "workflow/expression/value.h"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tongban::workflow {

using Instant = std::chrono::sys_seconds;
using TaskNumber = std::uint32_t;  ///< unique within a case, never reused

enum class CaseStatus { NotStarted, Running, Completed, NotGranted, Withdrawn, Cancelled };

struct OpenTask {
    TaskNumber number = 0;
    std::uint32_t node = 0;
    Instant openedAt{};
    std::string assignee;  ///< the user who claimed it; empty while it waits in the department's inbox
    friend bool operator==(const OpenTask&, const OpenTask&) = default;
};

/// Where a case stands. Tokens wait only on flows into joins; every other
/// token moves on in the same command. Tasks are open until completed,
/// returned or discarded.
struct Marking {
    std::vector<std::uint16_t> flowTokens;      ///< per flow index
    std::vector<OpenTask> openTasks;            ///< in the order they opened
    std::vector<std::uint16_t> branchesOpened;  ///< per node: branches an inclusive split activated
    TaskNumber nextTask = 1;
    friend bool operator==(const Marking&, const Marking&) = default;
};

struct CaseState {
    std::string caseId;
    std::string definitionKey;
    int definitionVersion = 0;
    CaseStatus status = CaseStatus::NotStarted;
    bool refused = false;        ///< a rejection is being routed; the case ends 不予许可
    std::uint64_t version = 0;   ///< events applied; commands name it for optimistic concurrency
    CaseData data;
    Marking marking;
    std::optional<Instant> startedAt;
    std::optional<Instant> endedAt;

    const OpenTask* findTask(TaskNumber number) const;
    bool isRunning() const { return status == CaseStatus::Running; }
    friend bool operator==(const CaseState&, const CaseState&) = default;
};

const char* toString(CaseStatus status);
std::optional<CaseStatus> caseStatusFromString(std::string_view text);

} // namespace tongban::workflow
