// The state of one case: its marking (tokens and open tasks) and its data.
#pragma once

#include "workflow/expression/value.h"
#include "workflow/model/process_definition.h"
#include "workflow/model/time_limit.h"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tongban::workflow {

using Instant = std::chrono::sys_seconds;
using TaskNumber = std::uint32_t;  ///< unique within a case, never reused

enum class CaseStatus { NotStarted, Running, Completed, NotGranted, Withdrawn, Cancelled };

/// Why a case's clocks stop: the applicant supplements materials (补正), or a
/// special procedure runs that the law does not count (特别程序).
enum class PauseKind { Supplement, Hearing, Tendering, Auction, Inspection, Testing, Quarantine, Appraisal, ExpertReview };

struct Pause {
    PauseKind kind = PauseKind::Supplement;
    Instant from{};
    std::optional<Instant> to;        ///< empty while the pause lasts
    std::optional<TimeLimit> limit;   ///< a special procedure's own limit
    friend bool operator==(const Pause&, const Pause&) = default;
};

enum class UrgeLevel { Urge, Supervise };  ///< 催办, 督办

struct UrgeRecord {
    UrgeLevel level = UrgeLevel::Urge;
    std::optional<TaskNumber> task;  ///< empty when the whole case is urged
    Instant at{};
    friend bool operator==(const UrgeRecord&, const UrgeRecord&) = default;
};

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
    std::vector<Pause> pauses;       ///< every pause, in order; the last may still last
    std::vector<UrgeRecord> urges;

    const OpenTask* findTask(TaskNumber number) const;
    bool isPaused() const { return !pauses.empty() && !pauses.back().to; }
    bool isRunning() const { return status == CaseStatus::Running; }
    friend bool operator==(const CaseState&, const CaseState&) = default;
};

/// The department that works a task at `node` in a case with `data`: the
/// node's own, or the value of the field it names (`$field`).
std::string departmentFor(const Node& node, const CaseData& data);

const char* toString(CaseStatus status);
std::optional<CaseStatus> caseStatusFromString(std::string_view text);
const char* toString(PauseKind kind);
std::optional<PauseKind> pauseKindFromString(std::string_view text);
const char* toString(UrgeLevel level);
std::optional<UrgeLevel> urgeLevelFromString(std::string_view text);

} // namespace tongban::workflow
