// The token game: commands become events; automatic steps run to the next human task.
#include "workflow/runtime/engine.h"

#include "workflow/model/enum_names.h"

#include <algorithm>

namespace tongban::workflow {

namespace {

// The codes as the journal records a refusal; stored outcomes depend on them.
constexpr std::pair<EngineErrorCode, const char*> kErrorCodeNames[] = {
    {EngineErrorCode::CaseAlreadyStarted, "case-already-started"},
    {EngineErrorCode::CaseNotRunning, "case-not-running"},
    {EngineErrorCode::CasePaused, "case-paused"},
    {EngineErrorCode::CaseNotPaused, "case-not-paused"},
    {EngineErrorCode::VersionConflict, "version-conflict"},
    {EngineErrorCode::UnknownTask, "unknown-task"},
    {EngineErrorCode::TaskClaimedByOther, "task-claimed-by-other"},
    {EngineErrorCode::TaskNotClaimed, "task-not-claimed"},
    {EngineErrorCode::ReasonRequired, "reason-required"},
    {EngineErrorCode::ReturnNotAllowed, "return-not-allowed"},
    {EngineErrorCode::InvalidData, "invalid-data"},
    {EngineErrorCode::NoFlowMatches, "no-flow-matches"},
    {EngineErrorCode::WrongDefinition, "wrong-definition"},
    {EngineErrorCode::UnknownDepartment, "unknown-department"},
    {EngineErrorCode::SupplementAlreadyRequested, "supplement-already-requested"},
    {EngineErrorCode::WouldStrandCase, "would-strand-case"},
};

const Value* findIn(const CaseData& data, std::string_view path)
{
    auto it = data.find(path);
    return it == data.end() ? nullptr : &it->second;
}

bool hasType(const Value& value, FieldType type)
{
    switch (type) {
    case FieldType::Boolean: return std::holds_alternative<bool>(value);
    case FieldType::Number: return std::holds_alternative<double>(value);
    case FieldType::String: return std::holds_alternative<std::string>(value);
    }
    return false;
}

/// One command's work on a scratch copy of the marking; the original state
/// is never touched, so a refusal halfway through changes nothing.
class Run {
public:
    Run(const ExecutableProcess& process, const CaseState& state, const Command& command, const Directory* directory)
        : m_process(process), m_original(state), m_directory(directory), m_actor(command.actor), m_at(command.at)
    {
        m_scratch.caseId = state.caseId;
        m_scratch.definitionKey = state.definitionKey;
        m_scratch.definitionVersion = state.definitionVersion;
        m_scratch.status = state.status;
        m_scratch.refused = state.refused;
        m_scratch.version = state.version;
        m_scratch.marking = state.marking;
        m_scratch.marking.flowTokens.resize(process.flowCount(), 0);
        m_scratch.marking.branchesOpened.resize(process.nodeCount(), 0);
        m_events.reserve(4);
    }

    std::expected<Events, EngineError> execute(const Command& command)
    {
        if (command.expectedVersion && *command.expectedVersion != m_original.version)
            return fail(EngineErrorCode::VersionConflict, {},
                        "办件已被他人修改（版本 " + std::to_string(m_original.version) + "，提交的是 " +
                            std::to_string(*command.expectedVersion) + "），请刷新后重试",
                        "the case changed meanwhile (version " + std::to_string(m_original.version) + ", command saw " +
                            std::to_string(*command.expectedVersion) + "); reload and try again");
        auto events = std::visit([this](const auto& action) { return handle(action); }, command.action);
        if (events && m_scratch.status == CaseStatus::Running && m_scratch.marking.openTasks.empty())
            return stranded();
        if (events)
            if (auto moved = movedDepartment())
                return std::unexpected(*moved);
        return events;
    }

private:
    using Result = std::expected<Events, EngineError>;

    std::unexpected<EngineError> fail(EngineErrorCode code, std::optional<std::uint32_t> node, std::string zh,
                                      std::string en) const
    {
        EngineError error;
        error.code = code;
        error.caseId = m_original.caseId.empty() ? m_scratch.caseId : m_original.caseId;
        if (node)
            error.nodeId = m_process.definition().nodes()[*node].id;
        error.message = {std::move(zh), std::move(en)};
        return std::unexpected(std::move(error));
    }

    /// A running case with no open task would wait for ever: no timer or
    /// message in the model wakes it. Validation proves this cannot happen for
    /// what it accepts; the refusal keeps a case of an older definition, or a
    /// state the proof did not foresee, from being stranded in silence.
    std::unexpected<EngineError> stranded() const
    {
        std::string waiting;
        for (std::uint32_t f = 0; f < m_scratch.marking.flowTokens.size(); ++f)
            if (m_scratch.marking.flowTokens[f] > 0)
                waiting += (waiting.empty() ? "'" : ", '") + m_process.definition().nodes()[m_process.flowTarget(f)].id + "'";
        if (waiting.empty())
            waiting = "-";
        return fail(EngineErrorCode::WouldStrandCase, {},
                    "此操作会使办件停在 " + waiting + "，没有任何待办环节，办件将无法办结；请联系流程设计人员",
                    "the command would leave the case waiting at " + waiting +
                        " with no open task, so it could never finish; tell the process designer");
    }

    /// A task stays with the department it was opened for: its inbox shows
    /// it and its officer may have claimed it. A patch to the field that
    /// names the department of a task open before and after the command
    /// would hand it, unseen, to a department that may not even exist.
    std::optional<EngineError> movedDepartment() const
    {
        for (const auto& open : m_scratch.marking.openTasks) {
            const auto& task = m_process.definition().nodes()[open.node];
            const auto field = departmentField(task);
            if (!field || !m_original.findTask(open.number))
                continue;
            const auto before = departmentFor(task, m_original.data);
            const auto* code = departmentCode(*field);
            if (code && *code == before)
                continue;
            return fail(EngineErrorCode::InvalidData, open.node,
                        "环节 '" + task.id + "' 正由 " + before + " 办理，其办理部门取自字段 '" + std::string(*field) +
                            "'：该环节办结前此字段不能更改",
                        "task '" + task.id + "' is open at " + before + ", whose field '" + std::string(*field) +
                            "' names its department: the field cannot change while the task is open")
                .error();
        }
        return std::nullopt;
    }

    template <typename What>
    void emit(What what)
    {
        Event event{std::move(what), m_actor, m_at};
        evolve(m_scratch, event);
        m_events.push_back(std::move(event));
    }

    const Value* lookup(std::string_view path) const
    {
        if (const Value* value = findIn(m_scratch.data, path))
            return value;
        return findIn(m_original.data, path);
    }

    std::optional<EngineError> checkData(const CaseData& data, bool complete, std::optional<std::uint32_t> node) const
    {
        for (const auto& [path, declaration] : m_process.definition().fields) {
            const Value* value = findIn(data, path);
            if (!value || value->index() == 0) {
                if (complete)
                    return fail(EngineErrorCode::InvalidData, node, "缺少字段 '" + path + "'",
                                "field '" + path + "' is missing").error();
                if (!value)
                    continue;
                // Conditions and departments read declared fields; a case never loses one.
                return fail(EngineErrorCode::InvalidData, node,
                            "字段 '" + path + "' 是流程声明的字段，条件和办理部门依据它，不能清空",
                            "field '" + path + "' is declared by the process, whose conditions and departments read "
                            "it, and cannot be cleared")
                    .error();
            }
            if (!hasType(*value, declaration.type))
                return fail(EngineErrorCode::InvalidData, node,
                            "字段 '" + path + "' 应为" + toString(declaration.type) + "，而不是 " + describe(*value),
                            "field '" + path + "' must be a " + toString(declaration.type) + ", not " + describe(*value))
                    .error();
            if (!declaration.allowedValues.empty() &&
                std::find(declaration.allowedValues.begin(), declaration.allowedValues.end(),
                          std::get<std::string>(*value)) == declaration.allowedValues.end())
                return fail(EngineErrorCode::InvalidData, node,
                            "字段 '" + path + "' 的值 " + describe(*value) + " 不在允许的选项中",
                            "field '" + path + "' has " + describe(*value) + ", which is not one of its allowed values")
                    .error();
            const auto& nodes = m_process.definition().nodes();
            const bool namesDepartment = std::any_of(nodes.begin(), nodes.end(), [&](const Node& n) {
                return departmentField(n) == std::optional<std::string_view>(path);
            });
            if (namesDepartment && std::get<std::string>(*value).empty())
                return fail(EngineErrorCode::InvalidData, node, "字段 '" + path + "' 指定办理部门，不能为空",
                            "field '" + path + "' names the department that works a task and cannot be empty")
                    .error();
        }
        return std::nullopt;
    }

    Result handle(const StartCase& start)
    {
        m_scratch.caseId = start.caseId;
        if (m_original.status != CaseStatus::NotStarted)
            return fail(EngineErrorCode::CaseAlreadyStarted, {}, "办件已经开始", "the case has already started");
        if (start.caseId.empty())
            return fail(EngineErrorCode::InvalidData, {}, "办件编号为空", "the case number is empty");
        if (auto error = checkData(start.data, true, std::nullopt))
            return std::unexpected(*error);
        const auto& def = m_process.definition();
        emit(CaseStarted{start.caseId, def.key, def.version, start.data, {m_process.startFlow()},
                         m_process.flowCount(), m_process.nodeCount()});
        return advance({m_process.startFlow()});
    }

    /// A step with a form section changes only that section's data: the
    /// other departments' answers are read-only to it.
    std::optional<EngineError> checkSection(const CaseData& patch, std::uint32_t node) const
    {
        const auto& section = m_process.definition().nodes()[node].formSection;
        if (section.empty())
            return std::nullopt;
        for (const auto& [path, value] : patch)
            if (!path.starts_with(section + "."))
                return fail(EngineErrorCode::InvalidData, node,
                            "字段 '" + path + "' 不在本环节的表单部分 '" + section + "' 中，不能修改",
                            "field '" + path + "' is outside this step's form section '" + section +
                                "' and cannot be changed here")
                    .error();
        return std::nullopt;
    }

    std::expected<const OpenTask*, EngineError> openTask(TaskNumber number) const
    {
        if (auto refused = requireRunning())
            return std::unexpected(*refused);
        const OpenTask* task = m_original.findTask(number);
        if (!task)
            return fail(EngineErrorCode::UnknownTask, {}, "没有待办环节任务 #" + std::to_string(number),
                        "there is no open task #" + std::to_string(number));
        if (!task->assignee.empty() && task->assignee != m_actor.user)
            return fail(EngineErrorCode::TaskClaimedByOther, task->node, "该任务已由 " + task->assignee + " 签收",
                        "the task is claimed by " + task->assignee);
        return task;
    }

    Result handle(const ClaimTask& claim)
    {
        auto task = openTask(claim.task);
        if (!task)
            return std::unexpected(task.error());
        if (!(*task)->assignee.empty())
            return fail(EngineErrorCode::TaskClaimedByOther, (*task)->node, "该任务已签收", "the task is already claimed");
        if (m_actor.user.empty())
            return fail(EngineErrorCode::InvalidData, (*task)->node, "签收需要用户", "claiming needs a user");
        emit(TaskClaimed{claim.task, m_actor.user});
        return std::move(m_events);
    }

    Result handle(const ReleaseTask& release)
    {
        auto task = openTask(release.task);
        if (!task)
            return std::unexpected(task.error());
        if ((*task)->assignee.empty())
            return fail(EngineErrorCode::TaskNotClaimed, (*task)->node, "该任务尚未签收", "the task is not claimed");
        emit(TaskReleased{release.task});
        return std::move(m_events);
    }

    Result handle(const ReassignTask& reassign)
    {
        if (auto refused = requireRunning())
            return std::unexpected(*refused);
        const OpenTask* task = m_original.findTask(reassign.task);
        if (!task)
            return fail(EngineErrorCode::UnknownTask, {}, "没有待办环节任务 #" + std::to_string(reassign.task),
                        "there is no open task #" + std::to_string(reassign.task));
        if (reassign.reason.empty())
            return fail(EngineErrorCode::ReasonRequired, task->node, "改派须说明理由", "reassigning a task needs a reason");
        if (reassign.assignee == task->assignee)
            return fail(EngineErrorCode::InvalidData, task->node,
                        reassign.assignee.empty() ? std::string("该任务尚未签收") : "该任务已由 " + reassign.assignee + " 签收",
                        reassign.assignee.empty() ? std::string("the task is not claimed")
                                                  : "the task is already claimed by " + reassign.assignee);
        const auto department = departmentFor(m_process.definition().nodes()[task->node], m_original.data);
        if (!reassign.assignee.empty() && m_directory && !m_directory->worksFor(reassign.assignee, department))
            return fail(EngineErrorCode::InvalidData, task->node,
                        "用户 " + reassign.assignee + " 不是 " + department + " 的人员，不能承办此任务",
                        "user " + reassign.assignee + " does not work for " + department + " and cannot take the task");
        emit(TaskReassigned{reassign.task, task->assignee, reassign.assignee, reassign.reason});
        return std::move(m_events);
    }

    Result handle(const CompleteTask& complete)
    {
        auto found = openTask(complete.task);
        if (!found)
            return std::unexpected(found.error());
        const OpenTask* task = *found;
        const auto node = task->node;
        const auto& info = m_process.node(node);
        if (m_original.isPaused())
            return fail(EngineErrorCode::CasePaused, node,
                        std::string("办件已暂停（") + pauseNameZh(m_original.pauses.back().kind) + "），请先恢复",
                        std::string("the case is paused (") + toString(m_original.pauses.back().kind) +
                            "); resume it first");
        if (complete.outcome != Outcome::Approve && complete.reason.empty())
            return fail(EngineErrorCode::ReasonRequired, node, "不予许可或退回必须说明理由",
                        "a rejection or a return needs a reason");
        if (auto error = checkData(complete.dataPatch, false, node))
            return std::unexpected(*error);
        if (auto error = checkSection(complete.dataPatch, node))
            return std::unexpected(*error);

        switch (complete.outcome) {
        case Outcome::Approve:
            emit(TaskCompleted{task->number, node, Outcome::Approve, complete.reason, complete.dataPatch,
                               {info.out.front()}});
            return advance({info.out.front()});
        case Outcome::Reject: {
            WorkDiscarded rest = everythingBut(task->number);
            FlowList produced;
            if (info.rejectionFlow)
                produced.push_back(*info.rejectionFlow);
            emit(TaskCompleted{task->number, node, Outcome::Reject, complete.reason, complete.dataPatch, produced});
            if (!rest.tasks.empty() || !rest.flows.empty())
                emit(std::move(rest));
            if (info.rejectionFlow)
                return advance({*info.rejectionFlow});
            emit(CaseEnded{CaseStatus::NotGranted, complete.reason});
            return std::move(m_events);
        }
        case Outcome::Return:
            return returnTask(*task, complete);
        }
        return std::move(m_events);
    }

    Result returnTask(const OpenTask& task, const CompleteTask& complete)
    {
        const auto target = m_process.definition().findNode(complete.returnTo);
        const auto flow = target ? m_process.returnFlow(task.node, static_cast<std::uint32_t>(*target)) : std::nullopt;
        if (!flow)
            return fail(EngineErrorCode::ReturnNotAllowed, task.node,
                        "流程没有从此环节退回到 '" + complete.returnTo + "' 的退回连线",
                        "the definition has no return flow from this task to '" + complete.returnTo + "'");
        const auto targetNode = static_cast<std::uint32_t>(*target);
        // What the officer recorded stays with the case (a revisit's "still
        // unsatisfied", say), checked like a completion's patch.
        emit(TaskReturned{task.number, task.node, targetNode, complete.reason, complete.dataPatch});

        // The branch being left is everything downstream of the target: its
        // open tasks and the tokens waiting on its flows are discarded.
        const auto& downstream = m_process.downstreamOf(targetNode);
        WorkDiscarded discarded;
        for (const auto& open : m_scratch.marking.openTasks)
            if (downstream.test(open.node))
                discarded.tasks.push_back(open.number);
        const auto& tokens = m_scratch.marking.flowTokens;
        for (std::uint32_t f = 0; f < tokens.size(); ++f)
            if (tokens[f] > 0 && downstream.test(m_process.flowSource(f)))
                discarded.flows.push_back(f);
        if (!discarded.tasks.empty() || !discarded.flows.empty())
            emit(std::move(discarded));
        if (auto refused = checkDepartment(targetNode))
            return std::unexpected(*refused);
        emit(TaskOpened{m_scratch.marking.nextTask, targetNode, std::nullopt});
        return std::move(m_events);
    }

    Result handle(const RequestSupplement& supplement)
    {
        if (auto refused = requirePausable())
            return std::unexpected(*refused);
        if (supplement.materials.empty() ||
            std::any_of(supplement.materials.begin(), supplement.materials.end(), [](const auto& m) { return m.empty(); }))
            return fail(EngineErrorCode::InvalidData, {}, "补正告知须一次列明所有需补正的材料",
                        "a supplement notice must list every missing or deficient material at once");
        const auto& pauses = m_original.pauses;
        const bool askedBefore = std::any_of(pauses.begin(), pauses.end(),
                                             [](const Pause& p) { return p.kind == PauseKind::Supplement; });
        if (askedBefore && supplement.repeatReason.empty())
            return fail(EngineErrorCode::SupplementAlreadyRequested, {},
                        "已经一次性告知过申请人需补正的材料，不能再次要求补正；确需再次补正的，须经主管同意并说明理由",
                        "the applicant has been told once and completely what to supplement and cannot be asked "
                        "again; a second notice needs a supervisor's reason");
        // Who may give a reason for a second notice is decided where the
        // command is authorised: on a first one it would pass a notice off as
        // what it is not, by someone who may not send it.
        if (!askedBefore && !supplement.repeatReason.empty())
            return fail(EngineErrorCode::InvalidData, {}, "尚未要求申请人补正过材料，首次补正告知无须说明再次补正的理由",
                        "the applicant has not been asked to supplement yet: a first notice gives no reason for a "
                        "second");
        emit(CasePaused{PauseKind::Supplement, supplement.materials, std::nullopt, supplement.note,
                        supplement.repeatReason});
        return std::move(m_events);
    }

    Result handle(const StartSpecialProcedure& procedure)
    {
        if (auto refused = requirePausable())
            return std::unexpected(*refused);
        if (procedure.procedure == PauseKind::Supplement)
            return fail(EngineErrorCode::InvalidData, {}, "补正请用补正告知", "use a supplement request for 补正");
        if (procedure.limit.amount <= 0)
            return fail(EngineErrorCode::InvalidData, {}, "特别程序须有时限", "a special procedure needs a limit of its own");
        emit(CasePaused{procedure.procedure, {}, procedure.limit, procedure.note});
        return std::move(m_events);
    }

    Result handle(const ResumeCase& resume)
    {
        if (auto refused = requireRunning())
            return std::unexpected(*refused);
        if (!m_original.isPaused())
            return fail(EngineErrorCode::CaseNotPaused, {}, "办件未暂停", "the case is not paused");
        emit(CaseResumed{resume.note});
        return std::move(m_events);
    }

    Result handle(const UrgeCase& urge)
    {
        if (auto refused = requireRunning())
            return std::unexpected(*refused);
        if (urge.note.empty())
            return fail(EngineErrorCode::ReasonRequired, {}, "催办和督办须写明意见", "urging or supervising needs a note");
        if (urge.task && !m_original.findTask(*urge.task))
            return fail(EngineErrorCode::UnknownTask, {}, "没有待办环节任务 #" + std::to_string(*urge.task),
                        "there is no open task #" + std::to_string(*urge.task));
        emit(CaseUrged{urge.level, urge.task, urge.note});
        return std::move(m_events);
    }

    std::optional<EngineError> requirePausable() const
    {
        if (auto refused = requireRunning())
            return refused;
        if (m_original.isPaused())
            return fail(EngineErrorCode::CasePaused, {},
                        std::string("办件已暂停（") + pauseNameZh(m_original.pauses.back().kind) + "）",
                        std::string("the case is already paused (") + toString(m_original.pauses.back().kind) + ")")
                .error();
        return std::nullopt;
    }

    static const char* pauseNameZh(PauseKind kind)
    {
        switch (kind) {
        case PauseKind::Supplement: return "补正";
        case PauseKind::Hearing: return "听证";
        case PauseKind::Tendering: return "招标";
        case PauseKind::Auction: return "拍卖";
        case PauseKind::Inspection: return "检验";
        case PauseKind::Testing: return "检测";
        case PauseKind::Quarantine: return "检疫";
        case PauseKind::Appraisal: return "鉴定";
        case PauseKind::ExpertReview: return "专家评审";
        }
        return "?";
    }

    Result handle(const WithdrawCase& withdraw) { return endByHand(CaseStatus::Withdrawn, withdraw.reason); }
    Result handle(const CancelCase& cancel) { return endByHand(CaseStatus::Cancelled, cancel.reason); }

    Result endByHand(CaseStatus status, const std::string& reason)
    {
        if (auto refused = requireRunning())
            return std::unexpected(*refused);
        if (reason.empty())
            return fail(EngineErrorCode::ReasonRequired, {}, "撤回或作废必须说明理由",
                        "withdrawing or cancelling a case needs a reason");
        WorkDiscarded rest = everythingBut(std::nullopt);
        if (!rest.tasks.empty() || !rest.flows.empty())
            emit(std::move(rest));
        emit(CaseEnded{status, reason});
        return std::move(m_events);
    }

    std::optional<EngineError> requireRunning() const
    {
        if (m_original.status == CaseStatus::Running)
            return std::nullopt;
        return fail(EngineErrorCode::CaseNotRunning, {},
                    std::string("办件不在办理中（状态：") + toString(m_original.status) + "）",
                    std::string("the case is not running (status: ") + toString(m_original.status) + ")")
            .error();
    }

    WorkDiscarded everythingBut(std::optional<TaskNumber> keep) const
    {
        WorkDiscarded all;
        for (const auto& open : m_scratch.marking.openTasks)
            if (open.number != keep)
                all.tasks.push_back(open.number);
        const auto& tokens = m_scratch.marking.flowTokens;
        for (std::uint32_t f = 0; f < tokens.size(); ++f)
            if (tokens[f] > 0)
                all.flows.push_back(f);
        return all;
    }

    /// The department code the case's data holds in `field` as the command
    /// leaves it; null when the field is missing or not text.
    const std::string* departmentCode(std::string_view field) const
    {
        const Value* value = lookup(field);
        return value ? std::get_if<std::string>(value) : nullptr;
    }

    /// A task whose department comes from case data opens only for a
    /// department that exists: otherwise no inbox would ever show it.
    std::optional<EngineError> checkDepartment(std::uint32_t node) const
    {
        const auto& task = m_process.definition().nodes()[node];
        const auto field = departmentField(task);
        if (!field)
            return std::nullopt;
        const auto* code = departmentCode(*field);
        if (!code || code->empty())
            return fail(EngineErrorCode::InvalidData, node,
                        "环节 '" + task.id + "' 的办理部门取自字段 '" + std::string(*field) + "'，而它为空",
                        "task '" + task.id + "' takes its department from field '" + std::string(*field) +
                            "', which is empty")
                .error();
        if (m_directory && !m_directory->hasDepartment(*code))
            return fail(EngineErrorCode::UnknownDepartment, node,
                        "环节 '" + task.id + "' 的办理部门 '" + *code + "'（取自字段 '" + std::string(*field) +
                            "'）不存在",
                        "task '" + task.id + "' would go to department '" + *code + "' (from field '" +
                            std::string(*field) + "'), which does not exist")
                .error();
        return std::nullopt;
    }

    bool holds(const Expression* condition) const
    {
        return condition && condition->evaluate([this](std::string_view path) { return lookup(path); });
    }

    /// Moves tokens from the given flows until every one waits at a task or a join.
    Result advance(FlowList pending)
    {
        auto& tokens = m_scratch.marking.flowTokens;
        while (!pending.empty()) {
            const auto flow = pending.back();
            pending.pop_back();
            if (tokens[flow] == 0)
                continue;
            const auto node = m_process.flowTarget(flow);
            const auto& info = m_process.node(node);
            switch (info.kind) {
            case NodeKind::Task:
                if (auto refused = checkDepartment(node))
                    return std::unexpected(*refused);
                emit(TaskOpened{m_scratch.marking.nextTask, node, flow});
                break;
            case NodeKind::End:
                emit(EndReached{node, flow});
                break;
            case NodeKind::Start:
                break;
            case NodeKind::ExclusiveGateway: {
                std::optional<std::uint32_t> chosen;
                if (info.out.size() == 1)
                    chosen = info.out.front();
                for (auto out : info.out) {
                    if (chosen)
                        break;
                    if (holds(m_process.condition(out)))
                        chosen = out;
                }
                if (!chosen)
                    chosen = info.defaultFlow;
                if (!chosen)
                    return fail(EngineErrorCode::NoFlowMatches, node, "没有任何条件成立，且没有默认连线",
                                "no condition holds and there is no default flow");
                emit(GatewayPassed{node, {flow}, {*chosen}, 0});
                pending.push_back(*chosen);
                break;
            }
            case NodeKind::ParallelGateway:
            case NodeKind::InclusiveGateway: {
                if (info.in.size() > 1) {
                    FlowList arrived;
                    for (auto in : info.in)
                        if (tokens[in] > 0)
                            arrived.push_back(in);
                    const std::size_t needed = info.kind == NodeKind::ParallelGateway
                                                   ? info.in.size()
                                                   : m_scratch.marking.branchesOpened[*info.matchingSplit];
                    if (arrived.size() < needed)
                        break;  // the token waits for the other branches
                    emit(GatewayPassed{node, arrived, {info.out.front()}, 0});
                    pending.push_back(info.out.front());
                    break;
                }
                FlowList produced;
                for (auto out : info.out)
                    if (info.kind == NodeKind::ParallelGateway || info.out.size() == 1 ||
                        holds(m_process.condition(out)))
                        produced.push_back(out);
                if (produced.empty() && info.defaultFlow)
                    produced.push_back(*info.defaultFlow);
                if (produced.empty())
                    return fail(EngineErrorCode::NoFlowMatches, node, "包容网关没有任何条件成立，且没有默认连线",
                                "no condition of the inclusive gateway holds and there is no default flow");
                const auto opened = info.kind == NodeKind::InclusiveGateway ? produced.size() : 0;
                emit(GatewayPassed{node, {flow}, produced, static_cast<std::uint16_t>(opened)});
                pending.insert(pending.end(), produced.rbegin(), produced.rend());
                break;
            }
            }
        }
        const auto& marking = m_scratch.marking;
        if (m_scratch.status == CaseStatus::Running && marking.openTasks.empty() &&
            std::all_of(marking.flowTokens.begin(), marking.flowTokens.end(), [](auto t) { return t == 0; }))
            emit(CaseEnded{m_scratch.refused ? CaseStatus::NotGranted : CaseStatus::Completed, {}});
        return std::move(m_events);
    }

    const ExecutableProcess& m_process;
    const CaseState& m_original;
    const Directory* m_directory;
    Actor m_actor;
    Instant m_at;
    CaseState m_scratch;
    Events m_events;
};

void produce(std::vector<std::uint16_t>& tokens, const FlowList& flows)
{
    for (auto f : flows) {
        if (f >= tokens.size())
            tokens.resize(f + 1, 0);
        ++tokens[f];
    }
}

void consume(std::vector<std::uint16_t>& tokens, std::uint32_t flow)
{
    if (flow < tokens.size() && tokens[flow] > 0)
        --tokens[flow];
}

void closeTask(Marking& marking, TaskNumber number)
{
    auto& open = marking.openTasks;
    open.erase(std::remove_if(open.begin(), open.end(), [number](const OpenTask& t) { return t.number == number; }),
               open.end());
}

void patch(CaseData& data, const CaseData& changes)
{
    for (const auto& [path, value] : changes)
        data.insert_or_assign(path, value);
}

} // namespace

std::string EngineError::describe() const
{
    std::string text = "case " + (caseId.empty() ? std::string("(new)") : caseId);
    if (!nodeId.empty())
        text += ", node " + nodeId;
    return text + ": " + message.en;
}

std::expected<Events, EngineError> apply(const ExecutableProcess& process, const CaseState& state,
                                         const Command& command, const Directory* directory)
{
    if (state.status != CaseStatus::NotStarted &&
        (state.definitionKey != process.definition().key || state.definitionVersion != process.definition().version)) {
        EngineError error{EngineErrorCode::WrongDefinition, state.caseId, {},
                          {"办件属于流程 " + state.definitionKey + " 第 " + std::to_string(state.definitionVersion) + " 版",
                           "the case runs on " + state.definitionKey + " version " +
                               std::to_string(state.definitionVersion) + ", not on this definition"}};
        return std::unexpected(std::move(error));
    }
    return Run(process, state, command, directory).execute(command);
}

void evolve(CaseState& state, const Event& event)
{
    auto& marking = state.marking;
    struct Visitor {
        CaseState& state;
        Marking& marking;
        Instant at;
        void operator()(const CaseStarted& e)
        {
            state.caseId = e.caseId;
            state.definitionKey = e.definitionKey;
            state.definitionVersion = e.definitionVersion;
            state.status = CaseStatus::Running;
            state.data = e.data;
            state.startedAt = at;
            marking.flowTokens.assign(e.flowCount, 0);
            marking.branchesOpened.assign(e.nodeCount, 0);
            produce(marking.flowTokens, e.produced);
        }
        void operator()(const TaskOpened& e)
        {
            if (e.consumed)
                consume(marking.flowTokens, *e.consumed);
            marking.openTasks.push_back(OpenTask{e.task, e.node, at, {}});
            marking.nextTask = std::max(marking.nextTask, e.task + 1);
        }
        void operator()(const TaskClaimed& e) { assign(e.task, e.user); }
        void operator()(const TaskReleased& e) { assign(e.task, {}); }
        void operator()(const TaskReassigned& e) { assign(e.task, e.to); }
        void assign(TaskNumber task, const std::string& user)
        {
            for (auto& open : marking.openTasks)
                if (open.number == task)
                    open.assignee = user;
        }
        void operator()(const TaskCompleted& e)
        {
            closeTask(marking, e.task);
            patch(state.data, e.dataPatch);
            produce(marking.flowTokens, e.produced);
            if (e.outcome == Outcome::Reject)
                state.refused = true;
        }
        void operator()(const TaskReturned& e)
        {
            closeTask(marking, e.task);
            patch(state.data, e.dataPatch);
        }
        void operator()(const WorkDiscarded& e)
        {
            for (auto task : e.tasks)
                closeTask(marking, task);
            for (auto flow : e.flows)
                if (flow < marking.flowTokens.size())
                    marking.flowTokens[flow] = 0;
        }
        void operator()(const GatewayPassed& e)
        {
            for (auto flow : e.consumed)
                consume(marking.flowTokens, flow);
            produce(marking.flowTokens, e.produced);
            if (e.branchesOpened > 0) {
                if (e.node >= marking.branchesOpened.size())
                    marking.branchesOpened.resize(e.node + 1, 0);
                marking.branchesOpened[e.node] = e.branchesOpened;
            }
        }
        void operator()(const EndReached& e) { consume(marking.flowTokens, e.consumed); }
        void operator()(const CasePaused& e) { state.pauses.push_back(Pause{e.kind, at, std::nullopt, e.limit}); }
        void operator()(const CaseResumed&)
        {
            if (!state.pauses.empty())
                state.pauses.back().to = at;
        }
        void operator()(const CaseUrged& e) { state.urges.push_back(UrgeRecord{e.level, e.task, at}); }
        void operator()(const CaseEnded& e)
        {
            state.status = e.status;
            state.endedAt = at;
            if (state.isPaused())
                state.pauses.back().to = at;  // a withdrawn or cancelled case stops its clocks for good
        }
    };
    std::visit(Visitor{state, marking, event.at}, event.what);
    ++state.version;
}

void evolve(CaseState& state, const Events& events)
{
    for (const auto& event : events)
        evolve(state, event);
}

const char* toString(EngineErrorCode code) { return nameIn(kErrorCodeNames, code); }

std::optional<EngineErrorCode> engineErrorCodeFromString(std::string_view text)
{
    return valueIn(kErrorCodeNames, text);
}

} // namespace tongban::workflow
