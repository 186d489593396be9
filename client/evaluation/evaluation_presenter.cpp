#include "client/evaluation/evaluation_presenter.h"

#include <algorithm>

namespace tongban::client {

namespace {

using store::TaskState;

DeskProblem problemOf(const services::DeskRefusal& refusal) { return {refusal.message}; }

/// Evaluations and rectifications are not in a server's event feed: written
/// into the copy of its cases, they would never reach it.
const DeskProblem kNotWhileConnected{"连接服务器时暂不能在本机登记评价或整改：请断开连接，在本机工作区办理",
                                     "evaluations and rectifications cannot be entered on this desktop while it is "
                                     "connected to a server yet: disconnect to enter them in the desktop's own workspace"};

std::expected<void, DeskProblem> step(const std::expected<void, services::DeskRefusal>& done)
{
    if (!done)
        return std::unexpected(problemOf(done.error()));
    return {};
}

template <typename T>
const T* field(const workflow::CaseData& data, std::string_view key)
{
    const auto at = data.find(key);
    return at == data.end() ? nullptr : std::get_if<T>(&at->second);
}

RectificationStage stageOf(const std::string& node)
{
    if (node == workflow::rectification::kVerify)
        return RectificationStage::Verify;
    if (node == workflow::rectification::kAppealReview)
        return RectificationStage::Appeal;
    if (node == workflow::rectification::kRevisit)
        return RectificationStage::Revisit;
    return RectificationStage::Reply;
}

} // namespace

std::vector<store::CaseView> EvaluationPresenter::casesToEvaluate(std::size_t limit) const
{
    const auto now = m_session.now();
    auto ended = m_session.store().casesEndedBefore(now + std::chrono::seconds{1});
    std::vector<store::CaseView> open;
    for (auto it = ended.rbegin(); it != ended.rend() && open.size() < limit; ++it)
        if (it->definitionKey != workflow::kRectificationKey &&
            *it->endedAt + std::chrono::days{m_settings.windowDays} >= now)
            open.push_back(*it);
    return open;
}

std::expected<workflow::Evaluation, DeskProblem> EvaluationPresenter::record(
    const std::string& caseNumber, workflow::EvaluationLevel level, workflow::EvaluationChannel channel,
    const std::string& department, const std::string& comment, const std::vector<std::string>& tags)
{
    if (m_session.connected())
        return std::unexpected(kNotWhileConnected);
    const auto view = m_session.store().caseByNumber(caseNumber);
    if (!view)
        return std::unexpected(DeskProblem{"没有办件 " + caseNumber, "there is no case " + caseNumber});
    workflow::Evaluation evaluation;
    evaluation.caseNumber = caseNumber;
    evaluation.object = department.empty()
                            ? workflow::EvaluatedObject{workflow::EvaluatedKind::Matter, view->definitionKey}
                            : workflow::EvaluatedObject{workflow::EvaluatedKind::Department, department};
    evaluation.level = level;
    evaluation.channel = channel;
    evaluation.items = {{"整体满意度", level}};
    evaluation.reasonTags = tags;
    evaluation.comment = comment;
    evaluation.evaluator = {view->applicantName, view->applicantIdentity, {}, false};
    // Paper forms and hotline calls are keyed in by the member of staff at the desk.
    if (workflow::enteredByStaff(channel))
        evaluation.enteredBy = m_session.user().login;
    evaluation.at = m_session.now();
    auto recorded = services::recordEvaluation(m_session.store(), evaluation, m_settings);
    if (!recorded)
        return std::unexpected(problemOf(recorded.error()));
    return std::move(*recorded);
}

std::vector<std::string> EvaluationPresenter::departments() const
{
    std::vector<std::string> codes;
    for (const auto& department : m_session.store().departments())
        codes.push_back(department.code);
    return codes;
}

std::vector<EvaluationRow> EvaluationPresenter::evaluations(bool badOnly) const
{
    auto& store = m_session.store();
    std::vector<EvaluationRow> rows;
    auto all = store.evaluationsBefore(m_session.now() + std::chrono::seconds{1});
    for (auto it = all.rbegin(); it != all.rend(); ++it) {
        if (badOnly && !workflow::isBad(it->level))
            continue;
        std::string owner;
        if (!it->rectificationCase.empty())
            if (const auto state = store.caseState(it->rectificationCase))
                if (const auto* department = field<std::string>(state->data, workflow::rectification::kDepartment))
                    owner = *department;
        rows.push_back({services::visibleTo(*it, m_session.user(), owner), owner});
    }
    return rows;
}

std::vector<RectificationCard> EvaluationPresenter::board() const
{
    auto& store = m_session.store();
    const auto& user = m_session.user();
    const bool supervisor =
        user.role == store::Role::Supervisor || user.role == store::Role::Administrator;
    const auto now = m_session.now();
    std::vector<RectificationCard> cards;
    for (const auto& view : store.casesOfDefinition(std::string(workflow::kRectificationKey))) {
        const auto state = store.caseState(view.number);
        RectificationCard card;
        card.caseNumber = view.number;
        if (const auto* owner = field<std::string>(state->data, workflow::rectification::kDepartment))
            card.owner = *owner;
        if (const auto* source = field<std::string>(state->data, workflow::rectification::kSource))
            card.source = *source;
        if (const auto* kind = field<std::string>(state->data, workflow::rectification::kKind); kind && *kind != "未分类")
            card.kind = *kind;
        card.stage = RectificationStage::Closed;
        for (const auto& task : store.tasksOfCase(view.number)) {
            if (task.state != TaskState::Open && task.state != TaskState::Claimed)
                continue;
            card.stage = stageOf(task.node);
            card.due = task.dueAt;
            card.overdue = task.dueAt && *task.dueAt < now;
            card.mine = task.department == user.department;
        }
        if (const auto evaluation = store.evaluationRectifiedBy(view.number))
            card.evaluationComment = evaluation->comment;
        if (supervisor || card.mine || card.owner == user.department)
            cards.push_back(std::move(card));
    }
    return cards;
}

std::expected<void, DeskProblem> EvaluationPresenter::verify(const std::string& rectification,
                                                             workflow::RectificationKind kind, const std::string& finding)
{
    if (m_session.connected())
        return std::unexpected(kNotWhileConnected);
    return step(services::verifyRectification(m_session.store(), rectification, kind, finding, {}, m_session.actor(),
                                            m_session.now()));
}

std::expected<void, DeskProblem> EvaluationPresenter::decideAppeal(const std::string& rectification, bool upheld,
                                                                   const std::string& reason)
{
    if (m_session.connected())
        return std::unexpected(kNotWhileConnected);
    return step(services::decideAppeal(m_session.store(), rectification, upheld, reason, m_session.actor(), m_session.now()));
}

std::expected<void, DeskProblem> EvaluationPresenter::reply(const std::string& rectification, const std::string& text)
{
    if (m_session.connected())
        return std::unexpected(kNotWhileConnected);
    return step(services::replyToEvaluator(m_session.store(), rectification, text, {}, m_session.actor(), m_session.now()));
}

std::expected<void, DeskProblem> EvaluationPresenter::revisit(const std::string& rectification, bool satisfied, bool settle,
                                                              const std::string& note)
{
    if (m_session.connected())
        return std::unexpected(kNotWhileConnected);
    return step(services::recordRevisit(m_session.store(), rectification, satisfied, settle, note, m_session.actor(),
                                      m_session.now()));
}

std::expected<std::string, DeskProblem> EvaluationPresenter::openByHand(const std::string& owner, const std::string& source)
{
    if (m_session.connected())
        return std::unexpected(kNotWhileConnected);
    const auto& user = m_session.user();
    if (user.role != store::Role::Supervisor && user.role != store::Role::Administrator)
        return std::unexpected(DeskProblem{"只有督查人员可以直接立单整改", "only supervisors open a rectification by hand"});
    std::string region;
    for (const auto& department : m_session.store().departments())
        if (department.code == user.department)
            region = department.region;
    auto opened = services::openRectification(m_session.store(), owner, source, region, m_settings, m_session.actor(),
                                            m_session.now());
    if (!opened)
        return std::unexpected(problemOf(opened.error()));
    return *opened;
}

} // namespace tongban::client
