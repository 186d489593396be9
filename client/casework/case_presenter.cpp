#include "client/casework/case_presenter.h"

#include "forms/regions/region_table.h"
#include "forms/schema/answer_text.h"
#include "workflow/json/json_document.h"

#include <Poco/JSON/Array.h>

#include <algorithm>
#include <map>

namespace tongban::client {

namespace {

using store::TaskState;
using store::TaskView;

std::string text(const workflow::Value& value)
{
    if (const auto* s = std::get_if<std::string>(&value))
        return *s;
    if (const auto* b = std::get_if<bool>(&value))
        return *b ? "是" : "否";
    return workflow::describe(value);
}

bool isOpen(const TaskView& task) { return task.state == TaskState::Open || task.state == TaskState::Claimed; }


} // namespace

bool needsReason(CaseActionKind kind) { return kind == CaseActionKind::Reject || kind == CaseActionKind::Return; }

bool CasePresenter::load(const std::string& caseNumber)
{
    auto& store = m_session.store();
    m_case = store.caseByNumber(caseNumber);
    if (!m_case)
        return false;
    m_state = store.caseState(caseNumber);
    m_process = store.definition(m_case->definitionKey, m_case->definitionVersion);
    m_tasks = store.tasksOfCase(caseNumber);
    m_oneThing = store::catalogueOneThing(store, m_case->definitionKey);
    m_unified.reset();
    if (m_oneThing)
        if (auto unified = forms::unifyForm(*m_oneThing))
            m_unified = std::move(*unified);
    m_materials.clear();
    m_answers.clear();
    m_currentAnswers = nullptr;
    if (const auto record = store.applicationOf(caseNumber))
        if (auto parsed = workflow::json::parse(*record); parsed && parsed->type() == typeid(Poco::JSON::Object::Ptr)) {
            const auto root = parsed->extract<Poco::JSON::Object::Ptr>();
            if (const auto answers = root->getObject("answers"))
                m_currentAnswers = new Poco::JSON::Object(*answers);
            m_materials = forms::recordedMaterials(root, m_oneThing ? &*m_oneThing : nullptr);
        }
    m_data.clear();
    for (const auto& [key, value] : m_state->data)
        m_data.emplace_back(key, text(value));
    // The departments' corrections, recorded in the case data, stand over the application's answers.
    if (m_currentAnswers && m_unified)
        for (const auto& field : m_unified->form.fields)
            if (const auto value = m_state->data.find(field.key); value != m_state->data.end()) {
                const auto answer = forms::answerFromValue(field, value->second);
                if (answer.isEmpty())
                    m_currentAnswers->remove(field.key);
                else
                    m_currentAnswers->set(field.key, answer);
            }
    readAnswers();
    readTimeline();
    m_progress.clear();
    const bool ended = !m_state->isRunning();
    for (const auto& node : m_process->definition().nodes()) {
        if (node.kind != workflow::NodeKind::Task)
            continue;
        ProgressStep step{node.id, node.name.empty() ? node.id : node.name, workflow::departmentFor(node, m_state->data),
                          StepProgress::Pending};
        const auto at = [&](auto predicate) {
            return std::ranges::any_of(m_tasks, [&](const TaskView& t) { return t.node == node.id && predicate(t); });
        };
        if (at(isOpen))
            step.progress = StepProgress::Active;
        else if (at([](const TaskView& t) { return t.state == TaskState::Done; }))
            step.progress = StepProgress::Done;
        else if (ended || at([](const TaskView& t) { return t.state == TaskState::Discarded; }))
            step.progress = StepProgress::Skipped;
        m_progress.push_back(std::move(step));
    }
    if (m_editedCase != caseNumber) {
        m_edits.clear();
        m_editedCase = caseNumber;
    }
    findOwnSection();
    checkSection();
    return true;
}

std::vector<CaseAction> CasePresenter::actions() const
{
    std::vector<CaseAction> actions;
    if (!m_case || !m_state->isRunning() || m_state->isPaused())
        return actions;
    const auto& user = m_session.user();
    const auto& definition = m_process->definition();
    for (const auto& task : m_tasks) {
        if (!isOpen(task) || task.department != user.department)
            continue;
        if (task.state == TaskState::Claimed && task.assignee != user.login)
            continue;  // someone else is working on it
        const auto add = [&](CaseActionKind kind) { actions.push_back({kind, task.task, task.name, {}}); };
        add(task.state == TaskState::Open ? CaseActionKind::Claim : CaseActionKind::Release);
        add(CaseActionKind::Approve);
        const auto node = *definition.findNode(task.node);
        CaseAction back{CaseActionKind::Return, task.task, task.name, {}};
        bool rejects = false;
        for (std::size_t f = 0; f < definition.flows().size(); ++f) {
            if (definition.source(f) != node)
                continue;
            const auto& flow = definition.flows()[f];
            const auto& target = definition.nodes()[definition.target(f)];
            if (flow.kind == workflow::FlowKind::Return)
                back.returnTargets.emplace_back(target.id, target.name.empty() ? target.id : target.name);
            rejects = rejects || flow.kind == workflow::FlowKind::Rejection;
        }
        if (rejects)
            add(CaseActionKind::Reject);
        if (!back.returnTargets.empty())
            actions.push_back(std::move(back));
    }
    return actions;
}

void CasePresenter::findOwnSection()
{
    m_matterForm.reset();
    m_sectionPrefix.clear();
    m_sectionTask.reset();
    if (!m_oneThing || !m_currentAnswers)
        return;
    const auto& definition = m_process->definition();
    for (const auto& action : actions()) {
        if (action.kind != CaseActionKind::Approve)
            continue;
        const auto task = std::ranges::find(m_tasks, action.task, &TaskView::task);
        const auto index = task == m_tasks.end() ? std::nullopt : definition.findNode(task->node);
        if (!index)
            continue;
        const auto& node = definition.nodes()[*index];
        const auto* matter = node.formSection.empty() ? nullptr : m_oneThing->findMatter(node.matter);
        if (!matter)
            continue;
        m_matterForm = forms::departmentForm(*m_oneThing, *matter);
        m_sectionPrefix = node.formSection + ".";
        m_sectionTask = action.task;
        return;
    }
}

void CasePresenter::checkSection()
{
    m_section.clear();
    m_sectionValues.clear();
    if (!m_matterForm)
        return;
    Poco::JSON::Object::Ptr answers = new Poco::JSON::Object(*m_currentAnswers);
    for (const auto& [key, typed] : m_edits)
        if (const auto* field = m_matterForm->find(key)) {
            const auto answer = forms::answerFromText(*field, typed);
            if (answer.isEmpty())
                answers->remove(key);
            else
                answers->set(key, answer);
        }
    // The whole matter's form is checked, so that conditions on other sections' answers hold.
    const forms::ValidationContext context{m_session.calendar().localDay(m_session.now()), {}, false};
    const auto report = forms::validateAnswers(*m_matterForm, Poco::Dynamic::Var(answers), context);
    for (const auto& field : m_matterForm->fields) {
        if (!field.key.starts_with(m_sectionPrefix) || !forms::conditionType(field.kind) || !report.shown.contains(field.key))
            continue;
        SectionField row{field, {}, false, {}};
        const auto edit = m_edits.find(field.key);
        row.changed = edit != m_edits.end();
        row.value = row.changed ? edit->second : forms::textOfAnswer(m_currentAnswers->get(field.key));
        for (const auto& finding : report.findings)
            if (finding.path == field.key)
                row.findings.push_back(finding);
        m_section.push_back(std::move(row));
    }
    m_sectionValues = report.values;
}

void CasePresenter::setSectionAnswer(const std::string& key, const std::string& typed)
{
    const auto row = std::ranges::find(m_section, key, [](const SectionField& f) { return f.field.key; });
    if (row == m_section.end())
        return;
    // Typing the answer as it stands is no change.
    if (typed == forms::textOfAnswer(m_currentAnswers->get(key)))
        m_edits.erase(key);
    else
        m_edits.insert_or_assign(key, typed);
    checkSection();
}

std::expected<workflow::CaseData, ActionRefusal> CasePresenter::sectionPatch() const
{
    workflow::CaseData patch;
    std::string errorsZh, errorsEn;
    for (const auto& row : m_section) {
        for (const auto& finding : row.findings)
            if (finding.level == forms::FindingLevel::Error) {
                errorsZh += "\n" + row.field.label + "：" + finding.message.zh;
                errorsEn += "\n" + (row.field.labelEn.empty() ? row.field.label : row.field.labelEn) + ": " +
                            finding.message.en;
            }
        if (!row.changed)
            continue;
        const auto value = m_sectionValues.find(row.field.key);
        patch[row.field.key] = value == m_sectionValues.end() ? workflow::Value{} : value->second;
    }
    if (!errorsZh.empty())
        return std::unexpected(ActionRefusal{"本部门填写的内容有误，请先更正：" + errorsZh,
                                             "correct your section of the form first:" + errorsEn});
    return patch;
}

void CasePresenter::readAnswers()
{
    if (!m_currentAnswers || !m_oneThing || !m_unified)
        return;
    const auto& answers = m_currentAnswers;
    const auto& oneThing = m_oneThing;
    const auto& unified = m_unified;
    // The sections this user's department fills: those of the steps it works now.
    std::vector<std::string> own;
    for (const auto& task : m_tasks)
        if (isOpen(task) && task.department == m_session.user().department)
            if (const auto node = m_process->definition().findNode(task.node))
                own.push_back(m_process->definition().nodes()[*node].formSection);
    static const std::map<std::string, std::string, std::less<>> kSections{
        {"situation", "情形引导"}, {"applicant", "申请人"}, {"agent", "代理人"}, {"business", "经营主体"}};
    for (std::size_t i = 0; i < unified->form.fields.size(); ++i) {
        const auto& field = unified->form.fields[i];
        if (!answers->has(field.key))
            continue;
        const auto sectionKey = field.key.substr(0, field.key.find('.'));
        std::string section;
        if (const auto known = kSections.find(sectionKey); known != kSections.end())
            section = known->second;
        else if (const auto* matter = oneThing->findMatter(unified->askedBy[i].front()))
            section = matter->name;
        const auto value = answers->get(field.key);
        std::string answer;
        if (value.isBoolean())
            answer = value.extract<bool>() ? "是" : "否";
        else if (value.type() == typeid(Poco::JSON::Array::Ptr)) {
            const auto items = value.extract<Poco::JSON::Array::Ptr>();
            for (std::size_t k = 0; k < items->size(); ++k)
                answer += (answer.empty() ? "" : "、") + items->get(static_cast<unsigned>(k)).convert<std::string>();
        } else if (value.type() == typeid(Poco::JSON::Object::Ptr)) {
            const auto object = value.extract<Poco::JSON::Object::Ptr>();
            const auto region = forms::regionCodeOf(object->optValue<std::string>("region", ""));
            answer = (region ? forms::RegionTable::current().fullName(*region) : std::string()) +
                     object->optValue<std::string>("detail", "");
        } else {
            answer = value.convert<std::string>();
        }
        m_answers.push_back({section, field.label, answer, std::ranges::find(own, sectionKey) != own.end()});
    }
}

void CasePresenter::readTimeline()
{
    using Kind = TimelineEntry::Kind;
    m_timeline.clear();
    const auto& nodes = m_process->definition().nodes();
    const auto stepName = [&](std::uint32_t node) {
        return nodes[node].name.empty() ? nodes[node].id : nodes[node].name;
    };
    std::map<workflow::TaskNumber, std::uint32_t> taskNodes;
    for (const auto& event : m_session.store().eventsOfCase(m_case->number)) {
        TimelineEntry entry{Kind::Accepted, event.at, event.actor.user, event.actor.department, {}, {}, {}};
        const bool shown = std::visit(
            [&](const auto& e) {
                using E = std::decay_t<decltype(e)>;
                if constexpr (std::is_same_v<E, workflow::CaseStarted>) {
                    return true;
                } else if constexpr (std::is_same_v<E, workflow::TaskOpened>) {
                    taskNodes[e.task] = e.node;
                    entry.kind = Kind::StepOpened;
                    entry.step = stepName(e.node);
                    return true;
                } else if constexpr (std::is_same_v<E, workflow::TaskClaimed> || std::is_same_v<E, workflow::TaskReleased>) {
                    entry.kind = std::is_same_v<E, workflow::TaskClaimed> ? Kind::Claimed : Kind::Released;
                    entry.step = stepName(taskNodes[e.task]);
                    return true;
                } else if constexpr (std::is_same_v<E, workflow::TaskReassigned>) {
                    entry.kind = Kind::Reassigned;
                    entry.step = stepName(taskNodes[e.task]);
                    entry.target = e.to;
                    entry.detail = e.reason;
                    return true;
                } else if constexpr (std::is_same_v<E, workflow::TaskCompleted>) {
                    entry.kind = e.outcome == workflow::Outcome::Reject ? Kind::Rejected : Kind::Completed;
                    entry.step = stepName(e.node);
                    entry.detail = e.reason;
                    for (const auto& [key, value] : e.dataPatch) {
                        const auto* field = m_unified ? m_unified->form.find(key) : nullptr;
                        entry.corrected.push_back(field ? field->label : key);
                    }
                    return true;
                } else if constexpr (std::is_same_v<E, workflow::TaskReturned>) {
                    entry.kind = Kind::Returned;
                    entry.step = stepName(e.node);
                    entry.target = stepName(e.target);
                    entry.detail = e.reason;
                    return true;
                } else if constexpr (std::is_same_v<E, workflow::CasePaused>) {
                    entry.kind = Kind::Paused;
                    for (const auto& material : e.materials)
                        entry.detail += (entry.detail.empty() ? "" : "、") + material;
                    if (!e.note.empty())
                        entry.detail += (entry.detail.empty() ? "" : "：") + e.note;
                    return true;
                } else if constexpr (std::is_same_v<E, workflow::CaseResumed>) {
                    entry.kind = Kind::Resumed;
                    entry.detail = e.note;
                    return true;
                } else if constexpr (std::is_same_v<E, workflow::CaseUrged>) {
                    entry.kind = e.level == workflow::UrgeLevel::Supervise ? Kind::Supervised : Kind::Urged;
                    if (e.task)
                        entry.step = stepName(taskNodes[*e.task]);
                    entry.detail = e.note;
                    return true;
                } else if constexpr (std::is_same_v<E, workflow::CaseEnded>) {
                    entry.kind = Kind::Ended;
                    entry.detail = e.reason;
                    return true;
                } else {
                    return false;  // gateways passed, ends reached, work discarded: the engine's bookkeeping
                }
            },
            event.what);
        if (shown)
            m_timeline.push_back(std::move(entry));
    }
}

bool CasePresenter::mayPause() const
{
    if (!m_case || !m_state->isRunning())
        return false;
    const auto& department = m_session.user().department;
    return std::ranges::any_of(m_tasks, [&](const TaskView& t) { return isOpen(t) && t.department == department; });
}

std::vector<std::string> CasePresenter::supplementableMaterials() const
{
    std::vector<std::string> names;
    if (m_oneThing)
        for (const auto& type : m_oneThing->materialTypes)
            names.push_back(type.name);
    return names;
}

std::expected<void, ActionRefusal> CasePresenter::run(workflow::Command command)
{
    if (!m_case)
        return std::unexpected(ActionRefusal{"没有打开办件", "no case is open"});
    if (!mayPause())
        return std::unexpected(ActionRefusal{"您的部门当前未办理此办件", "your department is not working on this case now"});
    const auto applied = m_session.execute(m_case->number, command);
    load(m_case->number);
    if (!applied)
        return std::unexpected(ActionRefusal{"操作未执行：" + applied.error().message, "not done: " + applied.error().message});
    return {};
}

std::expected<void, ActionRefusal> CasePresenter::requestSupplement(const std::vector<std::string>& materials,
                                                                    const std::string& note)
{
    return run({workflow::RequestSupplement{materials, note}, m_session.actor(), m_session.now()});
}

std::expected<void, ActionRefusal> CasePresenter::startProcedure(workflow::PauseKind kind, int workingDays,
                                                                 const std::string& note)
{
    return run({workflow::StartSpecialProcedure{kind, {workingDays, workflow::LimitUnit::WorkingDays}, note},
                m_session.actor(), m_session.now()});
}

std::expected<void, ActionRefusal> CasePresenter::resume(const std::string& note)
{
    return run({workflow::ResumeCase{note}, m_session.actor(), m_session.now()});
}

std::expected<void, ActionRefusal> CasePresenter::perform(const CaseAction& action, const std::string& reason,
                                                          const std::string& returnTo)
{
    if (!m_case)
        return std::unexpected(ActionRefusal{"没有打开办件", "no case is open"});
    if (needsReason(action.kind) && reason.empty())
        return std::unexpected(ActionRefusal{"退回或不予许可须说明理由", "a return or a rejection needs a reason"});
    workflow::Command command{workflow::ClaimTask{action.task}, m_session.actor(), m_session.now(), m_case->version};
    switch (action.kind) {
    case CaseActionKind::Claim:
        break;
    case CaseActionKind::Release:
        command.action = workflow::ReleaseTask{action.task};
        break;
    case CaseActionKind::Approve:
    case CaseActionKind::Reject: {
        workflow::CaseData patch;
        if (action.task == m_sectionTask) {
            auto checked = sectionPatch();
            if (!checked)
                return std::unexpected(checked.error());
            patch = std::move(*checked);
        }
        const auto outcome = action.kind == CaseActionKind::Approve ? workflow::Outcome::Approve : workflow::Outcome::Reject;
        command.action = workflow::CompleteTask{action.task, outcome, reason, {}, std::move(patch)};
        break;
    }
    case CaseActionKind::Return:
        command.action = workflow::CompleteTask{action.task, workflow::Outcome::Return, reason, returnTo, {}};
        break;
    }
    const auto applied = m_session.execute(m_case->number, command);
    if (!applied) {
        const auto& refusal = applied.error();
        const bool stale = refusal.kind == store::Refusal::Kind::Conflict;
        load(m_case->number);
        return std::unexpected(ActionRefusal{
            stale ? "办件已被他人更新，已重新载入，请再操作一次" : "操作未执行：" + refusal.message,
            stale ? "someone else changed the case; it has been reloaded, please try again"
                  : "not done: " + refusal.message});
    }
    if (std::holds_alternative<workflow::CompleteTask>(command.action))
        m_edits.clear();
    load(m_case->number);
    return {};
}

} // namespace tongban::client
