#include "reports/catalogue/case_documents.h"

#include "forms/intake/intake.h"
#include "workflow/calendar/calendar.h"
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

} // namespace

std::expected<ReportDocument, std::string> acceptanceNotice(workflow::store::Store& store, const std::string& caseNumber,
                                                            const std::string& madeAt)
{
    const auto view = store.caseByNumber(caseNumber);
    if (!view)
        return std::unexpected("there is no case " + caseNumber);
    const auto& calendar = store.workingCalendar();
    ReportDocument notice;
    notice.title = "受理通知书";
    notice.parameters = {{"办件编号", view->number},
                         {"申请人", view->applicantName + "（" + view->applicantIdentity + "）"},
                         {"办理事项", view->oneThing},
                         {"受理渠道", view->channel},
                         {"受理时间", workflow::formatLocalMinute(calendar, view->acceptedAt)}};
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
            const auto oneThing = workflow::store::catalogueOneThing(store, view->definitionKey);
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

} // namespace tongban::reports
