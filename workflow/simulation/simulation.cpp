#include "workflow/simulation/simulation.h"

#include "workflow/runtime/engine.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <numeric>
#include <optional>
#include <queue>
#include <random>
#include <ranges>
#include <set>

namespace tongban::workflow {

namespace {

/// Simulated time runs in working hours; instants only label the engine's events.
constexpr double kHoursPerDay = kWorkingHoursPerDay;

Instant instantAt(double hours) { return Instant{} + std::chrono::seconds(static_cast<std::int64_t>(hours * 3600)); }

double triangular(std::mt19937& random, const WorkHours& w)
{
    const double u = std::uniform_real_distribution<double>(0, 1)(random);
    const double a = w.shortest, b = w.longest, c = std::clamp(w.likely, a, b);
    if (b <= a)
        return a;
    const double split = (c - a) / (b - a);
    return u < split ? a + std::sqrt(u * (b - a) * (c - a)) : b - std::sqrt((1 - u) * (b - a) * (b - c));
}

struct Pending {
    std::size_t caseIndex = 0;
    TaskNumber task = 0;
    std::uint32_t node = 0;
    double queuedAt = 0;
};

struct Department {
    int staff = 1;
    int busy = 0;
    double busyHours = 0;
    std::deque<Pending> queue;
};

enum class EventKind { Arrival, Done };

struct Occurrence {
    double at = 0;
    EventKind kind = EventKind::Arrival;
    std::size_t caseIndex = 0;
    TaskNumber task = 0;
    std::string department;
    bool operator>(const Occurrence& other) const { return at > other.at; }
};

} // namespace

SimulationReport simulate(const ExecutableProcess& process, const SimulationSettings& settings)
{
    std::mt19937 random(static_cast<std::mt19937::result_type>(settings.seed));
    const auto& definition = process.definition();
    std::vector<CaseState> cases(settings.cases);
    std::vector<double> arrived(settings.cases, 0), finished(settings.cases, -1);
    std::vector<std::optional<UnfinishedCases>> stopped(settings.cases);  ///< why the engine stopped a case
    std::vector<std::set<TaskNumber>> queued(settings.cases);
    std::map<std::string, Department> departments;
    std::vector<StepLoad> steps(definition.nodes().size());
    std::vector<double> waited(definition.nodes().size(), 0);
    for (std::size_t n = 0; n < definition.nodes().size(); ++n)
        steps[n] = {definition.nodes()[n].id, definition.nodes()[n].name, definition.nodes()[n].department, 0, 0, 0};
    std::priority_queue<Occurrence, std::vector<Occurrence>, std::greater<>> events;
    const Actor simulator{"simulation", "simulation"};

    const auto departmentOf = [&](const std::string& name) -> Department& {
        auto [entry, added] = departments.try_emplace(name);
        if (added) {
            const auto staff = settings.staff.find(name);
            entry->second.staff = std::max(1, staff == settings.staff.end() ? settings.defaultStaff : staff->second);
        }
        return entry->second;
    };
    const auto startWork = [&](Department& department, const std::string& name, double now) {
        while (department.busy < department.staff && !department.queue.empty()) {
            const auto next = department.queue.front();
            department.queue.pop_front();
            const auto work = settings.work.find(definition.nodes()[next.node].id);
            const double hours = triangular(random, work == settings.work.end() ? settings.defaultWork : work->second);
            ++department.busy;
            department.busyHours += hours;
            waited[next.node] += now - next.queuedAt;
            events.push({now + hours, EventKind::Done, next.caseIndex, next.task, name});
        }
    };
    // Newly opened tasks join their department's queue.
    const auto queueOpenTasks = [&](std::size_t c, double now) {
        for (const auto& task : cases[c].marking.openTasks)
            if (queued[c].insert(task.number).second) {
                const auto name = departmentFor(definition.nodes()[task.node], cases[c].data);
                auto& department = departmentOf(name);
                department.queue.push_back({c, task.number, task.node, now});
                startWork(department, name, now);
            }
        if (!cases[c].isRunning() && finished[c] < 0)
            finished[c] = now;
    };
    const auto randomData = [&] {
        CaseData data;
        for (const auto& [path, field] : definition.fields) {
            if (!field.allowedValues.empty())
                data[path] = field.allowedValues[std::uniform_int_distribution<std::size_t>(0, field.allowedValues.size() - 1)(random)];
            else if (field.type == FieldType::Boolean)
                data[path] = std::bernoulli_distribution(0.5)(random);
            else if (field.type == FieldType::Number)
                data[path] = std::floor(std::uniform_real_distribution<double>(0, 500)(random));
            else
                data[path] = std::string("模拟");
        }
        return data;
    };

    double clock = 0;
    std::exponential_distribution<double> gap(std::max(1e-9, settings.arrivalsPerDay / kHoursPerDay));
    for (std::size_t c = 0; c < settings.cases; ++c) {
        clock += gap(random);
        events.push({clock, EventKind::Arrival, c, 0, {}});
    }
    double lastWork = 0;
    while (!events.empty()) {
        const auto event = events.top();
        events.pop();
        auto& state = cases[event.caseIndex];
        if (event.kind == EventKind::Arrival) {
            arrived[event.caseIndex] = event.at;
            auto started = apply(process, state, Command{StartCase{std::to_string(event.caseIndex + 1), randomData()}, simulator, instantAt(event.at)});
            if (!started) {  // data the process refuses: the case never starts
                const auto& said = started.error().message;
                stopped[event.caseIndex] = {1, {}, {"开始时被拒绝：" + said.zh, "refused at the start: " + said.en}};
                continue;
            }
            evolve(state, *started);
            queueOpenTasks(event.caseIndex, event.at);
            continue;
        }
        auto& department = departmentOf(event.department);
        --department.busy;
        lastWork = event.at;
        const auto* task = state.findTask(event.task);
        if (task) {
            const auto node = task->node;
            ++steps[node].done;
            // Some work goes back to an earlier step, where the process allows it.
            std::string returnTo;
            for (std::size_t f = 0; f < definition.flows().size(); ++f)
                if (definition.source(f) == node && definition.flows()[f].kind == FlowKind::Return)
                    returnTo = definition.nodes()[definition.target(f)].id;
            const bool goesBack = !returnTo.empty() && std::bernoulli_distribution(std::clamp(settings.returnShare, 0.0, 0.9))(random);
            CompleteTask complete{event.task, goesBack ? Outcome::Return : Outcome::Approve, goesBack ? "模拟退回" : "", goesBack ? returnTo : "", {}};
            if (auto done = apply(process, state, Command{complete, simulator, instantAt(event.at)})) {
                evolve(state, *done);
                queued[event.caseIndex].erase(event.task);
                queueOpenTasks(event.caseIndex, event.at);
            } else if (!stopped[event.caseIndex]) {
                const auto& id = definition.nodes()[node].id;
                const auto& said = done.error().message;
                stopped[event.caseIndex] = {1, id, {"办结 '" + id + "' 被拒绝：" + said.zh, "completing '" + id + "' was refused: " + said.en}};
            }
        }
        startWork(department, event.department, event.at);
    }

    SimulationReport report;
    report.cases = settings.cases;
    std::vector<double> leads;
    double lastFinish = 0;
    std::map<std::pair<std::string, std::string>, UnfinishedCases> unfinished;  ///< by node and reason
    for (std::size_t c = 0; c < settings.cases; ++c) {
        if (finished[c] >= 0) {
            leads.push_back((finished[c] - arrived[c]) / kHoursPerDay);
            lastFinish = std::max(lastFinish, finished[c]);
            continue;
        }
        // A validated process leaves no case running once the work is done; should one be, it is counted too.
        const auto why = stopped[c].value_or(UnfinishedCases{1, {}, {"仿真结束时仍在办理中", "still running when no work was left"}});
        auto [group, added] = unfinished.try_emplace({why.node, why.reason.en}, why);
        if (!added)
            ++group->second.cases;
    }
    report.finished = leads.size();
    report.unfinished = settings.cases - report.finished;
    for (auto& group : unfinished | std::views::values)
        report.unfinishedBy.push_back(std::move(group));
    std::ranges::stable_sort(report.unfinishedBy, std::greater<>(), &UnfinishedCases::cases);
    // Arrivals come in order: the first case arrived first.
    const double first = settings.cases ? arrived.front() : 0;
    if (!leads.empty()) {
        report.workingDays = std::max(0.0, lastFinish - first) / kHoursPerDay;
        report.throughputPerDay = report.workingDays > 0 ? static_cast<double>(report.finished) / report.workingDays : 0;
        std::ranges::sort(leads);
        report.meanLeadDays = std::accumulate(leads.begin(), leads.end(), 0.0) / static_cast<double>(leads.size());
        report.p50LeadDays = leads[leads.size() / 2];
        report.p90LeadDays = leads[std::min(leads.size() - 1, leads.size() * 9 / 10)];
        report.maxLeadDays = leads.back();
        report.leadHistogram.assign(static_cast<std::size_t>(leads.back()) + 1, 0);
        for (const auto lead : leads)
            ++report.leadHistogram[static_cast<std::size_t>(lead)];
    }
    // Officers are observed while there is work or a case to finish, whether or not any case finished.
    const double span = std::max(lastWork, lastFinish) - first;
    for (std::size_t n = 0; n < steps.size(); ++n) {
        if (definition.nodes()[n].kind != NodeKind::Task)
            continue;
        auto step = steps[n];
        step.meanWaitHours = step.done ? waited[n] / static_cast<double>(step.done) : 0;
        if (const auto department = departments.find(step.department); department != departments.end() && span > 0)
            step.utilisation = department->second.busyHours / (span * department->second.staff);
        report.bottlenecks.push_back(std::move(step));
    }
    std::ranges::stable_sort(report.bottlenecks, std::greater<>(), &StepLoad::meanWaitHours);
    return report;
}

} // namespace tongban::workflow
