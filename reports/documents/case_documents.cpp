#include "reports/documents/case_documents.h"

#include "forms/intake/intake.h"
#include "workflow/calendar/calendar.h"
#include "workflow/clock/deadline.h"
#include "workflow/json/json_document.h"

#include <Poco/JSON/Object.h>

namespace tongban::reports {

namespace {

const char* materialState(forms::MaterialState state)
{
    switch (state) {
    case forms::MaterialState::Provided:
        return "已提交";
    case forms::MaterialState::Exempt:
        return "免于提交";
    case forms::MaterialState::Promised:
        return "容缺后补";
    case forms::MaterialState::Missing:
        return "缺少";
    }
    return "";
}

std::vector<std::pair<std::string, std::string>> caseParameters(const store::CaseView& view)
{
    return {{"办件编号", view.number},
            {"申请人", view.applicantName + "（" + view.applicantIdentity + "）"},
            {"办理事项", view.oneThing}};
}

const char* endedAs(workflow::CaseStatus status)
{
    switch (status) {
    case workflow::CaseStatus::Completed:
        return "办结（准予）";
    case workflow::CaseStatus::NotGranted:
        return "不予许可";
    case workflow::CaseStatus::Withdrawn:
        return "申请人撤回";
    case workflow::CaseStatus::Cancelled:
        return "作废";
    case workflow::CaseStatus::NotStarted:
    case workflow::CaseStatus::Running:
        break;
    }
    return "办理中";
}

/// The last supplement asked for, and when the materials came, if they have.
struct SupplementRequest {
    workflow::CasePaused pause;
    workflow::Actor askedBy;
    workflow::Instant askedAt{};
    std::optional<workflow::Instant> resumedAt;
};

std::optional<SupplementRequest> lastSupplement(store::CaseQueries& store, const std::string& caseNumber)
{
    std::optional<SupplementRequest> last;
    for (const auto& event : store.eventsOfCase(caseNumber)) {
        if (const auto* paused = std::get_if<workflow::CasePaused>(&event.what)) {
            if (paused->kind == workflow::PauseKind::Supplement)
                last = SupplementRequest{*paused, event.actor, event.at, std::nullopt};
        } else if (std::holds_alternative<workflow::CaseResumed>(event.what) && last && !last->resumedAt) {
            last->resumedAt = event.at;
        }
    }
    return last;
}

const std::vector<CaseDocumentEntry>& allDocuments()
{
    static const std::vector<CaseDocumentEntry> documents{
        {CaseDocumentKind::Acceptance, "受理通知书", "Acceptance notice"},
        {CaseDocumentKind::Supplement, "补正告知书", "Supplement notice"},
        {CaseDocumentKind::Result, "办结通知书", "Result notice"},
    };
    return documents;
}

CaseDocumentError noSuchCase(const std::string& caseNumber)
{
    return {CaseDocumentError::Kind::NoSuchCase, "there is no case " + caseNumber};
}

} // namespace

std::vector<CaseDocumentEntry> caseDocuments(store::CaseQueries& store, const std::string& caseNumber)
{
    const auto view = store.caseByNumber(caseNumber);
    if (!view)
        return {};
    std::vector<CaseDocumentEntry> documents{allDocuments()[0]};
    if (lastSupplement(store, caseNumber))
        documents.push_back(allDocuments()[1]);
    if (view->endedAt)
        documents.push_back(allDocuments()[2]);
    return documents;
}

std::expected<ReportDocument, CaseDocumentError> caseDocument(store::Store& store, const std::string& caseNumber,
                                                              CaseDocumentKind kind, const std::string& madeAt)
{
    switch (kind) {
    case CaseDocumentKind::Acceptance:
        return acceptanceNotice(store, caseNumber, madeAt);
    case CaseDocumentKind::Supplement:
        return supplementNotice(store, caseNumber, madeAt);
    case CaseDocumentKind::Result:
        return resultNotice(store, caseNumber, madeAt);
    }
    return std::unexpected(CaseDocumentError{CaseDocumentError::Kind::NoSuchDocument, "there is no such document"});
}

std::expected<ReportDocument, CaseDocumentError> acceptanceNotice(store::Store& store, const std::string& caseNumber,
                                                                  const std::string& madeAt)
{
    const auto view = store.caseByNumber(caseNumber);
    if (!view)
        return std::unexpected(noSuchCase(caseNumber));
    const auto& calendar = store.workingCalendar();
    ReportDocument notice;
    notice.title = "受理通知书";
    notice.parameters = caseParameters(*view);
    notice.parameters.emplace_back("受理渠道", view->channel);
    notice.parameters.emplace_back("受理时间", workflow::formatLocalMinute(calendar, view->acceptedAt));
    if (view->dueAt)
        notice.parameters.emplace_back("承诺办结时间", workflow::formatLocalMinute(calendar, *view->dueAt));
    notice.madeAt = madeAt;
    Section body{"受理情况", {}};
    body.blocks.emplace_back(Paragraph{
        "您申请的“" + view->oneThing + "”已于 " + workflow::formatLocalMinute(calendar, view->acceptedAt) + " 受理，办件编号为 " + view->number +
        (view->dueAt ? "，承诺于 " + workflow::formatLocalMinute(calendar, *view->dueAt) + " 前办结" : std::string()) +
        "。办理中如需补正材料，将一次性告知。"});

    // The materials as the window recorded them, named as the one thing names them.
    Table materials{"申请材料", {"材料", "情况", "说明"}, {}};
    if (const auto record = store.applicationOf(caseNumber))
        if (auto parsed = workflow::json::parse(*record); parsed && parsed->type() == typeid(Poco::JSON::Object::Ptr)) {
            const auto oneThing = store::catalogueOneThing(store, view->definitionKey);
            for (const auto& material :
                 forms::recordedMaterials(parsed->extract<Poco::JSON::Object::Ptr>(), oneThing ? &*oneThing : nullptr))
                materials.rows.push_back(
                    {Cell::of(material.name), Cell::of(materialState(material.state)), Cell::of(material.detail)});
        }
    if (materials.rows.empty())
        body.blocks.emplace_back(Paragraph{"本办件没有窗口受理的材料记录。"});
    else
        body.blocks.emplace_back(std::move(materials));
    notice.sections.push_back(std::move(body));
    notice.sections.push_back({"办理进度查询", {QrCode{view->number, "扫描二维码或凭办件编号查询办理进度"}}});
    return notice;
}

std::expected<ReportDocument, CaseDocumentError> supplementNotice(store::Store& store, const std::string& caseNumber,
                                                                  const std::string& madeAt)
{
    const auto view = store.caseByNumber(caseNumber);
    if (!view)
        return std::unexpected(noSuchCase(caseNumber));
    const auto request = lastSupplement(store, caseNumber);
    if (!request)
        return std::unexpected(
            CaseDocumentError{CaseDocumentError::Kind::NotYet, "case " + caseNumber + " has not been asked to supplement materials"});
    const auto& calendar = store.workingCalendar();
    const auto askedAt = workflow::formatLocalMinute(calendar, request->askedAt);
    ReportDocument notice;
    notice.title = "补正告知书";
    notice.parameters = caseParameters(*view);
    notice.parameters.emplace_back("告知部门", request->askedBy.department);
    notice.parameters.emplace_back("告知时间", askedAt);
    notice.parameters.emplace_back("补正情况", request->resumedAt
                                                  ? "已于 " + workflow::formatLocalMinute(calendar, *request->resumedAt) + " 补齐"
                                                  : std::string("待补正"));
    notice.madeAt = madeAt;
    Section body{"需补正的材料", {}};
    body.blocks.emplace_back(Paragraph{
        "您申请的“" + view->oneThing + "”（办件编号 " + view->number + "），经审查，申请材料不齐全或者不符合法定形式。现于 " +
        askedAt + " 一次性告知需要补正的全部材料，共 " + std::to_string(request->pause.materials.size()) +
        " 项。补正期间不计入办理时限，自材料补齐之日起继续计算。"});
    Table materials{"需补正的材料", {"序号", "材料"}, {}};
    std::int64_t index = 0;
    for (const auto& material : request->pause.materials)
        materials.rows.push_back({Cell::count(++index), Cell::of(material)});
    body.blocks.emplace_back(std::move(materials));
    if (!request->pause.note.empty())
        body.blocks.emplace_back(Paragraph{"补正要求：" + request->pause.note});
    notice.sections.push_back(std::move(body));
    notice.sections.push_back({"办理进度查询", {QrCode{view->number, "扫描二维码或凭办件编号查询办理进度"}}});
    return notice;
}

std::expected<ReportDocument, CaseDocumentError> resultNotice(store::Store& store, const std::string& caseNumber,
                                                              const std::string& madeAt)
{
    const auto view = store.caseByNumber(caseNumber);
    if (!view)
        return std::unexpected(noSuchCase(caseNumber));
    const auto state = store.caseState(caseNumber);
    if (!view->endedAt || !state || !state->endedAt)
        return std::unexpected(CaseDocumentError{CaseDocumentError::Kind::NotYet, "case " + caseNumber + " has not ended"});
    const auto& calendar = store.workingCalendar();
    const auto endedAt = *view->endedAt;
    std::string reason;
    for (const auto& event : store.eventsOfCase(caseNumber))
        if (const auto* ended = std::get_if<workflow::CaseEnded>(&event.what))
            reason = ended->reason;
    const long minutes = calendar.officeMinutesBetween(view->acceptedAt, endedAt) -
                         workflow::pausedOfficeMinutes(calendar, view->acceptedAt, state->pauses, endedAt);
    const double workingDays = static_cast<double>(minutes) / calendar.officeMinutesPerDay();

    ReportDocument notice;
    notice.title = "办结通知书";
    notice.parameters = caseParameters(*view);
    notice.parameters.emplace_back("受理时间", workflow::formatLocalMinute(calendar, view->acceptedAt));
    notice.parameters.emplace_back("办结时间", workflow::formatLocalMinute(calendar, endedAt));
    notice.parameters.emplace_back("办理结果", endedAs(state->status));
    if (view->dueAt)
        notice.parameters.emplace_back("承诺办结时间", workflow::formatLocalMinute(calendar, *view->dueAt));
    notice.madeAt = madeAt;
    Section body{"办理结果", {}};
    std::string text = "您申请的“" + view->oneThing + "”（办件编号 " + view->number + "）已于 " +
                       workflow::formatLocalMinute(calendar, endedAt) + " " + endedAs(state->status) + "。";
    if (!reason.empty())
        text += "理由：" + reason + "。";
    if (state->status == workflow::CaseStatus::Completed && view->dueAt)
        text += endedAt <= *view->dueAt ? "在承诺时限内办结。" : "超过承诺时限办结，特此致歉。";
    body.blocks.emplace_back(Paragraph{std::move(text)});
    if (state->status == workflow::CaseStatus::NotGranted)
        body.blocks.emplace_back(Paragraph{"如对本决定不服，可依法申请行政复议或者提起行政诉讼。"});
    body.blocks.emplace_back(Table{"办理用时",
                                   {"项目", "数值"},
                                   {{Cell::of("办理用时（工作日，扣除补正和特别程序）"), Cell::number(workingDays, 1)},
                                    {Cell::of("暂停次数"), Cell::count(static_cast<std::int64_t>(state->pauses.size()))}}});
    notice.sections.push_back(std::move(body));
    notice.sections.push_back({"评价", {QrCode{view->number, "欢迎扫描二维码或凭办件编号对本次服务作出评价（好差评）"}}});
    return notice;
}

} // namespace tongban::reports
