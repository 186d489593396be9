// The client's screen logic without a display: session, inbox, case work and
// the action registry (labels, icons, enabled-when, handlers), on a fresh workspace.
#include "client/actions/action_registry.h"
#include "client/casework/case_presenter.h"
#include "client/evaluation/evaluation_presenter.h"
#include "client/inbox/inbox_presenter.h"
#include "client/intake/intake_presenter.h"
#include "client/session/session.h"
#include "client/session/workspace_opening.h"
#include "client/reports/reports_presenter.h"
#include "client/supervision/supervision_presenter.h"
#include "tests/client/restaurant_application.h"

#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <set>
#include <thread>

using namespace tongban;
using namespace tongban::client;
using namespace std::chrono;

namespace tongban::client {
std::ostream& boost_test_print_type(std::ostream& out, ClockColour colour) { return out << static_cast<int>(colour); }
std::ostream& boost_test_print_type(std::ostream& out, InboxFilter filter) { return out << static_cast<int>(filter); }
std::ostream& boost_test_print_type(std::ostream& out, StepProgress progress) { return out << static_cast<int>(progress); }
} // namespace tongban::client

namespace {

/// Monday 30 November 2026, 10:00 in Nanjing.
const workflow::Instant kNow = workflow::Instant{sys_days{2026y / November / 30}} + hours{2};

struct Workspace {
    std::filesystem::path folder =
        std::filesystem::temp_directory_path() / ("tongban-client-" + std::to_string(::getpid()) + "-" +
                                                  std::to_string(reinterpret_cast<std::uintptr_t>(this)));
    workflow::Instant now = kNow;
    std::unique_ptr<Session> session;

    explicit Workspace(std::uint64_t cases = 120)
    {
        std::filesystem::create_directories(folder);
        session = Session::open((folder / "workspace.db").string(), cases, [this] { return now; });
    }
    ~Workspace()
    {
        session.reset();
        std::filesystem::remove_all(folder);
    }

    /// A 退休 case accepted at `at`, waiting at its first step (综合受理, 人社).
    std::string retirementCase(workflow::Instant at, const std::string& applicant = "陈建国")
    {
        const workflow::CaseData data{{"situation.has_housing_fund", false},
                                      {"situation.retirement_kind", std::string("正常退休")}};
        auto created = session->store().createCase({"retirement", 0, "320102", "窗口", {applicant, "320113196208053451"},
                                                    data, session->actor(), at, {}});
        BOOST_TEST_REQUIRE(created.has_value());
        return created->caseNumber;
    }

    std::string restaurantCase() { return acceptRestaurantCase(*session, folder); }
};

} // namespace

BOOST_AUTO_TEST_SUITE(Presenters)

BOOST_AUTO_TEST_CASE(AFreshWorkspaceHasTheDemoAndLogsInTheClerk)
{
    Workspace workspace;
    auto& session = *workspace.session;
    BOOST_TEST(session.user().login == "clerk01");
    BOOST_TEST(session.user().department == "政务服务中心");
    BOOST_TEST(session.store().oneThings().size() == 4u);
    std::set<store::Role> roles;
    for (const auto& user : session.users())
        roles.insert(user.role);
    BOOST_TEST(roles.size() == 5u);
    BOOST_TEST(session.switchTo("hrss01"));
    BOOST_TEST(session.user().department == "人力资源和社会保障局");
    BOOST_TEST(!session.switchTo("nobody"));
    BOOST_TEST(describeUser(session.user(), false).ends_with("— 人力资源和社会保障局 · department officer"));
}

BOOST_AUTO_TEST_CASE(OpeningReportsProgressAndACancelKeepsNothingHalfMade)
{
    const auto folder = std::filesystem::temp_directory_path() / ("tongban-opening-" + std::to_string(::getpid()));
    std::filesystem::remove_all(folder);
    const auto path = (folder / "workspace.db").string();
    const auto now = [] { return kNow; };

    // Cancelled while the demo is created: the new workspace is not kept.
    std::vector<std::uint64_t> counted;
    const auto stopAtFirstBatch = [&](const OpeningProgress& progress) {
        if (progress.stage == OpeningProgress::Stage::CreatingDemo)
            counted.push_back(progress.done);
        return counted.empty();
    };
    BOOST_CHECK_THROW(Session::open(path, 200, now, stopAtFirstBatch), OpeningCancelled);
    BOOST_TEST(counted == std::vector<std::uint64_t>{4}, boost::test_tools::per_element());
    BOOST_TEST(!std::filesystem::exists(path));

    // Opened in the background, counting the sample cases up to all of them.
    {
        WorkspaceOpening opening(path, 200, now);
        auto session = opening.take();
        BOOST_TEST(opening.progress().done == 200u);
        BOOST_TEST(session->store().caseCount() >= 200u);
    }
    // A cancel while an existing workspace opens leaves it as it was.
    BOOST_CHECK_THROW(Session::open(path, 200, now, [](const OpeningProgress&) { return false; }), OpeningCancelled);
    BOOST_CHECK_THROW(Session::open(path, 200, now, [calls = 0](const OpeningProgress&) mutable { return calls++ == 0; }),
                      OpeningCancelled);
    BOOST_TEST(Session::open(path, 200, now)->store().caseCount() >= 200u);

    // A cancel as soon as it starts: a new workspace of many cases is stopped well before the end.
    std::filesystem::remove_all(folder);
    {
        WorkspaceOpening opening(path, 20000, now);
        opening.cancel();
        BOOST_CHECK_THROW(opening.take(), OpeningCancelled);
    }
    BOOST_TEST(!std::filesystem::exists(path));
    std::filesystem::remove_all(folder);
}

BOOST_AUTO_TEST_CASE(AReportIsMadeInTheBackgroundPreviewedAndExported)
{
    Workspace workspace(150);
    ReportsPresenter reports(*workspace.session);
    BOOST_TEST(reports.oneThings().size() == 4u);
    const reports::ReportScope year{workflow::Day{2025y / December / 1}, workflow::Day{2026y / November / 30}, {}, {}, {}};
    BOOST_TEST(reports.start("weekly", year).error().message == "there is no report 'weekly'");
    BOOST_TEST(reports.start("summary", {year.to, year.from, {}, {}, {}}).error().message == "the period ends before it starts");
    BOOST_TEST_REQUIRE(reports.start("summary", year).has_value());
    BOOST_TEST(reports.start("summary", year).error().message == "a report is being made; wait for it or cancel it");
    for (int i = 0; i < 600 && !reports.poll(); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    BOOST_TEST_REQUIRE(reports.report().has_value(), reports.failure());
    BOOST_TEST(reports.report()->title == "办件情况汇总");
    BOOST_TEST(reports.preview(1, 300).pages >= 1);
    const auto csv = workspace.folder / "summary.csv";
    BOOST_TEST(reports.exportTo(ExportFormat::Csv, csv.string()).has_value());
    BOOST_TEST(std::filesystem::file_size(csv) > 100u);
    BOOST_TEST((reports.exportTo(ExportFormat::Pdf, (workspace.folder / "none" / "x.pdf").string()).error().kind ==
                ReportsError::Kind::NotWritten));
    // A cancelled report hands the page back at once; the next one starts.
    BOOST_TEST_REQUIRE(reports.start("throughput", year).has_value());
    reports.cancel();
    BOOST_TEST(!reports.running());
    BOOST_TEST(reports.start("throughput", year).has_value());
}

BOOST_AUTO_TEST_CASE(TheInboxShowsClocksFiltersCountsAndSearch)
{
    Workspace workspace(0);
    auto& session = *workspace.session;
    session.switchTo("hrss01");
    // A limit of one working day: accepted a week ago (overdue), on Sunday (due
    // tonight: yellow), and an hour ago (due tomorrow night: green).
    const auto old = workspace.retirementCase(kNow - days{7}, "甲");
    workspace.retirementCase(kNow - hours{20}, "乙");
    const auto fresh = workspace.retirementCase(kNow - hours{1}, "丙");
    InboxPresenter inbox(session);
    inbox.refresh();
    BOOST_REQUIRE_EQUAL(inbox.rows().size(), 3u);
    BOOST_TEST(inbox.rows()[0].caseNumber == old);  // due order
    BOOST_TEST(inbox.rows()[0].colour == ClockColour::Red);
    BOOST_TEST(*inbox.rows()[0].workingDaysLeft < 0.0);
    BOOST_TEST(inbox.rows()[1].colour == ClockColour::Yellow);
    BOOST_TEST(inbox.count(InboxFilter::All) == 3);
    BOOST_TEST(inbox.count(InboxFilter::Overdue) == 1);
    BOOST_TEST(inbox.rows()[2].colour == ClockColour::Green);
    BOOST_TEST(inbox.count(InboxFilter::DueSoon) == 1);
    BOOST_TEST(inbox.count(InboxFilter::Waiting) == 3);
    BOOST_TEST(inbox.count(InboxFilter::Mine) == 0);
    inbox.setFilter(InboxFilter::Overdue);
    BOOST_TEST(inbox.rows().size() == 1u);
    inbox.setFilter(InboxFilter::All);
    inbox.setSearch("丙");
    BOOST_REQUIRE_EQUAL(inbox.rows().size(), 1u);
    BOOST_TEST(inbox.rows()[0].caseNumber == fresh);
    inbox.setSearch(old.substr(0, 15));  // the centre and the day it was accepted
    BOOST_TEST(inbox.rows().size() == 1u);
    inbox.setSearch("320113196208053451");  // the applicant's ID number
    BOOST_TEST(inbox.rows().size() == 3u);
    inbox.setSearch("");
    // By pinyin: 丙 bǐng, 甲 jiǎ, 乙 yǐ (by code point 甲, U+7532, would come last).
    inbox.setSort(InboxSort::Applicant, true);
    std::vector<std::string> applicants;
    for (const auto& row : inbox.rows())
        applicants.push_back(row.applicant);
    BOOST_TEST(applicants == (std::vector<std::string>{"丙", "甲", "乙"}), boost::test_tools::per_element());
    inbox.setSort(InboxSort::Applicant, false);
    BOOST_TEST(inbox.rows().front().applicant == "乙");
    inbox.setSort(InboxSort::Due, true);
    BOOST_TEST(inbox.rows().front().caseNumber == old);
    // Another department's inbox does not show them.
    session.switchTo("tax01");
    inbox.setSearch("");
    inbox.refresh();
    BOOST_TEST(inbox.rows().empty());
}

BOOST_AUTO_TEST_CASE(APausedStepThatIsOverdueShowsPausedAndOverdue)
{
    Workspace workspace(0);
    auto& session = *workspace.session;
    session.switchTo("hrss01");
    // Both wait for a supplement since 09:30: one a week late already, one on time.
    const auto late = workspace.retirementCase(kNow - days{7}, "甲");
    const auto onTime = workspace.retirementCase(kNow - hours{1}, "乙");
    for (const auto& number : {late, onTime})
        BOOST_TEST_REQUIRE(session.store()
                               .execute(number, {workflow::RequestSupplement{{"退休人员基本信息表"}, "一次性告知"},
                                                 session.actor(), kNow - minutes{30}})
                               .has_value());
    InboxPresenter inbox(session);
    inbox.refresh();
    BOOST_REQUIRE_EQUAL(inbox.rows().size(), 2u);
    const auto& red = inbox.rows()[0];
    BOOST_TEST(red.caseNumber == late);
    BOOST_TEST(red.colour == ClockColour::PausedOverdue);
    BOOST_TEST(*red.workingDaysLeft < 0.0);
    BOOST_TEST(inbox.rows()[1].colour == ClockColour::Paused);
    BOOST_TEST(inbox.count(InboxFilter::Overdue) == 1);
    inbox.setFilter(InboxFilter::Overdue);
    BOOST_REQUIRE_EQUAL(inbox.rows().size(), 1u);
    BOOST_TEST(inbox.rows()[0].caseNumber == late);
    // Typed whole, a case number beyond the rows loaded finds its row in the same colour.
    workspace.retirementCase(kNow - days{14}, "丙");
    inbox.setFilter(InboxFilter::All);
    inbox.refresh(1);
    BOOST_TEST(inbox.truncated());
    inbox.setSearch(late);
    BOOST_REQUIRE_EQUAL(inbox.rows().size(), 1u);
    BOOST_TEST(inbox.rows()[0].colour == ClockColour::PausedOverdue);

    SupervisionPresenter supervision(session);
    supervision.refresh();
    BOOST_REQUIRE_EQUAL(supervision.rows().size(), 2u);
    BOOST_TEST(!supervision.rows()[0].paused);  // most overdue first: the one of a fortnight ago
    BOOST_TEST(supervision.rows()[1].caseNumber == late);
    BOOST_TEST(supervision.rows()[1].red);
    BOOST_TEST(supervision.rows()[1].paused);
    BOOST_TEST(supervision.byDepartment().at("人力资源和社会保障局").red == 2);
}

BOOST_AUTO_TEST_CASE(ACaseOffersOnlyWhatTheUserMayDoAndDoesIt)
{
    Workspace workspace(0);
    auto& session = *workspace.session;
    const auto number = workspace.retirementCase(kNow - hours{1});
    CasePresenter clerk(session);
    BOOST_REQUIRE(clerk.load(number));
    BOOST_TEST(clerk.actions().empty());  // 综合受理 belongs to 人社 in this one thing
    BOOST_TEST(clerk.progress().front().progress == StepProgress::Active);

    session.switchTo("hrss01");
    CasePresenter officer(session);
    BOOST_REQUIRE(officer.load(number));
    auto actions = officer.actions();
    BOOST_REQUIRE_EQUAL(actions.size(), 2u);
    BOOST_TEST((actions[0].kind == CaseActionKind::Claim));
    BOOST_TEST((actions[1].kind == CaseActionKind::Approve));
    BOOST_TEST(officer.perform(actions[0]).has_value());
    BOOST_TEST(officer.history().front().assignee == "hrss01");
    BOOST_TEST(officer.perform(officer.actions()[1]).has_value());  // complete 综合受理
    actions = officer.actions();
    BOOST_REQUIRE(!actions.empty());
    BOOST_TEST(actions.back().step == "养老保险待遇核定");
    const auto back = std::ranges::find(actions, CaseActionKind::Return, &CaseAction::kind);
    BOOST_REQUIRE((back != actions.end()));
    BOOST_TEST(back->returnTargets.front().first == "accept");
    const auto noReason = officer.perform(*back, "", "accept");
    BOOST_TEST(noReason.error().message.en == "a return or a rejection needs a reason");
    BOOST_TEST(officer.perform(*back, "缺少人事档案", "accept").has_value());
    BOOST_TEST(officer.progress().front().progress == StepProgress::Active);
    BOOST_TEST(std::ranges::count(officer.history(), store::TaskState::Done, &store::TaskView::state) == 1);
}

BOOST_AUTO_TEST_CASE(AStaleScreenIsToldAndReloadedNotOverwritten)
{
    Workspace workspace(0);
    auto& session = *workspace.session;
    const auto number = workspace.retirementCase(kNow - hours{1});
    session.switchTo("hrss01");
    CasePresenter first(session), second(session);
    BOOST_REQUIRE(first.load(number));
    BOOST_REQUIRE(second.load(number));
    BOOST_TEST(first.perform(first.actions()[1]).has_value());
    const auto stale = second.perform(second.actions()[1]);
    BOOST_REQUIRE(!stale.has_value());
    BOOST_TEST(stale.error().message.en == "someone else changed the case; it has been reloaded, please try again");
    BOOST_TEST(second.history().size() == first.history().size());
}

BOOST_AUTO_TEST_CASE(EveryActionHasOneIdAndOneShortcut)
{
    std::set<ActionId> ids;
    std::set<std::string_view> shortcuts;
    for (const auto& action : actionRegistry()) {
        BOOST_TEST(ids.insert(action.id).second);
        if (!action.accelerator.empty())
            BOOST_TEST(shortcuts.insert(action.accelerator).second, action.accelerator);
    }
    BOOST_TEST(actionSpec(ActionId::Refresh).accelerator == "F5");
}

BOOST_AUTO_TEST_CASE(EveryActionHasALabelAnIconAMenuAndAnEnabledWhen)
{
    for (const auto& action : actionRegistry()) {
        BOOST_TEST(!action.label.empty(), static_cast<int>(action.id));
        BOOST_TEST(!action.help.empty(), action.label);
        BOOST_TEST(!action.icon.empty(), action.label);
        BOOST_TEST(action.enabledWhen != nullptr, action.label);
        BOOST_TEST(std::ranges::count(menuRegistry(), action.menu, &MenuSpec::id) == 1, action.label);
    }
    for (const auto& menu : menuRegistry())
        BOOST_TEST(std::ranges::count(actionRegistry(), menu.id, &ActionSpec::menu) > 0, menu.title);
}

BOOST_AUTO_TEST_CASE(AnActionIsEnabledAsTheStateSays)
{
    const ActionState standaloneOnInbox{.connected = false, .inboxInFront = true};
    const ActionState connectedOnACase{.connected = true, .inboxInFront = false};
    // The inbox stays: closing is for the tabs beside it.
    BOOST_TEST(!actionEnabled(ActionId::CloseTab, standaloneOnInbox));
    BOOST_TEST(actionEnabled(ActionId::CloseTab, connectedOnACase));
    // A server knows who is logged in; switching users is for the workspace's demo users.
    BOOST_TEST(actionEnabled(ActionId::SwitchUser, standaloneOnInbox));
    BOOST_TEST(!actionEnabled(ActionId::SwitchUser, connectedOnACase));
    for (const auto id : {ActionId::Refresh, ActionId::NewCase, ActionId::ShowEditor, ActionId::ProcessUndo, ActionId::About})
        for (const auto& state : {standaloneOnInbox, connectedOnACase})
            BOOST_TEST(actionEnabled(id, state), actionSpec(id).label);
}

BOOST_AUTO_TEST_CASE(AnActionRunsTheHandlerBoundToItLast)
{
    ActionHandlers handlers;
    std::vector<std::string> ran;
    BOOST_TEST(!handlers.bound(ActionId::Refresh));
    BOOST_TEST(!handlers.run(ActionId::Refresh));
    handlers.bind(ActionId::Refresh, [&] { ran.push_back("first"); });
    handlers.bind(ActionId::Refresh, [&] { ran.push_back("second"); });
    handlers.bind(ActionId::Quit, [&] { ran.push_back("quit"); });
    BOOST_TEST(handlers.bound(ActionId::Refresh));
    BOOST_TEST(handlers.run(ActionId::Refresh));
    BOOST_TEST(!handlers.run(ActionId::About));
    BOOST_TEST(ran == std::vector<std::string>{"second"}, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(AWindowClerkTakesInAnApplication)
{
    Workspace workspace(0);
    auto& session = *workspace.session;
    IntakePresenter intake(session);
    const auto catalogue = intake.catalogue("餐饮");
    BOOST_REQUIRE_EQUAL(catalogue.size(), 1u);
    BOOST_TEST(!intake.choose("bakery"));
    BOOST_REQUIRE(intake.choose(catalogue.front().key));
    BOOST_TEST(intake.report().shown.contains("situation.sells_tobacco"));
    BOOST_TEST(!intake.report().shown.contains("tobacco.counter_area"));  // asked once the guidance says so

    answerRestaurantGuidance(intake);
    // A mistyped ID number is flagged at its field as it is typed.
    intake.setText("applicant.id_number", "320102198506151235");
    const auto flagged = intake.findingsAt("applicant.id_number");
    BOOST_REQUIRE_EQUAL(flagged.size(), 1u);
    BOOST_TEST(flagged.front()->message.en == "invalid resident ID number: the check character should be 6, not 5");
    intake.setText("applicant.id_number", "320102198506151236");
    BOOST_TEST(intake.findingsAt("applicant.id_number").empty());
    // An early credit code that fails only its check: a warning the clerk may accept with a reason.
    intake.setText("business.credit_code", "92320106MA2B3C4D1A");
    BOOST_TEST(intake.findingsAt("business.credit_code").front()->overridable);
    intake.overrideWarning("business.credit_code", "经登记档案核实");
    BOOST_TEST(intake.findingsAt("business.credit_code").front()->overrideReason == "经登记档案核实");
    intake.setText("business.credit_code", "92320106MA2B3C4D1R");
    BOOST_TEST(intake.findingsAt("business.credit_code").empty());
    intake.setText("fire.seats", "forty");
    BOOST_TEST(intake.findingsAt("fire.seats").front()->message.en == "expected a number");

    // The workspace's licences fill what they already prove.
    const auto sources = intake.prefill();
    BOOST_TEST(intake.text("business.name") == "南京市鼓楼区小明面馆");
    BOOST_TEST(intake.text("applicant.name") == "王小明");
    BOOST_TEST(std::ranges::any_of(sources, [](const auto& s) { return s.second == "营业执照 92320106MA2B3C4D1R"; }));
    answerRestaurant(intake);
    BOOST_TEST(intake.report().acceptable());

    const auto refused = intake.accept();
    BOOST_REQUIRE(!refused.has_value());
    BOOST_TEST(refused.error().message.en.find("Floor plan, equipment layout and process flow' is a key material") !=
               std::string::npos);
    const auto& materials = intake.materials();
    BOOST_TEST((materials.front().state == forms::MaterialState::Exempt));  // the business licence, by its licence
    const auto png = workspace.folder / "plan.png";
    std::ofstream(png) << "not really a picture";
    BOOST_TEST(intake.provideFile("floor-plan", png.string()).error().message.en.find("of no recognised type") !=
               std::string::npos);
    provideRestaurantMaterials(intake, workspace.folder);
    const auto accepted = intake.accept();
    BOOST_REQUIRE_MESSAGE(accepted.has_value(), (accepted ? std::string() : accepted.error().message.en));
    BOOST_TEST(accepted->starts_with("320100-20261130-"));
    const auto receipt = intake.receipt(*accepted);
    BOOST_TEST(receipt.front() == "受理回执");
    BOOST_TEST(receipt[1] == "办件编号：" + *accepted);
    BOOST_TEST(session.store().applicationOf(*accepted).has_value());
    CasePresenter accepted_case(session);
    BOOST_REQUIRE(accepted_case.load(*accepted));
    BOOST_REQUIRE(!accepted_case.materials().empty());
    BOOST_TEST(accepted_case.materials().front().name == "营业执照");
    BOOST_TEST((accepted_case.materials().front().state == forms::MaterialState::Exempt));
    BOOST_TEST(accepted_case.materials().front().detail == "营业执照 92320106MA2B3C4D1R");
    const auto& answers = accepted_case.answers();
    BOOST_REQUIRE(!answers.empty());
    BOOST_TEST(answers.front().section == "情形引导");
    const auto address = std::ranges::find(answers, std::string("经营场所"), &AnswerRow::label);
    BOOST_REQUIRE((address != answers.end()));
    BOOST_TEST(address->answer == "江苏省南京市鼓楼区中山北路8号");
    BOOST_TEST(address->section == "经营主体");
    const auto seats = std::ranges::find(answers, std::string("餐位数"), &AnswerRow::label);
    BOOST_REQUIRE((seats != answers.end()));
    BOOST_TEST(seats->section == "公众聚集场所投入使用营业前消防安全检查");
}

BOOST_AUTO_TEST_CASE(ADepartmentCorrectsItsOwnSectionAndOnlyThat)
{
    Workspace workspace(0);
    auto& session = *workspace.session;
    const auto number = workspace.restaurantCase();
    logInAsOfficerOf(session, "市场监管局");
    CasePresenter market(session);
    BOOST_REQUIRE(market.load(number));
    BOOST_TEST(market.ownSection().empty());  // 受理 fills the applicant's section, asked of no matter
    BOOST_REQUIRE(market.perform(market.actions()[1]).has_value());
    // 营业执照核验 works the business section: its text and codes, not the address, which is a compound answer.
    std::vector<std::string> keys;
    for (const auto& row : market.ownSection())
        keys.push_back(row.field.key);
    BOOST_TEST(keys == (std::vector<std::string>{"business.name", "business.credit_code", "business.legal_representative"}),
               boost::test_tools::per_element());
    BOOST_REQUIRE(market.perform(market.actions()[1]).has_value());

    logInAsOfficerOf(session, "消防救援支队");
    CasePresenter fire(session);
    BOOST_REQUIRE(fire.load(number));
    const auto& section = fire.ownSection();
    BOOST_TEST_REQUIRE(section.size() == 3u);
    BOOST_TEST(section[0].field.key == "fire.seats");
    BOOST_TEST(section[0].value == "40");
    BOOST_TEST(std::ranges::none_of(section, [](const SectionField& f) { return f.field.key.starts_with("food."); }));

    // A wrong answer is named at its field and refuses the step; what was typed stays.
    fire.setSectionAnswer("fire.seats", "八十");
    BOOST_TEST(fire.ownSection()[0].changed);
    BOOST_TEST_REQUIRE(fire.ownSection()[0].findings.size() == 1u);
    BOOST_TEST(fire.ownSection()[0].findings[0].message.en == "expected a number");
    const auto completeStep = [&fire] {
        const auto actions = fire.actions();
        const auto complete = std::ranges::find(actions, CaseActionKind::Approve, &CaseAction::kind);
        BOOST_TEST_REQUIRE((complete != actions.end()));
        return fire.perform(*complete);
    };
    const auto refused = completeStep();
    BOOST_REQUIRE(!refused.has_value());
    BOOST_TEST(refused.error().message.en.find("Seats: expected a number") != std::string::npos);
    BOOST_TEST(fire.ownSection()[0].value == "八十");
    BOOST_TEST(session.store().caseState(number)->data.count("fire.seats") == 0u);

    // Typing the answer as it stands is no change; a corrected one is recorded with the step.
    fire.setSectionAnswer("fire.seats", "40");
    BOOST_TEST(!fire.ownSection()[0].changed);
    fire.setSectionAnswer("fire.seats", "80");
    BOOST_REQUIRE(completeStep().has_value());
    BOOST_TEST(std::get<double>(session.store().caseState(number)->data.at("fire.seats")) == 80.0);
    const auto seats = std::ranges::find(fire.answers(), std::string("餐位数"), &AnswerRow::label);
    BOOST_REQUIRE((seats != fire.answers().end()));
    BOOST_TEST(seats->answer == "80");
    const auto& done = *std::ranges::find(fire.timeline(), TimelineEntry::Kind::Completed, &TimelineEntry::kind);
    BOOST_TEST((fire.timeline().back().kind == TimelineEntry::Kind::Completed));
    BOOST_TEST(fire.timeline().back().corrected == std::vector<std::string>{"餐位数"}, boost::test_tools::per_element());
    BOOST_TEST(done.corrected.empty());  // the market's steps changed nothing
}

BOOST_AUTO_TEST_CASE(TablesAreTypedRowByRow)
{
    Workspace workspace(0);
    IntakePresenter intake(*workspace.session);
    BOOST_REQUIRE(intake.choose("enterprise-opening"));
    BOOST_TEST(intake.findingsAt("business.investors").front()->code == "field.required");
    intake.setRows("business.investors", {{"王小明", "320102198506151236", "50000"}, {"", "", ""},
                                          {"李红", "32010419920315264", "abc"}});
    std::vector<std::string> paths;
    for (const auto* finding : intake.findingsAt("business.investors"))
        paths.push_back(finding->path + " " + finding->code);
    BOOST_TEST(paths == (std::vector<std::string>{"business.investors[1].identifier text.pattern",
                                                  "business.investors[1].contribution money.invalid"}),
               boost::test_tools::per_element());
    intake.setRows("business.investors", {{"王小明", "320102198506151236", "50000"}});
    BOOST_TEST(intake.findingsAt("business.investors").empty());
}

BOOST_AUTO_TEST_CASE(ADepartmentStopsTheClocksForASupplementAndResumesThem)
{
    Workspace workspace(0);
    auto& session = *workspace.session;
    const auto number = workspace.retirementCase(kNow - hours{1});
    CasePresenter clerk(session);
    BOOST_REQUIRE(clerk.load(number));
    BOOST_TEST(!clerk.mayPause());
    BOOST_TEST(clerk.requestSupplement({"职工人事档案"}, "").error().message.en ==
               "your department is not working on this case now");
    session.switchTo("hrss01");
    CasePresenter officer(session);
    BOOST_REQUIRE(officer.load(number));
    BOOST_TEST(officer.mayPause());
    BOOST_TEST(officer.supplementableMaterials().size() == 6u);
    BOOST_TEST(officer.requestSupplement({}, "补交").error().message.en.find("list every missing or deficient material") !=
               std::string::npos);
    BOOST_TEST(officer.requestSupplement({"职工人事档案", "本人银行卡"}, "请补交档案和银行卡").has_value());
    BOOST_TEST(officer.paused());
    BOOST_TEST(officer.actions().empty());  // nothing moves while the clocks stand
    BOOST_TEST(officer.resume("材料已收到").has_value());
    BOOST_TEST(!officer.paused());
    BOOST_TEST(officer.startProcedure(workflow::PauseKind::ExpertReview, 10, "需专家评审").has_value());
    BOOST_TEST(officer.paused());
    BOOST_TEST(session.store().caseState(number)->pauses.size() == 2u);
    using Kind = TimelineEntry::Kind;
    std::vector<Kind> kinds;
    for (const auto& entry : officer.timeline())
        kinds.push_back(entry.kind);
    BOOST_TEST((kinds == std::vector<Kind>{Kind::Accepted, Kind::StepOpened, Kind::Paused, Kind::Resumed, Kind::Paused}));
    BOOST_TEST(officer.timeline()[2].detail == "职工人事档案、本人银行卡：请补交档案和银行卡");
    BOOST_TEST(officer.timeline()[2].actor == "hrss01");
    BOOST_TEST(officer.timeline()[1].step == "综合受理");
}

BOOST_AUTO_TEST_CASE(AnEvaluationIsRecordedAndItsRectificationWorkedOnTheBoard)
{
    Workspace workspace(0);
    auto& session = *workspace.session;
    const auto number = workspace.retirementCase(kNow - days{3});
    // The case runs to its end: 综合受理 and 待遇核定 by 人社, then 统一出件 at the centre.
    for (const auto* login : {"hrss01", "hrss01", "clerk01"}) {
        session.switchTo(login);
        CasePresenter work(session);
        BOOST_REQUIRE(work.load(number));
        const auto actions = work.actions();
        const auto complete = std::ranges::find(actions, CaseActionKind::Approve, &CaseAction::kind);
        BOOST_REQUIRE((complete != actions.end()));
        BOOST_REQUIRE(work.perform(*complete).has_value());
    }
    session.switchTo("clerk01");
    EvaluationPresenter desk(session);
    const auto toEvaluate = desk.casesToEvaluate();
    BOOST_REQUIRE_EQUAL(toEvaluate.size(), 1u);
    BOOST_TEST(toEvaluate.front().number == number);
    const auto paper = desk.record(number, workflow::EvaluationLevel::Dissatisfied, workflow::EvaluationChannel::Paper,
                                   "", "材料重复提交", {"重复提交材料"});
    BOOST_REQUIRE(paper.has_value());
    BOOST_TEST(paper->enteredBy == "clerk01");
    BOOST_TEST(!paper->rectificationCase.empty());
    const auto again = desk.record(number, workflow::EvaluationLevel::Satisfied, workflow::EvaluationChannel::Window, "",
                                   "", {});
    BOOST_TEST(again.error().message.en ==
               "this object of the case has been evaluated already: one evaluation per object per case");

    session.switchTo("tax01");
    BOOST_TEST(desk.board().empty());
    BOOST_TEST(desk.evaluations(true).front().evaluation.evaluator.name.empty());
    session.switchTo("hrss01");
    auto board = desk.board();
    BOOST_REQUIRE_EQUAL(board.size(), 1u);
    BOOST_TEST((board.front().stage == RectificationStage::Verify));
    BOOST_TEST(board.front().mine);
    BOOST_TEST(board.front().evaluationComment == "材料重复提交");
    BOOST_TEST(desk.evaluations(true).front().evaluation.evaluator.name == "陈建国");
    BOOST_TEST(desk.verify(paper->rectificationCase, workflow::RectificationKind::AtOnce, "属实，已共享档案数据").has_value());
    BOOST_TEST(desk.reply(paper->rectificationCase, "已改为从档案系统调取").has_value());
    BOOST_TEST((desk.board().front().stage == RectificationStage::Revisit));
    BOOST_TEST(!desk.board().front().mine);
    session.switchTo("clerk02");
    BOOST_TEST(desk.revisit(paper->rectificationCase, true, false, "满意").has_value());
    session.switchTo("supervisor01");
    board = desk.board();
    BOOST_TEST((board.front().stage == RectificationStage::Closed));
    BOOST_TEST(board.front().kind == "立行立改");
    const auto opened = desk.openByHand("税务局", "督查发现");
    BOOST_REQUIRE(opened.has_value());
    BOOST_TEST(desk.board().size() == 2u);
    session.switchTo("clerk01");
    BOOST_TEST(desk.openByHand("税务局", "投诉").error().message.en == "only supervisors open a rectification by hand");
}

BOOST_AUTO_TEST_CASE(TheSupervisorSeesYellowAndRedByDepartmentAndUrges)
{
    Workspace workspace(0);
    auto& session = *workspace.session;
    const auto overdue = workspace.retirementCase(kNow - days{7});
    workspace.retirementCase(kNow - hours{20});
    workspace.retirementCase(kNow - hours{1});
    SupervisionPresenter supervision(session);
    supervision.refresh();
    BOOST_REQUIRE_EQUAL(supervision.rows().size(), 2u);  // the fresh one is neither yellow nor red
    BOOST_TEST(supervision.rows().front().caseNumber == overdue);
    BOOST_TEST(supervision.rows().front().red);
    BOOST_TEST(supervision.byDepartment().at("人力资源和社会保障局").red == 1);
    BOOST_TEST(supervision.byDepartment().at("人力资源和社会保障局").yellow == 1);
    BOOST_TEST(supervision.byOneThing().at("退休").red == 1);
    BOOST_TEST(supervision.urge(supervision.rows().front(), false, "请今日办结").error().message.en ==
               "only supervisors urge or supervise");
    session.switchTo("supervisor01");
    BOOST_TEST(supervision.urge(supervision.rows().front(), true, "请今日办结").has_value());
    BOOST_TEST(session.store().caseState(overdue)->urges.size() == 1u);
}

BOOST_AUTO_TEST_CASE(TheSupervisorReassignsAClaimedStepWithAReason)
{
    Workspace workspace(0);
    auto& session = *workspace.session;
    const auto overdue = workspace.retirementCase(kNow - days{7});
    session.switchTo("hrss01");
    const auto task = session.store().caseState(overdue)->marking.openTasks.front().number;
    BOOST_TEST_REQUIRE(session.execute(overdue, {workflow::ClaimTask{task}, session.actor(), session.now()}).has_value());

    SupervisionPresenter supervision(session);
    supervision.refresh();
    BOOST_TEST_REQUIRE(supervision.rows().size() == 1u);
    const auto row = supervision.rows().front();
    BOOST_TEST(supervision.reassign(row, "", "休假").error().message.en == "only supervisors reassign a step");
    session.switchTo("supervisor01");
    const auto officers = supervision.officersFor(row);
    BOOST_TEST_REQUIRE(!officers.empty());
    for (const auto& officer : officers) {
        BOOST_TEST(officer.department == "人力资源和社会保障局");
        BOOST_TEST(store::worksCases(officer.role));
    }
    const auto noReason = supervision.reassign(row, "", "");
    BOOST_TEST_REQUIRE(!noReason.has_value());
    BOOST_TEST(noReason.error().message.en.find("reassigning a task needs a reason") != std::string::npos);
    BOOST_TEST(supervision.reassign(row, "", "经办人休假，交回部门").has_value());
    BOOST_TEST(session.store().caseState(overdue)->findTask(task)->assignee.empty());
    const auto events = session.store().eventsOfCase(overdue);
    const auto& reassigned = std::get<workflow::TaskReassigned>(events.back().what);
    BOOST_TEST(reassigned.from == "hrss01");
    BOOST_TEST(reassigned.reason == "经办人休假，交回部门");
    BOOST_TEST(events.back().actor.user == "supervisor01");
}

BOOST_AUTO_TEST_SUITE_END()
