#include "reports/catalogue/evaluations.h"

#include "reports/catalogue/evaluation_sql.h"
#include "workflow/calendar/calendar.h"
#include "workflow/evaluation/rectification.h"

#include <algorithm>
#include <map>

namespace tongban::reports {

using namespace sql;

EvaluationFigures evaluationFigures(store::ReportQueries& store, const ReportScope& scope, workflow::Instant at,
                                    const workflow::EvaluationSettings& settings)
{
    const EvaluationQuery query(store, scope, at);
    const auto& parameters = query.parameters();
    EvaluationFigures figures;
    figures.at = at;
    figures.atText = workflow::formatLocalMinute(store.workingCalendar(), at);

    // The evaluations by department, channel and level: the totals are sums of it.
    const auto groups = store.reportQuery(
        "WITH " + query.rated() +
            " SELECT department, channel, level,"
            " SUM(CASE WHEN follow_up_of IS NULL AND excluded = 0 THEN 1 ELSE 0 END),"
            " SUM(CASE WHEN follow_up_of IS NULL AND excluded = 1 THEN 1 ELSE 0 END),"
            " SUM(CASE WHEN follow_up_of IS NOT NULL THEN 1 ELSE 0 END)"
            " FROM rated GROUP BY department, channel, level",
        parameters);
    std::map<std::string, DepartmentEvaluations> departments;
    std::map<workflow::EvaluationChannel, std::int64_t> channels;
    for (const auto& row : groups) {
        const auto level = workflow::evaluationLevelFromNumber(static_cast<int>(integer(row[2])));
        const auto channel = workflow::evaluationChannelFromString(text(row[1]));
        if (!level || !channel)
            continue;
        const auto counted = integer(row[3]);
        const bool bad = workflow::isBad(*level);
        figures.counted += counted;
        (bad ? figures.bad : figures.good) += counted;
        figures.byLevel[static_cast<std::size_t>(*level) - 1] += counted;
        channels[*channel] += counted;
        auto& department = departments[text(row[0])];
        department.department = text(row[0]);
        department.counted += counted;
        (bad ? department.bad : department.good) += counted;
        figures.excludedByAppeal += integer(row[4]);
        figures.followUps += integer(row[5]);
    }
    for (const auto& [channel, count] : channels)
        if (count > 0)
            figures.byChannel.emplace_back(channel, count);
    for (auto& [name, department] : departments)
        if (department.counted > 0)
            figures.departments.push_back(std::move(department));
    std::ranges::stable_sort(figures.departments, [](const DepartmentEvaluations& a, const DepartmentEvaluations& b) {
        return a.bad != b.bad ? a.bad > b.bad : a.counted > b.counted;
    });

    // The reasons of counted evaluations, from each evaluation's tags.
    const std::string tags = query.dialect() == store::SqlDialect::PostgreSQL
                                 ? " CROSS JOIN LATERAL jsonb_array_elements_text(e.body::jsonb -> 'reasonTags') AS t(value)"
                                 : ", json_each(e.body, '$.reasonTags') t";
    for (const auto& row : store.reportQuery("WITH " + query.rated() + " SELECT t.value, COUNT(*) FROM rated e" + tags +
                                                 " WHERE e.follow_up_of IS NULL AND e.excluded = 0 GROUP BY t.value",
                                             parameters))
        figures.reasonTags.emplace_back(text(row[0]), integer(row[1]));
    std::ranges::sort(figures.reasonTags, [](const auto& a, const auto& b) {
        return a.second != b.second ? a.second > b.second : a.first < b.first;
    });

    // Cases that ended in the period: evaluated by the report's instant, or
    // unrated with their window closed (defaulted when the setting says so).
    const std::string evaluated = "EXISTS (SELECT 1 FROM evaluations e WHERE e.case_number = c.number"
                                  " AND e.follow_up_of IS NULL AND e.at < " + query.at() + ")";
    const std::string windowClosed = "c.ended_at + " + std::to_string(settings.windowDays * 86400) + " < " + query.at();
    // The department scope: the cases it worked a step of.
    const std::string workedBy = scope.department.empty()
                                     ? std::string()
                                     : " AND EXISTS (SELECT 1 FROM tasks t WHERE t.case_id = c.id" +
                                           query.departmentIs("t.department") + ")";
    const auto ended = store.reportQuery(
        "SELECT COUNT(*), SUM(CASE WHEN " + evaluated + " THEN 1 ELSE 0 END), SUM(CASE WHEN NOT " + evaluated + " AND " +
            windowClosed + " THEN 1 ELSE 0 END) FROM cases c WHERE c.ended_at >= $1 AND c.ended_at < $2 AND c.ended_at < " + query.at() +
            " AND c.definition_key <> '" + std::string(workflow::kRectificationKey) + "'" + query.caseFilter() + workedBy,
        parameters);
    figures.endedCases = integer(ended.at(0)[0]);
    figures.evaluatedCases = integer(ended.at(0)[1]);
    if (settings.unrated == workflow::UnratedPolicy::CountsAsBasicallySatisfied) {
        figures.defaulted = integer(ended.at(0)[2]);
        figures.counted += figures.defaulted;
        figures.good += figures.defaulted;
        figures.byLevel[static_cast<std::size_t>(workflow::EvaluationLevel::BasicallySatisfied) - 1] += figures.defaulted;
    }
    return figures;
}

ReportDocument evaluationsReport(const EvaluationFigures& figures, const ReportScope& scope, const std::string& madeAt,
                                 const workflow::EvaluationSettings& settings)
{
    ReportDocument report;
    report.title = "好差评情况";
    report.parameters = scopeParameters(scope);
    report.parameters.emplace_back("统计截至", figures.atText);
    report.madeAt = madeAt;
    const bool defaulting = settings.unrated == workflow::UnratedPolicy::CountsAsBasicallySatisfied;
    report.definitions = {
        "评价：统计期间内至统计截至时刻作出的首次评价；追评另计，不计入各项比率。",
        "好评为非常满意、满意、基本满意；差评为不满意、非常不满意。",
        "申诉经复核成立的差评不计入评价数和各项比率。",
        defaulting ? "办结后 " + std::to_string(settings.windowDays) +
                         " 日评价期满仍未评价的办件，按设置计为基本满意（默认好评），只计入按等级统计。"
                   : "办结后评价期满仍未评价的办件不计入评价数（设置：仍为未评价）。",
        "好评率 = 好评数 ÷ 评价数；差评率 = 差评数 ÷ 评价数。",
        "主动评价率 = 统计期间内办结、至统计截至时刻已有评价的办件数 ÷ 统计期间内办结的办件数（整改单不计）。",
        "部门：对评价负责的部门（谁办理、谁负责）——评价部门的为该部门，评价工作人员的为其所在部门，评价事项的为一件事的牵头部门。",
        "选定部门时，评价按其负责的评价统计；办结件数按该部门参与办理的办件统计。",
    };

    Section overall{"总体情况", {}};
    if (figures.counted == 0 && figures.endedCases == 0 && figures.excludedByAppeal == 0)
        overall.blocks.emplace_back(Paragraph{"统计期间内没有评价，也没有办结的办件。"});
    overall.blocks.emplace_back(Table{"主要指标",
                                      {"指标", "数值"},
                                      {{Cell::of("评价数"), Cell::count(figures.counted)},
                                       {Cell::of("好评数"), Cell::count(figures.good)},
                                       {Cell::of("差评数"), Cell::count(figures.bad)},
                                       {Cell::of("好评率"), Cell::ratio(figures.good, figures.counted)},
                                       {Cell::of("差评率"), Cell::ratio(figures.bad, figures.counted)},
                                       {Cell::of("办结件数"), Cell::count(figures.endedCases)},
                                       {Cell::of("已评价办件"), Cell::count(figures.evaluatedCases)},
                                       {Cell::of("主动评价率"), Cell::ratio(figures.evaluatedCases, figures.endedCases)},
                                       {Cell::of("默认好评"), Cell::count(figures.defaulted)},
                                       {Cell::of("申诉成立不计"), Cell::count(figures.excludedByAppeal)},
                                       {Cell::of("追评"), Cell::count(figures.followUps)}}});
    report.sections.push_back(std::move(overall));

    Section levels{"按评价等级", {}};
    Table levelTable{"各等级评价数", {"等级", "评价数", "占比"}, {}};
    Chart levelChart{Chart::Kind::Bar, "各等级评价数", {}, {{"评价数", {}}}, "件"};
    for (int level = 5; level >= 1; --level) {
        const auto count = figures.byLevel[static_cast<std::size_t>(level) - 1];
        const std::string name = workflow::chineseName(static_cast<workflow::EvaluationLevel>(level));
        levelTable.rows.push_back({Cell::of(name), Cell::count(count), Cell::ratio(count, figures.counted)});
        levelChart.categories.push_back(name);
        levelChart.series[0].values.push_back(static_cast<double>(count));
    }
    levels.blocks.emplace_back(std::move(levelTable));
    if (figures.counted > 0)
        levels.blocks.emplace_back(std::move(levelChart));
    report.sections.push_back(std::move(levels));

    Section channels{"按评价渠道", {}};
    std::int64_t given = 0;
    for (const auto& [channel, count] : figures.byChannel)
        given += count;
    Table channelTable{"各渠道评价数", {"渠道", "评价数", "占比"}, {}};
    Chart pie{Chart::Kind::Pie, "评价渠道构成", {}, {{"评价数", {}}}, ""};
    for (const auto& [channel, count] : figures.byChannel) {
        channelTable.rows.push_back({Cell::of(workflow::chineseName(channel)), Cell::count(count), Cell::ratio(count, given)});
        pie.categories.emplace_back(workflow::chineseName(channel));
        pie.series[0].values.push_back(static_cast<double>(count));
    }
    channels.blocks.emplace_back(std::move(channelTable));
    if (!pie.categories.empty())
        channels.blocks.emplace_back(std::move(pie));
    report.sections.push_back(std::move(channels));

    Section byDepartment{"按负责部门", {}};
    Table departments{"各部门评价情况", {"部门", "评价数", "好评", "差评", "好评率", "差评率"}, {}};
    for (const auto& entry : figures.departments)
        departments.rows.push_back({Cell::of(entry.department), Cell::count(entry.counted), Cell::count(entry.good),
                                    Cell::count(entry.bad), Cell::ratio(entry.good, entry.counted), Cell::ratio(entry.bad, entry.counted)});
    byDepartment.blocks.emplace_back(std::move(departments));
    report.sections.push_back(std::move(byDepartment));

    Section reasons{"评价理由", {}};
    Table tagTable{"评价理由（前 10 项）", {"理由", "次数"}, {}};
    for (std::size_t i = 0; i < figures.reasonTags.size() && i < 10; ++i)
        tagTable.rows.push_back({Cell::of(figures.reasonTags[i].first), Cell::count(figures.reasonTags[i].second)});
    if (figures.reasonTags.empty())
        reasons.blocks.emplace_back(Paragraph{"统计期间内的评价没有选择理由。"});
    reasons.blocks.emplace_back(std::move(tagTable));
    report.sections.push_back(std::move(reasons));
    return report;
}

} // namespace tongban::reports
