// Running synthetic cases through a process before it is published: how
// many a centre gets through, how long applicants wait, and which steps hold
// them up, given how long each step takes and how many people each
// department has. A discrete-event simulation on the engine itself, so that
// gateways, joins and returns behave exactly as they will in production.
#pragma once

#include "workflow/model/bilingual.h"
#include "workflow/runtime/executable_process.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace tongban::workflow {

/// How long one piece of work takes, in working hours: a triangular
/// distribution, as planners estimate (shortest, most likely, longest).
struct WorkHours {
    double shortest = 1;
    double likely = 2;
    double longest = 4;
};

struct SimulationSettings {
    std::size_t cases = 1000;
    double arrivalsPerDay = 20;             ///< applications a working day, arriving at random (Poisson)
    WorkHours defaultWork;                  ///< for steps not named in `work`
    std::map<std::string, WorkHours> work;  ///< by node id
    int defaultStaff = 2;                   ///< officers per department not named in `staff`
    std::map<std::string, int> staff;       ///< by department
    double returnShare = 0.05;              ///< share of completions that go back, where a step may return (at most 0.9)
    std::uint64_t seed = 1;
};

struct StepLoad {
    std::string node;
    std::string name;
    std::string department;
    std::size_t done = 0;
    double meanWaitHours = 0;  ///< in the department's queue before someone starts it; 0 when never done
    /// The department's officers' busy share from the first arrival to the last
    /// work done or case finished, at most 1; 0 when no work was done.
    double utilisation = 0;
};

/// Cases that did not finish for one reason.
struct UnfinishedCases {
    std::size_t cases = 0;
    std::string node;  ///< where they stopped; empty when the engine refused to start them
    Bilingual reason;  ///< what the engine said, or where the case was left waiting
};

/// The figures of a run. Each is taken over what it is meaningful for: lead
/// times and throughput over the cases that finished (0 when none did), so a
/// run in which cases cannot finish says how many and why instead.
struct SimulationReport {
    std::size_t cases = 0;
    std::size_t finished = 0;
    std::size_t unfinished = 0;
    std::vector<UnfinishedCases> unfinishedBy;  ///< why they did not finish, the most cases first
    double workingDays = 0;                     ///< from the first arrival to the last case finished
    double throughputPerDay = 0;                ///< cases finished a working day
    double meanLeadDays = 0;
    double p50LeadDays = 0;
    double p90LeadDays = 0;
    double maxLeadDays = 0;
    std::vector<std::size_t> leadHistogram;  ///< cases by whole working days of lead time: [0,1), [1,2), …
    std::vector<StepLoad> bottlenecks;       ///< every task, the longest waits first
};

/// Case data for the declared fields comes at random: a closed list's values
/// evenly, booleans evenly, numbers evenly in [0, 500).
SimulationReport simulate(const ExecutableProcess& process, const SimulationSettings& settings);

} // namespace tongban::workflow
