// The client through its real widgets under Xvfb: the inbox of a fresh
// workspace, a case opened from it and a step completed with its button,
// checked in the store afterwards. Screenshots of each screen are kept.
#include "client/app/tongban_app.h"
#include "client/casework/case_presenter.h"
#include "client/evaluation/evaluation_presenter.h"
#include "client/views/case_documents_dialog.h"
#include "client/views/action_ids.h"
#include "client/views/case_panel.h"
#include "client/views/document_printout.h"
#include "client/views/editor_panel.h"
#include "client/views/evaluation_panel.h"
#include "client/views/intake_panel.h"
#include "client/views/receipt_printout.h"
#include "client/views/rectification_board.h"
#include "client/views/reports_panel.h"
#include "client/views/server_panel.h"
#include "client/views/simulation_dialog.h"
#include "client/views/supervision_panel.h"
#include "client/views/main_frame.h"

#include <wx/app.h>
#include <wx/button.h>
#include <wx/choice.h>
#include <wx/dataview.h>
#include <wx/evtloop.h>
#include <wx/listctrl.h>
#include <wx/log.h>
#include <wx/menu.h>
#include <wx/dcmemory.h>
#include <wx/image.h>
#include <wx/notebook.h>
#include <wx/propgrid/propgrid.h>
#include <wx/textctrl.h>

#define BOOST_TEST_MODULE tongban_client_gui
#include <boost/test/unit_test.hpp>

#include "tests/support/running_server.h"
#include "tests/client/restaurant_application.h"

#include <filesystem>

#include <gdk/gdk.h>

using namespace tongban;
using namespace tongban::client;
using namespace std::chrono;

namespace {

struct WxRuntime {
    wxLocale locale;
    wxGUIEventLoop loop;
    WxRuntime()
    {
        static char name[] = "client_gui_tests";
        static char* argv[] = {name, nullptr};
        int argc = 1;
        wxApp::SetInstance(new wxApp);
        BOOST_TEST_REQUIRE(wxEntryStart(argc, argv));
        wxTheApp->CallOnInit();
        // Yielding dispatches on the active loop; outside MainLoop() none is active otherwise.
        wxEventLoopBase::SetActive(&loop);
        // Logged problems go to the test's output; a message box would wait for a click.
        delete wxLog::SetActiveTarget(new wxLogStderr);
        setUpLanguage(locale, "zh_CN", TONGBAN_CLIENT_PROGRAM);
    }
    ~WxRuntime()
    {
        wxEventLoopBase::SetActive(nullptr);
        wxEntryCleanup();
    }
};
BOOST_TEST_GLOBAL_FIXTURE(WxRuntime);

void settle()
{
    for (int i = 0; i < 20; ++i) {
        wxTheApp->ProcessPendingEvents();
        wxYield();
        wxMilliSleep(10);
    }
}

/// Saves what the screen shows of `window`. Read through GDK: a wxScreenDC
/// blit leaves GTK's later frames undrawn on an X server without a window manager.
void screenshot(wxWindow* window, const std::string& name)
{
    // GTK draws on its frame clock: ask for a full repaint and let a few frames pass.
    window->Refresh();
    window->Update();
    for (int i = 0; i < 30; ++i) {
        wxYield();
        wxMilliSleep(20);
    }
    const wxRect rect = window->GetScreenRect();
    GdkPixbuf* pixels = gdk_pixbuf_get_from_window(gdk_get_default_root_window(), rect.x, rect.y, rect.width, rect.height);
    BOOST_TEST_REQUIRE(pixels != nullptr);
    std::filesystem::create_directories(TONGBAN_ARTIFACTS_DIR);
    const auto path = std::string(TONGBAN_ARTIFACTS_DIR) + "/" + name + ".png";
    BOOST_TEST(gdk_pixbuf_save(pixels, path.c_str(), "png", nullptr, nullptr));
    g_object_unref(pixels);
}

/// What a printout draws of `page` on an A4 sheet at 100 dots per inch, as a
/// printer would ask for it.
wxImage printedPage(wxPrintout& printout, int page)
{
    const wxSize pixels(827, 1169);
    wxBitmap sheet(pixels.x, pixels.y);
    wxMemoryDC dc(sheet);
    dc.SetBackground(*wxWHITE_BRUSH);
    dc.Clear();
    printout.SetDC(&dc);
    printout.SetPageSizePixels(pixels.x, pixels.y);
    printout.SetPageSizeMM(210, 297);
    printout.SetPaperRectPixels(wxRect(pixels));
    printout.SetPPIScreen(100, 100);
    printout.SetPPIPrinter(100, 100);
    BOOST_TEST(printout.OnPrintPage(page));
    dc.SelectObject(wxNullBitmap);
    return sheet.ConvertToImage();
}

long darkPixels(const wxImage& image)
{
    long dark = 0;
    for (int y = 0; y < image.GetHeight(); ++y)
        for (int x = 0; x < image.GetWidth(); ++x)
            dark += image.GetRed(x, y) < 128 ? 1 : 0;
    return dark;
}

/// Keeps a printed page with the screenshots.
void keep(const wxImage& image, const std::string& name)
{
    if (!wxImage::FindHandler(wxBITMAP_TYPE_PNG))
        wxImage::AddHandler(new wxPNGHandler);
    std::filesystem::create_directories(TONGBAN_ARTIFACTS_DIR);
    BOOST_TEST(image.SaveFile(std::string(TONGBAN_ARTIFACTS_DIR) + "/" + name + ".png", wxBITMAP_TYPE_PNG));
}

/// Monday 30 November 2026, 10:00 in Nanjing.
const workflow::Instant kNow = workflow::Instant{sys_days{2026y / November / 30}} + hours{2};

struct FreshWorkspace {
    std::filesystem::path folder =
        std::filesystem::temp_directory_path() / ("tongban-gui-" + std::to_string(::getpid()));
    std::unique_ptr<Session> session;
    FreshWorkspace()
    {
        std::filesystem::remove_all(folder);
        std::filesystem::create_directories(folder);
        session = Session::open((folder / "workspace.db").string(), 200, [] { return kNow; });
    }
    ~FreshWorkspace()
    {
        session.reset();
        std::filesystem::remove_all(folder);
    }
};

} // namespace

BOOST_AUTO_TEST_CASE(AClerkOpensACaseFromTheInboxAndCompletesTheStep)
{
    FreshWorkspace workspace;
    auto* frame = new MainFrame(*workspace.session);
    frame->SetSize(1280, 860);
    frame->Show();
    settle();
    const auto rows = frame->inbox().rows().size();
    BOOST_TEST_REQUIRE(rows > 0u, "the clerk's inbox is empty on a fresh workspace");
    screenshot(frame, "inbox");

    // Activate the first row as a double click would.
    auto* view = frame->inboxView();
    const auto item = view->GetModel() ? static_cast<wxDataViewVirtualListModel*>(view->GetModel())->GetItem(0)
                                       : wxDataViewItem();
    view->Select(item);
    wxDataViewEvent activated(wxEVT_DATAVIEW_ITEM_ACTIVATED, view, item);
    view->ProcessWindowEvent(activated);
    settle();
    BOOST_TEST_REQUIRE(frame->tabs()->GetPageCount() == 2u);
    auto* panel = dynamic_cast<CasePanel*>(frame->tabs()->GetPage(1));
    BOOST_TEST_REQUIRE(panel != nullptr);
    const auto caseNumber = panel->caseNumber();
    BOOST_TEST(caseNumber == frame->inbox().rows().front().caseNumber);
    screenshot(frame, "case");

    // Press "办结本环节" (the second button: claim comes first).
    const auto& buttons = panel->actionButtons();
    BOOST_TEST_REQUIRE(buttons.size() >= 2u);
    BOOST_TEST(buttons[1]->GetLabel().StartsWith(wxString::FromUTF8("办结本环节")));
    wxCommandEvent pressed(wxEVT_BUTTON, buttons[1]->GetId());
    pressed.SetEventObject(buttons[1]);
    buttons[1]->ProcessWindowEvent(pressed);
    settle();

    const auto tasks = workspace.session->store().tasksOfCase(caseNumber);
    BOOST_TEST((tasks.front().state == store::TaskState::Done));
    BOOST_TEST(tasks.front().node == "accept");
    BOOST_TEST(tasks.size() > 1u);  // the departments' steps opened
    BOOST_TEST(frame->inbox().rows().size() == rows - 1);
    screenshot(frame, "case-after-step");
    frame->Destroy();
    settle();
}

BOOST_AUTO_TEST_CASE(ANewCaseFlagsAMistypedIdNumberAtItsField)
{
    FreshWorkspace workspace;
    auto* frame = new MainFrame(*workspace.session);
    frame->SetSize(1280, 860);
    frame->Show();
    settle();
    auto* intake = frame->openIntake();
    BOOST_TEST_REQUIRE(intake->start("restaurant-opening"));
    settle();
    auto* id = dynamic_cast<wxTextCtrl*>(intake->editor("applicant.id_number"));
    BOOST_TEST_REQUIRE(id != nullptr);
    id->SetFocus();
    id->SetValue("320102198506151235");  // typed as the clerk would: one wrong digit
    settle();
    BOOST_TEST(intake->findingsShown("applicant.id_number") ==
               wxString::FromUTF8("身份证号无效：校验码应为 6，而不是 5"));
    screenshot(frame, "new-case-invalid-id");
    id->SetValue("320102198506151236");
    settle();
    BOOST_TEST(intake->findingsShown("applicant.id_number").empty());
    // The business licence in the workspace fills the shop's name.
    dynamic_cast<wxTextCtrl*>(intake->editor("business.credit_code"))->SetValue("92320106MA2B3C4D1R");
    intake->prefill();
    settle();
    BOOST_TEST(dynamic_cast<wxTextCtrl*>(intake->editor("business.name"))->GetValue() ==
               wxString::FromUTF8("南京市鼓楼区小明面馆"));
    BOOST_TEST(dynamic_cast<wxTextCtrl*>(intake->editor("applicant.name"))->GetValue() == wxString::FromUTF8("王小明"));
    // Tobacco questions appear only once the guidance says tobacco is sold.
    BOOST_TEST(!intake->editor("tobacco.counter_area")->IsShown());
    auto* tobacco = dynamic_cast<wxChoice*>(intake->editor("situation.sells_tobacco"));
    BOOST_TEST_REQUIRE(tobacco != nullptr);
    tobacco->SetSelection(1);
    wxCommandEvent chosen(wxEVT_CHOICE, tobacco->GetId());
    chosen.SetEventObject(tobacco);
    chosen.SetInt(1);
    tobacco->ProcessWindowEvent(chosen);
    settle();
    BOOST_TEST(intake->editor("tobacco.counter_area")->IsShown());
    screenshot(frame, "new-case");
    frame->Destroy();
    settle();
}

BOOST_AUTO_TEST_CASE(AnOfficerCorrectsTheirSectionAndCompletesTheStep)
{
    FreshWorkspace workspace;
    auto& session = *workspace.session;
    const auto number = acceptRestaurantCase(session, workspace.folder);
    logInAsOfficerOf(session, "市场监管局");
    for (int step = 0; step < 2; ++step) {  // 受理, then 营业执照核验
        CasePresenter market(session);
        BOOST_TEST_REQUIRE(market.load(number));
        BOOST_TEST_REQUIRE(market.perform(market.actions()[1]).has_value());
    }
    logInAsOfficerOf(session, "消防救援支队");
    auto* frame = new MainFrame(session);
    frame->SetSize(1280, 860);
    frame->Show();
    settle();
    auto* panel = frame->openCase(number);
    settle();
    auto* seats = dynamic_cast<wxTextCtrl*>(panel->sectionEditor("fire.seats"));
    BOOST_TEST_REQUIRE(seats != nullptr);
    BOOST_TEST(seats->GetValue() == "40");
    BOOST_TEST(panel->sectionEditor("food.safety_manager") == nullptr);  // the market's section is not the fire brigade's
    seats->SetFocus();
    seats->SetValue("80");
    settle();
    screenshot(frame, "case-own-section");
    const auto& buttons = panel->actionButtons();
    const auto complete = std::ranges::find_if(
        buttons, [](wxButton* button) { return button->GetLabel().StartsWith(wxString::FromUTF8("办结本环节")); });
    BOOST_TEST_REQUIRE((complete != buttons.end()));
    wxCommandEvent pressed(wxEVT_BUTTON, (*complete)->GetId());
    pressed.SetEventObject(*complete);
    (*complete)->ProcessWindowEvent(pressed);
    settle();
    BOOST_TEST(std::get<double>(session.store().caseState(number)->data.at("fire.seats")) == 80.0);
    frame->Destroy();
    settle();
}

namespace {

void mouse(wxWindow* window, wxEventType type, wxPoint at)
{
    wxMouseEvent event(type);
    event.SetPosition(at);
    event.SetEventObject(window);
    event.SetId(window->GetId());
    window->ProcessWindowEvent(event);
}

void click(wxWindow* window, wxPoint at)
{
    mouse(window, wxEVT_LEFT_DOWN, at);
    mouse(window, wxEVT_LEFT_UP, at);
}

void drag(wxWindow* window, wxPoint from, wxPoint to)
{
    mouse(window, wxEVT_LEFT_DOWN, from);
    mouse(window, wxEVT_MOTION, (from + to) / 2);
    mouse(window, wxEVT_MOTION, to);
    mouse(window, wxEVT_LEFT_UP, to);
}

workflow::Point centreOf(const EditorPanel& panel, const std::string& id)
{
    auto& editor = const_cast<EditorPanel&>(panel).editor();
    const auto& b = *editor.model().nodes()[*editor.model().findNode(id)].bounds;
    return {b.x + b.width / 2, b.y + b.height / 2};
}

} // namespace

BOOST_AUTO_TEST_CASE(ADesignerDrawsAProcessWithTheMouseAndPublishesIt)
{
    FreshWorkspace workspace;
    auto& session = *workspace.session;
    const auto designer = std::ranges::find(session.users(), store::Role::Designer, &store::User::role);
    BOOST_TEST_REQUIRE((designer != session.users().end()));
    session.switchTo(designer->login);
    auto* frame = new MainFrame(session);
    frame->SetSize(1280, 860);
    frame->Show();
    settle();
    auto* panel = frame->showTab<EditorPanel>(wxString::FromUTF8("流程设计"));
    settle();
    auto* canvas = panel->canvas();
    const auto& model = panel->editor().model();
    BOOST_TEST_REQUIRE(model.nodes().size() == 2u);  // a new process: a start and an end

    // Select the direct flow by clicking on its line, and delete it.
    const auto& line = model.flows().front().waypoints;
    click(canvas, panel->onCanvas({(line.front().x + line.back().x) / 2, line.front().y}));
    BOOST_TEST(panel->selection() == std::vector<std::string>{model.flows().front().id}, boost::test_tools::per_element());
    panel->run(ActionId::ProcessDelete);
    BOOST_TEST(model.flows().empty());

    // Place a task below, between the two, with the palette's task tool.
    panel->setTool(EditorTool::Task);
    const auto start = centreOf(*panel, "start");
    const auto end = centreOf(*panel, "end");
    click(canvas, panel->onCanvas({(start.x + end.x) / 2, start.y + 150}));
    BOOST_TEST_REQUIRE(model.nodes().size() == 3u);
    const auto task = model.nodes().back().id;
    BOOST_TEST((panel->tool() == EditorTool::Select));

    // Connect start → task → end by dragging with the connect tool.
    panel->setTool(EditorTool::Connect);
    drag(canvas, panel->onCanvas(start), panel->onCanvas(centreOf(*panel, task)));
    drag(canvas, panel->onCanvas(centreOf(*panel, task)), panel->onCanvas(end));
    BOOST_TEST_REQUIRE(model.flows().size() == 2u);

    // Drag the task up by 60: one undoable move.
    panel->setTool(EditorTool::Select);
    const auto before = *model.nodes()[*model.findNode(task)].bounds;
    drag(canvas, panel->onCanvas(centreOf(*panel, task)), panel->onCanvas({centreOf(*panel, task).x, centreOf(*panel, task).y - 60}));
    BOOST_TEST(model.nodes()[*model.findNode(task)].bounds->y == before.y - 60);
    BOOST_TEST(panel->editor().undoName() == "Move");

    // The department through the properties panel; then the process validates and publishes.
    panel->select({task});
    BOOST_TEST(!panel->editor().validation().ok());
    panel->properties()->ChangePropertyValue("node.department", wxString::FromUTF8("市场监管局"));
    settle();
    BOOST_TEST(panel->editor().nodeProperty(task, NodeProperty::Department) == "市场监管局");
    BOOST_TEST(panel->editor().validation().ok());
    screenshot(frame, "editor");
    const auto published = panel->publish();
    BOOST_TEST_REQUIRE(published.has_value(), (published ? std::string() : published.error().utf8_string()));
    const auto versions = session.store().definitionVersions();
    BOOST_TEST(std::ranges::any_of(versions, [](const auto& v) { return v.key == "new-process" && v.version == 1; }));
    BOOST_TEST(panel->editor().model().version == 2);  // what follows drafts the next version

    // A published joint process opened as a draft: departments in their lanes, the critical path, no findings.
    const auto reference = session.store().definition("enterprise-opening-reference", 0);
    BOOST_TEST_REQUIRE(reference != nullptr);
    panel->open(reference->definition());
    settle();
    BOOST_TEST(panel->editor().model().nodes().size() > 10u);
    BOOST_TEST(panel->editor().validation().ok());
    screenshot(frame, "editor-reference");
    frame->Destroy();
    settle();
}

BOOST_AUTO_TEST_CASE(EveryActionHasAHandlerABitmapAndAMenuItemEnabledAsTheStateSays)
{
    FreshWorkspace workspace;
    auto* frame = new MainFrame(*workspace.session);
    frame->Show();
    settle();
    auto* editor = frame->showTab<EditorPanel>(wxString::FromUTF8("流程设计"));
    for (const auto& action : actionRegistry()) {
        BOOST_TEST(frame->actions().bound(action.id), action.label);
        if (action.menu == MenuId::Process)
            BOOST_TEST(editor->actions().bound(action.id), action.label);
        BOOST_TEST((actionArt(action) != wxART_MISSING_IMAGE), action.icon);
        BOOST_TEST(wxArtProvider::GetBitmapBundle(actionArt(action), wxART_TOOLBAR).IsOk(), action.icon);
    }
    auto* menus = frame->GetMenuBar();
    const int closeTab = actionWindowId(ActionId::CloseTab);
    menus->UpdateMenus();
    BOOST_TEST(menus->IsEnabled(closeTab));  // the design tab is in front
    frame->tabs()->SetSelection(0);
    menus->UpdateMenus();
    BOOST_TEST(!menus->IsEnabled(closeTab));
    BOOST_TEST(menus->IsEnabled(actionWindowId(ActionId::SwitchUser)));
    frame->Destroy();
    settle();
}

BOOST_AUTO_TEST_CASE(TheReportsPageMakesAReportAndShowsItsFirstPage)
{
    FreshWorkspace workspace;
    workspace.session->switchTo("supervisor01");
    auto* frame = new MainFrame(*workspace.session);
    frame->SetSize(1280, 860);
    frame->Show();
    settle();
    auto* panel = frame->showTab<ReportsPanel>(wxString::FromUTF8("报表"));
    settle();
    panel->makeReport();
    for (int i = 0; i < 300 && !panel->presenter().report(); ++i)
        settle();
    BOOST_TEST_REQUIRE(panel->presenter().report().has_value(), panel->presenter().failure());
    BOOST_TEST(panel->page() == 1);
    screenshot(frame, "reports");
    frame->Destroy();
    settle();
}

BOOST_AUTO_TEST_CASE(TheServerPageWorksTheDepartmentsStepsThroughASyncServer)
{
    FreshWorkspace workspace;
    const auto serverDatabase = (workspace.folder / "server.db").string();
    testing::Workspace served(serverDatabase);
    testing::RunningServer server(serverDatabase);
    auto* frame = new MainFrame(*workspace.session);
    frame->SetSize(1280, 860);
    frame->Show();
    settle();
    auto* panel = frame->showTab<ServerPanel>(wxString::FromUTF8("服务器"));
    const auto address = "http://127.0.0.1:" + std::to_string(server.port());
    BOOST_TEST(!panel->connect(address, "market01", "wrong-password"));
    BOOST_TEST(panel->statusText().utf8_string().find("wrong") != std::string::npos, panel->statusText().utf8_string());
    const auto synchronised = [&] {
        for (int i = 0; i < 500 && panel->synchronising(); ++i)
            settle();
        return !panel->synchronising();
    };
    BOOST_TEST_REQUIRE(panel->connect(address, "market01", testing::Workspace::passwordOf("market01")));
    BOOST_TEST_REQUIRE(synchronised());
    BOOST_TEST(panel->rowCount() > 0);
    const auto tasks = panel->desk().tasks();
    const auto unclaimed = std::ranges::find_if(tasks, [](const DeskTask& task) { return task.assignee.empty(); });
    BOOST_TEST_REQUIRE((unclaimed != tasks.end()));
    panel->claim(static_cast<long>(unclaimed - tasks.begin()));
    BOOST_TEST(panel->desk().status().outbox == 1u);
    settle();
    screenshot(frame, "server");
    panel->synchroniseNow();
    BOOST_TEST_REQUIRE(synchronised());
    BOOST_TEST(panel->desk().status().outbox == 0u);
    BOOST_TEST(panel->desk().status().online);
    const auto claimedOnServer = [&](const std::string& number, workflow::TaskNumber task) {
        for (const auto& view : store::Store::open(serverDatabase)->tasksOfCase(number))
            if (view.task == task)
                return view.assignee == "market01";
        return false;
    };
    BOOST_TEST(claimedOnServer(unclaimed->caseNumber, unclaimed->task));

    // The inbox is the department's on the server, and a case opened from it is worked through the outbox.
    BOOST_TEST(frame->GetStatusBar()->GetStatusText(1).utf8_string().find(address) != std::string::npos);
    const auto serverInbox = store::Store::open(serverDatabase)->inbox("市场监管局", 5000).tasks;
    BOOST_TEST(frame->inbox().rows().size() == serverInbox.size());
    const auto waiting = std::ranges::find_if(frame->inbox().rows(), [](const InboxRow& row) { return !row.claimed; });
    BOOST_TEST_REQUIRE((waiting != frame->inbox().rows().end()));
    const auto number = waiting->caseNumber;
    const auto task = waiting->task;
    auto* casePanel = frame->openCase(number);
    BOOST_TEST_REQUIRE(casePanel != nullptr);
    settle();
    const auto& buttons = casePanel->actionButtons();
    BOOST_TEST_REQUIRE(!buttons.empty());
    BOOST_TEST(buttons[0]->GetLabel().StartsWith(wxString::FromUTF8("签收")));
    wxCommandEvent pressed(wxEVT_BUTTON, buttons[0]->GetId());
    pressed.SetEventObject(buttons[0]);
    buttons[0]->ProcessWindowEvent(pressed);
    // At once, before the outbox is sent (which happens by itself within seconds).
    BOOST_TEST(panel->desk().status().outbox == 1u);
    BOOST_TEST(!claimedOnServer(number, task));
    const auto mine = std::ranges::find_if(frame->inbox().rows(),
                                           [&](const InboxRow& row) { return row.caseNumber == number && row.task == task; });
    BOOST_TEST_REQUIRE((mine != frame->inbox().rows().end()));
    BOOST_TEST(mine->assignee == "market01");
    settle();
    screenshot(frame, "server-case");
    for (int i = 0; i < 600 && panel->desk().status().outbox > 0; ++i)
        settle();
    BOOST_TEST_REQUIRE(synchronised());
    BOOST_TEST(claimedOnServer(number, task));
    frame->Destroy();
    settle();
}

BOOST_AUTO_TEST_CASE(ASimulationShowsLeadTimesAndWhereWorkWaits)
{
    FreshWorkspace workspace;
    auto process = workspace.session->store().definition("enterprise-opening-reference", 0);
    BOOST_TEST_REQUIRE(process != nullptr);
    auto* dialog = new SimulationDialog(nullptr, process);
    dialog->Show();
    dialog->runSimulation();
    settle();
    bool listed = false;
    for (auto* child : dialog->GetChildren())
        if (auto* list = dynamic_cast<wxListCtrl*>(child))
            listed = list->GetItemCount() == 12;  // every task of the reference process
    BOOST_TEST(listed);
    screenshot(dialog, "simulation");
    dialog->Destroy();
    settle();
}

BOOST_AUTO_TEST_CASE(EvaluationsAndTheRectificationBoardShowWhatTheSupervisorMaySee)
{
    FreshWorkspace workspace;
    auto& session = *workspace.session;
    // A 退休 case accepted this morning and worked to its end.
    const workflow::CaseData data{{"situation.has_housing_fund", false},
                                  {"situation.retirement_kind", std::string("正常退休")}};
    const auto created = session.store().createCase({"retirement", 0, "320100", "窗口", {"陈建国", "320113196208053451"},
                                                     data, session.actor(), kNow - hours{1}, {}});
    BOOST_TEST_REQUIRE(created.has_value());
    for (const auto* login : {"hrss01", "hrss01", "clerk01"}) {
        session.switchTo(login);
        CasePresenter work(session);
        BOOST_TEST_REQUIRE(work.load(created->caseNumber));
        const auto actions = work.actions();
        const auto complete = std::ranges::find(actions, CaseActionKind::Approve, &CaseAction::kind);
        BOOST_TEST_REQUIRE((complete != actions.end()));
        BOOST_TEST_REQUIRE(work.perform(*complete).has_value());
    }
    EvaluationPresenter desk(session);
    const auto finished = desk.casesToEvaluate();
    BOOST_TEST_REQUIRE(!finished.empty());
    const auto bad = desk.record(finished.front().number, workflow::EvaluationLevel::VeryDissatisfied,
                                 workflow::EvaluationChannel::Window, "", "材料被要求重复提交", {"重复提交"});
    BOOST_TEST_REQUIRE(bad.has_value());
    session.switchTo("supervisor01");
    auto* frame = new MainFrame(session);
    frame->SetSize(1280, 860);
    frame->Show();
    settle();
    auto* evaluations = frame->showTab<EvaluationPanel>(wxString::FromUTF8("好差评"));
    evaluations->reload();
    screenshot(frame, "evaluations");
    auto* board = frame->showTab<RectificationBoard>(wxString::FromUTF8("整改"));
    board->reload();
    settle();
    screenshot(frame, "rectifications");
    frame->showTab<SupervisionPanel>(wxString::FromUTF8("督查"))->reload();
    screenshot(frame, "supervision");
    BOOST_TEST(frame->tabs()->GetPageCount() == 4u);
    frame->Destroy();
    settle();
}

BOOST_AUTO_TEST_CASE(TheCommandLineIsReadStrictly)
{
    const auto options = parseStartOptions({"--workspace", "/tmp/w.db", "--lang", "en"});
    BOOST_TEST(options.workspace == "/tmp/w.db");
    BOOST_TEST(options.language == "en");
    BOOST_TEST(options.error.empty());
    BOOST_TEST(parseStartOptions({"--lang", "fr"}).error == "--lang is zh_CN or en, not 'fr'");
    BOOST_TEST(parseStartOptions({"--workspace"}).error == "unknown or incomplete option '--workspace'");
    BOOST_TEST(parseStartOptions({"--help"}).help);
}

BOOST_AUTO_TEST_CASE(TheReceiptPrintsOnOnePage)
{
    ReceiptPrintout printout({"受理回执", "办件编号：320100-20261130-000001", "事项：开办餐饮店",
                              "申请人：南京市鼓楼区小明面馆（92320106MA2B3C4D1R）"});
    BOOST_TEST(printout.HasPage(1));
    BOOST_TEST(!printout.HasPage(2));
    const auto image = printedPage(printout, 1);
    BOOST_TEST(darkPixels(image) > 500);  // the heading, the lines of text and the rule are on the page
    keep(image, "receipt");
}

BOOST_AUTO_TEST_CASE(TheDocumentsOfACaseArePreviewedAndPrinted)
{
    FreshWorkspace workspace;
    auto& store = workspace.session->store();
    std::string number;
    for (const auto& row : store.reportQuery("SELECT number FROM cases WHERE status = 'running' ORDER BY id", {}))
        if (const auto state = store.caseState(std::get<std::string>(row[0])); !state->isPaused())
            number = std::get<std::string>(row[0]);
    BOOST_TEST_REQUIRE(!number.empty());
    BOOST_TEST_REQUIRE(store.execute(number, {workflow::RequestSupplement{{"营业执照", "法定代表人身份证"}, "请提交原件"},
                                              workflow::Actor{"market01", "市场监管局"}, kNow})
                           .has_value());
    CaseDocumentsDialog dialog(nullptr, *workspace.session, number);
    BOOST_TEST(dialog.documentCount() == 2u);  // acceptance and supplement; the case has not ended
    BOOST_TEST_REQUIRE(dialog.document().has_value());
    BOOST_TEST(dialog.document()->title == "补正告知书");  // the newest is shown first
    BOOST_TEST(!dialog.choose(2));
    dialog.Show();
    screenshot(&dialog, "case-documents");

    DocumentPrintout printout(*dialog.document());
    printout.OnPreparePrinting();
    BOOST_TEST(printout.pages() == 1);
    BOOST_TEST(!printout.HasPage(2));
    const auto image = printedPage(printout, 1);
    BOOST_TEST(darkPixels(image) > 2000);  // the title, the materials table and the QR code
    keep(image, "supplement-notice");
    BOOST_TEST(dialog.choose(0));
    BOOST_TEST(dialog.document()->title == "受理通知书");
}
