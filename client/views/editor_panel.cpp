#include "client/views/editor_panel.h"

#include "client/editor/draft_recovery.h"
#include "client/views/action_ids.h"
#include "client/views/language.h"
#include "client/views/simulation_dialog.h"
#include "workflow/bpmn/bpmn.h"
#include "workflow/layout/layout.h"
#include "workflow/model/definition_diff.h"
#include "workflow/model/definition_json.h"

#include <wx/accel.h>
#include <wx/choicdlg.h>
#include <wx/clipbrd.h>
#include <wx/dcbuffer.h>
#include <wx/filedlg.h>
#include <wx/graphics.h>
#include <wx/listctrl.h>
#include <wx/log.h>
#include <wx/msgdlg.h>
#include <wx/propgrid/propgrid.h>
#include <wx/propgrid/props.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/splitter.h>
#include <wx/stattext.h>
#include <wx/textdlg.h>
#include <wx/tglbtn.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

namespace tongban::client {

using workflow::NodeKind;
using workflow::Point;

/// The diagram: drawn with wxGraphicsContext at a zoom and a pan; the mouse
/// places, selects, drags, connects and rubber-bands; the keyboard adds steps
/// after the selected one, moves the selection and runs the diagram's shortcuts.
class DiagramCanvas : public wxWindow {
public:
    DiagramCanvas(wxWindow* parent, EditorPanel* panel)
        : wxWindow(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxWANTS_CHARS | wxFULL_REPAINT_ON_RESIZE),
          m_panel(panel)
    {
        SetBackgroundStyle(wxBG_STYLE_PAINT);
        SetBackgroundColour(*wxWHITE);
        Bind(wxEVT_PAINT, &DiagramCanvas::onPaint, this);
        Bind(wxEVT_LEFT_DOWN, &DiagramCanvas::onLeftDown, this);
        Bind(wxEVT_LEFT_UP, &DiagramCanvas::onLeftUp, this);
        Bind(wxEVT_MOTION, &DiagramCanvas::onMotion, this);
        Bind(wxEVT_RIGHT_DOWN, [this](wxMouseEvent& e) { m_panFrom = e.GetPosition(); CaptureMouse(); });
        Bind(wxEVT_RIGHT_UP, [this](wxMouseEvent&) { if (HasCapture()) ReleaseMouse(); m_panFrom.reset(); });
        Bind(wxEVT_MOUSEWHEEL, &DiagramCanvas::onWheel, this);
        Bind(wxEVT_KEY_DOWN, &DiagramCanvas::onKey, this);
        Bind(wxEVT_MOUSE_CAPTURE_LOST, [this](wxMouseCaptureLostEvent&) { m_drag = Drag{}; m_panFrom.reset(); });
        // The registry's diagram shortcuts, bound here only (text fields keep theirs).
        std::vector<wxAcceleratorEntry> entries;
        for (const auto& action : actionRegistry())
            if (action.inDiagram) {
                wxAcceleratorEntry entry;
                if (entry.FromString(wxString::FromUTF8(action.accelerator.data(), action.accelerator.size())))
                    entries.emplace_back(entry.GetFlags(), entry.GetKeyCode(), actionWindowId(action.id));
            }
        SetAcceleratorTable(wxAcceleratorTable(static_cast<int>(entries.size()), entries.data()));
    }

    /// Screen pixels of the window ↔ diagram units.
    Point toDiagram(wxPoint p) const { return {(p.x - m_pan.x) / m_zoom, (p.y - m_pan.y) / m_zoom}; }
    wxPoint toWindow(Point p) const
    {
        return {static_cast<int>(p.x * m_zoom + m_pan.x), static_cast<int>(p.y * m_zoom + m_pan.y)};
    }
    void zoom(double factor)
    {
        m_zoom = std::clamp(m_zoom * factor, 0.25, 4.0);
        Refresh();
    }

private:
    enum class DragKind { None, Move, Connect, Band };
    struct Drag {
        DragKind kind = DragKind::None;
        wxPoint from;
        wxPoint to;
        std::string node;
    };

    ProcessEditor& editor() { return m_panel->editor(); }

    void onPaint(wxPaintEvent&)
    {
        wxAutoBufferedPaintDC dc(this);
        dc.SetBackground(*wxWHITE_BRUSH);
        dc.Clear();
        std::unique_ptr<wxGraphicsContext> gc(wxGraphicsContext::Create(dc));
        if (!gc)
            return;
        // A diagram wider than the canvas would otherwise be drawn on the panes beside it.
        const wxSize visible = GetClientSize();
        gc->Clip(0, 0, visible.x, visible.y);
        gc->Translate(m_pan.x, m_pan.y);
        gc->Scale(m_zoom, m_zoom);
        drawGrid(*gc);
        const auto& model = editor().model();
        const auto critical = editor().criticalPath();
        const std::set<std::string> onPath(critical.begin(), critical.end());
        std::set<std::string> faulty;
        for (const auto& finding : editor().validation().diagnostics)
            if (finding.severity == workflow::Severity::Error)
                faulty.insert(finding.elementId);
        const std::set<std::string> selected(m_panel->selection().begin(), m_panel->selection().end());
        drawLanes(*gc);
        const wxPoint offset = m_drag.kind == DragKind::Move ? m_drag.to - m_drag.from : wxPoint();
        for (std::size_t f = 0; f < model.flows().size(); ++f) {
            const auto& flow = model.flows()[f];
            const auto& from = model.nodes()[model.source(f)].id;
            const auto& to = model.nodes()[model.target(f)].id;
            const bool critical_ = std::ranges::adjacent_find(critical, [&](const auto& a, const auto& b) {
                                       return a == from && b == to;
                                   }) != critical.end();
            drawFlow(*gc, flow, selected.contains(flow.id), critical_, faulty.contains(flow.id));
        }
        for (const auto& node : model.nodes()) {
            auto bounds = *node.bounds;
            if (selected.contains(node.id) && m_drag.kind == DragKind::Move) {
                bounds.x += offset.x / m_zoom;
                bounds.y += offset.y / m_zoom;
            }
            drawNode(*gc, node, bounds, selected.contains(node.id), onPath.contains(node.id), faulty.contains(node.id));
        }
        gc->SetTransform(gc->CreateMatrix());
        if (m_drag.kind == DragKind::Band) {
            gc->SetPen(wxPen(wxColour(0x19, 0x76, 0xd2), 1, wxPENSTYLE_SHORT_DASH));
            gc->SetBrush(wxBrush(wxColour(0x19, 0x76, 0xd2, 0x20)));
            const wxRect band(m_drag.from, m_drag.to);
            gc->DrawRectangle(band.x, band.y, band.width, band.height);
        } else if (m_drag.kind == DragKind::Connect) {
            gc->SetPen(wxPen(wxColour(0x19, 0x76, 0xd2), 2, wxPENSTYLE_SHORT_DASH));
            gc->StrokeLine(m_drag.from.x, m_drag.from.y, m_drag.to.x, m_drag.to.y);
        }
    }

    void drawGrid(wxGraphicsContext& gc)
    {
        if (m_zoom < 0.5)
            return;
        const auto size = GetClientSize();
        const Point topLeft = toDiagram({0, 0});
        const Point bottomRight = toDiagram({size.x, size.y});
        gc.SetBrush(wxBrush(wxColour(0xdd, 0xdd, 0xdd)));
        gc.SetPen(*wxTRANSPARENT_PEN);
        const double step = kEditorGrid * 2;
        for (double x = std::floor(topLeft.x / step) * step; x < bottomRight.x; x += step)
            for (double y = std::floor(topLeft.y / step) * step; y < bottomRight.y; y += step)
                gc.DrawRectangle(x, y, 1, 1);
    }

    /// One band per department, behind its steps, labelled: the lanes of the one thing.
    void drawLanes(wxGraphicsContext& gc)
    {
        std::vector<std::pair<std::string, workflow::Bounds>> lanes;
        for (const auto& node : editor().model().nodes()) {
            if (node.kind != NodeKind::Task || node.department.empty())
                continue;
            auto lane = std::ranges::find(lanes, node.department, &std::pair<std::string, workflow::Bounds>::first);
            const auto& b = *node.bounds;
            if (lane == lanes.end()) {
                lanes.emplace_back(node.department, b);
                continue;
            }
            auto& area = lane->second;
            const double right = std::max(area.x + area.width, b.x + b.width);
            const double bottom = std::max(area.y + area.height, b.y + b.height);
            area.x = std::min(area.x, b.x);
            area.y = std::min(area.y, b.y);
            area.width = right - area.x;
            area.height = bottom - area.y;
        }
        static const wxColour kTints[] = {{0xe3, 0xf2, 0xfd}, {0xe8, 0xf5, 0xe9}, {0xff, 0xf3, 0xe0},
                                          {0xf3, 0xe5, 0xf5}, {0xe0, 0xf7, 0xfa}, {0xfc, 0xe4, 0xec}};
        gc.SetFont(GetFont().Smaller(), wxColour(0x60, 0x60, 0x60));
        for (std::size_t i = 0; i < lanes.size(); ++i) {
            const auto& [department, area] = lanes[i];
            gc.SetPen(*wxTRANSPARENT_PEN);
            gc.SetBrush(wxBrush(kTints[i % std::size(kTints)]));
            gc.DrawRoundedRectangle(area.x - 12, area.y - 22, area.width + 24, area.height + 34, 8);
            gc.DrawText(wxString::FromUTF8(department), area.x - 8, area.y - 20);
        }
    }

    void drawFlow(wxGraphicsContext& gc, const workflow::Flow& flow, bool selected, bool critical, bool faulty)
    {
        if (flow.waypoints.size() < 2)
            return;
        wxColour colour = faulty ? wxColour(0xc6, 0x28, 0x28) : critical ? wxColour(0xef, 0x6c, 0x00) : wxColour(0x42, 0x42, 0x42);
        if (selected)
            colour = wxColour(0x19, 0x76, 0xd2);
        wxPen pen(colour, critical || selected ? 2.5 : 1.2);
        if (flow.kind == workflow::FlowKind::Return || flow.kind == workflow::FlowKind::Rejection)
            pen.SetStyle(wxPENSTYLE_SHORT_DASH);
        gc.SetPen(pen);
        wxGraphicsPath path = gc.CreatePath();
        path.MoveToPoint(flow.waypoints[0].x, flow.waypoints[0].y);
        for (std::size_t i = 1; i < flow.waypoints.size(); ++i)
            path.AddLineToPoint(flow.waypoints[i].x, flow.waypoints[i].y);
        gc.StrokePath(path);
        // The arrowhead at the target.
        const auto& tip = flow.waypoints.back();
        const auto& before = flow.waypoints[flow.waypoints.size() - 2];
        const double angle = std::atan2(tip.y - before.y, tip.x - before.x);
        wxGraphicsPath head = gc.CreatePath();
        head.MoveToPoint(tip.x, tip.y);
        head.AddLineToPoint(tip.x - 9 * std::cos(angle - 0.4), tip.y - 9 * std::sin(angle - 0.4));
        head.AddLineToPoint(tip.x - 9 * std::cos(angle + 0.4), tip.y - 9 * std::sin(angle + 0.4));
        head.CloseSubpath();
        gc.SetBrush(wxBrush(colour));
        gc.FillPath(head);
        // The default flow's slash near its start, as BPMN draws it.
        if (flow.isDefault) {
            const auto& a = flow.waypoints[0];
            const auto& b = flow.waypoints[1];
            const double along = std::atan2(b.y - a.y, b.x - a.x);
            const Point mark{a.x + 10 * std::cos(along), a.y + 10 * std::sin(along)};
            gc.StrokeLine(mark.x - 5 * std::cos(along - 0.8), mark.y - 5 * std::sin(along - 0.8),
                          mark.x + 5 * std::cos(along - 0.8), mark.y + 5 * std::sin(along - 0.8));
        }
        const auto label = !flow.name.empty() ? flow.name : flow.condition;
        if (!label.empty()) {
            gc.SetFont(GetFont().Smaller(), colour);
            const auto& a = flow.waypoints[flow.waypoints.size() / 2 - (flow.waypoints.size() % 2 == 0 ? 1 : 0)];
            gc.DrawText(wxString::FromUTF8(label), a.x + 4, a.y - 16);
        }
    }

    void drawNode(wxGraphicsContext& gc, const workflow::Node& node, const workflow::Bounds& b, bool selected,
                  bool critical, bool faulty)
    {
        const wxColour outline = selected  ? wxColour(0x19, 0x76, 0xd2)
                                 : faulty   ? wxColour(0xc6, 0x28, 0x28)
                                 : critical ? wxColour(0xef, 0x6c, 0x00)
                                            : wxColour(0x42, 0x42, 0x42);
        const double width = selected || critical || faulty ? 2.5 : 1.2;
        gc.SetPen(wxPen(outline, width));
        gc.SetBrush(*wxWHITE_BRUSH);
        const double cx = b.x + b.width / 2, cy = b.y + b.height / 2;
        switch (node.kind) {
        case NodeKind::Start:
        case NodeKind::End:
            if (node.kind == NodeKind::End)
                gc.SetPen(wxPen(outline, 4));
            gc.DrawEllipse(b.x, b.y, b.width, b.height);
            break;
        case NodeKind::Task:
            gc.SetBrush(wxBrush(wxColour(0xfa, 0xfa, 0xfa)));
            gc.DrawRoundedRectangle(b.x, b.y, b.width, b.height, 8);
            break;
        default: {
            wxGraphicsPath diamond = gc.CreatePath();
            diamond.MoveToPoint(cx, b.y);
            diamond.AddLineToPoint(b.x + b.width, cy);
            diamond.AddLineToPoint(cx, b.y + b.height);
            diamond.AddLineToPoint(b.x, cy);
            diamond.CloseSubpath();
            gc.DrawPath(diamond);
            gc.SetPen(wxPen(outline, 3));
            const double r = b.width / 5;
            if (node.kind == NodeKind::ParallelGateway) {
                gc.StrokeLine(cx - r, cy, cx + r, cy);
                gc.StrokeLine(cx, cy - r, cx, cy + r);
            } else if (node.kind == NodeKind::ExclusiveGateway) {
                gc.StrokeLine(cx - r, cy - r, cx + r, cy + r);
                gc.StrokeLine(cx - r, cy + r, cx + r, cy - r);
            } else {
                gc.SetBrush(*wxTRANSPARENT_BRUSH);
                gc.DrawEllipse(cx - r, cy - r, 2 * r, 2 * r);
            }
        }
        }
        gc.SetFont(GetFont(), *wxBLACK);
        const auto name = wxString::FromUTF8(node.name);
        double textWidth = 0, textHeight = 0;
        gc.GetTextExtent(name, &textWidth, &textHeight);
        if (node.kind == NodeKind::Task) {
            gc.Clip(b.x + 2, b.y + 2, b.width - 4, b.height - 4);
            gc.DrawText(name, cx - std::min(textWidth, b.width - 8) / 2, b.y + 10);
            gc.SetFont(GetFont().Smaller(), wxColour(0x55, 0x55, 0x55));
            if (node.timeLimit)
                gc.DrawText(wxString::Format(_("%d %s"), node.timeLimit->amount, limitUnitLabel(node.timeLimit->unit)),
                            b.x + 6, b.y + b.height - 20);
            gc.ResetClip();
        } else if (!name.empty()) {
            gc.DrawText(name, cx - textWidth / 2, b.y + b.height + 4);
        }
    }

    static wxString limitUnitLabel(workflow::LimitUnit unit)
    {
        switch (unit) {
        case workflow::LimitUnit::WorkingDays:
            return _("working days");
        case workflow::LimitUnit::NaturalDays:
            return _("natural days");
        case workflow::LimitUnit::WorkingHours:
            return _("working hours");
        }
        return {};
    }

    void onLeftDown(wxMouseEvent& event)
    {
        SetFocus();
        const Point at = toDiagram(event.GetPosition());
        const auto hit = editor().elementAt(at);
        const auto tool = m_panel->tool();
        if (tool != EditorTool::Select && tool != EditorTool::Connect) {
            static const std::map<EditorTool, NodeKind> kKinds{
                {EditorTool::Start, NodeKind::Start},       {EditorTool::End, NodeKind::End},
                {EditorTool::Task, NodeKind::Task},         {EditorTool::Parallel, NodeKind::ParallelGateway},
                {EditorTool::Exclusive, NodeKind::ExclusiveGateway}, {EditorTool::Inclusive, NodeKind::InclusiveGateway}};
            const auto id = editor().addNode(kKinds.at(tool), at);
            m_panel->select({id});
            m_panel->setTool(EditorTool::Select);
            m_panel->modelChanged();
            return;
        }
        const bool isNode = hit && editor().model().findNode(*hit);
        if (tool == EditorTool::Connect && isNode) {
            m_drag = {DragKind::Connect, event.GetPosition(), event.GetPosition(), *hit};
        } else if (hit) {
            auto selection = m_panel->selection();
            const bool selected = std::ranges::find(selection, *hit) != selection.end();
            if (event.ShiftDown())
                selected ? (void)std::erase(selection, *hit) : selection.push_back(*hit);
            else if (!selected)
                selection = {*hit};
            m_panel->select(selection);
            if (isNode)
                m_drag = {DragKind::Move, event.GetPosition(), event.GetPosition(), *hit};
        } else {
            if (!event.ShiftDown())
                m_panel->select({});
            m_drag = {DragKind::Band, event.GetPosition(), event.GetPosition(), {}};
        }
        CaptureMouse();
    }

    void onMotion(wxMouseEvent& event)
    {
        if (m_panFrom) {
            m_pan += event.GetPosition() - *m_panFrom;
            m_panFrom = event.GetPosition();
            Refresh();
            return;
        }
        if (m_drag.kind == DragKind::None)
            return;
        m_drag.to = event.GetPosition();
        Refresh();
    }

    void onLeftUp(wxMouseEvent& event)
    {
        if (HasCapture())
            ReleaseMouse();
        const auto drag = m_drag;
        m_drag = Drag{};
        const wxPoint moved = event.GetPosition() - drag.from;
        switch (drag.kind) {
        case DragKind::None:
            break;
        case DragKind::Move:
            // The whole drag is one step to undo.
            if (moved != wxPoint()) {
                std::vector<std::string> nodes;
                for (const auto& id : m_panel->selection())
                    if (editor().model().findNode(id))
                        nodes.push_back(id);
                editor().move(nodes, moved.x / m_zoom, moved.y / m_zoom);
                m_panel->modelChanged();
            }
            break;
        case DragKind::Connect: {
            const auto target = editor().elementAt(toDiagram(event.GetPosition()));
            if (target && editor().model().findNode(*target) && *target != drag.node) {
                const auto connected = editor().connect(drag.node, *target);
                if (connected) {
                    m_panel->select({*connected});
                    m_panel->modelChanged();
                } else {
                    wxLogStatus("%s", inInterfaceLanguage(connected.error().messageZh, connected.error().messageEn));
                }
            }
            break;
        }
        case DragKind::Band: {
            const Point a = toDiagram(drag.from), b = toDiagram(event.GetPosition());
            auto selection = event.ShiftDown() ? m_panel->selection() : std::vector<std::string>();
            for (auto& id : editor().nodesIn({std::min(a.x, b.x), std::min(a.y, b.y), std::abs(a.x - b.x), std::abs(a.y - b.y)}))
                if (std::ranges::find(selection, id) == selection.end())
                    selection.push_back(std::move(id));
            m_panel->select(selection);
            break;
        }
        }
        Refresh();
    }

    void onWheel(wxMouseEvent& event)
    {
        if (event.ControlDown()) {
            zoom(event.GetWheelRotation() > 0 ? 1.1 : 1 / 1.1);
            return;
        }
        const int step = event.GetWheelRotation() > 0 ? 40 : -40;
        if (event.ShiftDown() || event.GetWheelAxis() == wxMOUSE_WHEEL_HORIZONTAL)
            m_pan.x += step;
        else
            m_pan.y += step;
        Refresh();
    }

    /// Arrows move the selection a grid step; T, P, X, O and E add a task, a
    /// parallel, exclusive or inclusive gateway or an end after the selected node.
    void onKey(wxKeyEvent& event)
    {
        const int key = event.GetKeyCode();
        const std::map<int, std::pair<double, double>> arrows{
            {WXK_LEFT, {-kEditorGrid, 0}}, {WXK_RIGHT, {kEditorGrid, 0}}, {WXK_UP, {0, -kEditorGrid}}, {WXK_DOWN, {0, kEditorGrid}}};
        if (const auto arrow = arrows.find(key); arrow != arrows.end() && !m_panel->selection().empty()) {
            editor().move(m_panel->selection(), arrow->second.first, arrow->second.second);
            m_panel->modelChanged();
            return;
        }
        static const std::map<int, NodeKind> kAdd{{'T', NodeKind::Task}, {'P', NodeKind::ParallelGateway},
                                                  {'X', NodeKind::ExclusiveGateway}, {'O', NodeKind::InclusiveGateway},
                                                  {'E', NodeKind::End}};
        if (const auto add = kAdd.find(key); add != kAdd.end() && !event.HasAnyModifiers()) {
            addAfterSelection(add->second);
            return;
        }
        event.Skip();
    }

    void addAfterSelection(NodeKind kind)
    {
        const auto& model = editor().model();
        const auto& selection = m_panel->selection();
        const auto from = selection.size() == 1 ? model.findNode(selection.front()) : std::nullopt;
        Point at = toDiagram({GetClientSize().x / 2, GetClientSize().y / 2});
        if (from) {
            const auto& b = *model.nodes()[*from].bounds;
            at = {b.x + b.width + 80 + workflow::defaultSize(kind).width / 2, b.y + b.height / 2};
        }
        const auto id = editor().addNode(kind, at);
        if (from)
            (void)editor().connect(model.nodes()[*from].id, id);
        m_panel->select({id});
        m_panel->modelChanged();
    }

    EditorPanel* m_panel;
    double m_zoom = 1.0;
    wxPoint m_pan{20, 20};
    Drag m_drag;
    std::optional<wxPoint> m_panFrom;
};

namespace {

wxString toolLabel(EditorTool tool)
{
    switch (tool) {
    case EditorTool::Select:
        return _("Select");
    case EditorTool::Connect:
        return _("Connect");
    case EditorTool::Start:
        return _("Start");
    case EditorTool::End:
        return _("End");
    case EditorTool::Task:
        return _("Task");
    case EditorTool::Parallel:
        return _("Parallel");
    case EditorTool::Exclusive:
        return _("Exclusive");
    case EditorTool::Inclusive:
        return _("Inclusive");
    }
    return {};
}

wxString fromUtf8(const std::string& text) { return wxString::FromUTF8(text); }

std::string readText(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

bool isBpmnFile(const std::filesystem::path& path)
{
    const auto extension = path.extension().string();
    return extension == ".bpmn" || extension == ".xml";
}

} // namespace

EditorPanel::EditorPanel(wxWindow* parent, Session& session)
    : wxPanel(parent), m_session(session),
      m_editor(std::make_unique<ProcessEditor>(ProcessEditor::blank("new-process", "新流程")))
{
    auto* palette = new wxBoxSizer(wxHORIZONTAL);
    for (const auto tool : {EditorTool::Select, EditorTool::Connect, EditorTool::Start, EditorTool::Task,
                            EditorTool::Parallel, EditorTool::Exclusive, EditorTool::Inclusive, EditorTool::End}) {
        auto* button = new wxToggleButton(this, wxID_ANY, toolLabel(tool));
        button->Bind(wxEVT_TOGGLEBUTTON, [this, tool](wxCommandEvent&) { setTool(tool); });
        palette->Add(button, 0, wxRIGHT, 4);
        m_palette.emplace_back(tool, button);
    }
    palette->AddSpacer(16);
    for (const auto id : {ActionId::ProcessUndo, ActionId::ProcessRedo, ActionId::ProcessLayOut, ActionId::ProcessPublish}) {
        const auto& spec = actionSpec(id);
        auto* button = new wxButton(this, wxID_ANY, wxStripMenuCodes(wxGetTranslation(wxString::FromUTF8(spec.label.data(), spec.label.size())), wxStrip_Menu));
        button->SetToolTip(wxGetTranslation(wxString::FromUTF8(spec.help.data(), spec.help.size())));
        button->Bind(wxEVT_BUTTON, [this, id](wxCommandEvent&) { run(id); });
        palette->Add(button, 0, wxRIGHT, 4);
    }

    auto* split = new wxSplitterWindow(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxSP_LIVE_UPDATE);
    m_canvas = new DiagramCanvas(split, this);
    auto* side = new wxPanel(split);
    // Painted, not see-through: what the canvas drew before the sash settled must not show beside it.
    side->SetBackgroundColour(wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOW));
    m_properties = new wxPropertyGrid(side, wxID_ANY, wxDefaultPosition, wxSize(-1, 300), wxPG_SPLITTER_AUTO_CENTER);
    m_properties->Bind(wxEVT_PG_CHANGED, &EditorPanel::onPropertyChanged, this);
    m_summary = new wxStaticText(side, wxID_ANY, wxString());
    m_findings = new wxListCtrl(side, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxLC_SINGLE_SEL);
    m_findings->InsertColumn(0, _("Element"), wxLIST_FORMAT_LEFT, 110);
    m_findings->InsertColumn(1, _("Finding"), wxLIST_FORMAT_LEFT, 320);
    m_findings->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent& event) {
        const auto row = static_cast<std::size_t>(event.GetIndex());
        if (row < m_findingElements.size() && !m_findingElements[row].empty())
            select({m_findingElements[row]});
    });
    auto* sideSizer = new wxBoxSizer(wxVERTICAL);
    sideSizer->Add(m_properties, 0, wxEXPAND);
    sideSizer->Add(m_summary, 0, wxEXPAND | wxALL, 6);
    sideSizer->Add(m_findings, 1, wxEXPAND);
    side->SetSizer(sideSizer);
    split->SplitVertically(m_canvas, side, -440);
    split->SetSashGravity(1.0);
    split->SetMinimumPaneSize(200);

    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(palette, 0, wxALL, 6);
    sizer->Add(split, 1, wxEXPAND);
    SetSizer(sizer);
    setTool(EditorTool::Select);

    // A draft an editor left unsaved (a crash, a power cut) is offered back.
    if (const auto drafts = draftsToRecover(m_session.workspacePath()); !drafts.empty()) {
        const auto read = workflow::readDefinition(readText(drafts.front()));
        if (read && wxMessageBox(wxString::Format(_("An unsaved draft of \"%s\" was found. Recover it?"),
                                                  fromUtf8(read->definition.name.empty() ? read->definition.key
                                                                                         : read->definition.name)),
                                 _("Process design"), wxYES_NO | wxICON_QUESTION, this) == wxYES) {
            open(read->definition);
            return;
        }
    }
    open(m_editor->model());
}

EditorPanel::~EditorPanel() = default;

wxWindow* EditorPanel::canvas() const { return m_canvas; }

wxPoint EditorPanel::onCanvas(Point point) const { return m_canvas->toWindow(point); }

void EditorPanel::open(workflow::ProcessDefinition definition, std::filesystem::path file)
{
    m_editor = std::make_unique<ProcessEditor>(std::move(definition));
    m_file = std::move(file);
    m_recovery = recoveryFile(m_session.workspacePath(), m_editor->model().key);
    m_selection.clear();
    showProperties();
    showFindings();
    m_canvas->Refresh();
}

void EditorPanel::setTool(EditorTool tool)
{
    m_tool = tool;
    for (auto& [each, button] : m_palette)
        button->SetValue(each == tool);
    m_canvas->SetCursor(tool == EditorTool::Select ? wxNullCursor : wxCursor(wxCURSOR_CROSS));
}

void EditorPanel::select(std::vector<std::string> elements)
{
    m_selection = std::move(elements);
    showProperties();
    m_canvas->Refresh();
}

void EditorPanel::modelChanged()
{
    // The selection keeps what still exists.
    std::erase_if(m_selection, [this](const std::string& id) {
        return !m_editor->model().findNode(id) && !m_editor->model().findFlow(id);
    });
    if (m_editor->dirty())
        keepForRecovery(m_recovery, m_editor->model());
    else
        forgetRecovery(m_recovery);
    showProperties();
    showFindings();
    m_canvas->Refresh();
}

void EditorPanel::showProperties()
{
    m_properties->Clear();
    const auto& model = m_editor->model();
    const auto add = [this](wxPGProperty* property, const std::string& value) {
        property->SetValueFromString(fromUtf8(value));
        m_properties->Append(property);
    };
    if (m_selection.size() != 1) {
        m_properties->Append(new wxPropertyCategory(_("Process")));
        auto* key = new wxStringProperty(_("Key"), "key", fromUtf8(model.key));
        m_properties->Append(key)->Enable(false);
        m_properties->Append(new wxIntProperty(_("Version"), "version", model.version))->Enable(false);
        add(new wxStringProperty(_("Name"), "process.name"), m_editor->processProperty(ProcessProperty::Name));
        add(new wxStringProperty(_("Promised limit"), "process.promised"), m_editor->processProperty(ProcessProperty::PromisedLimit));
        add(new wxStringProperty(_("Legal limit"), "process.legal"), m_editor->processProperty(ProcessProperty::LegalLimit));
        add(new wxLongStringProperty(_("Notes"), "process.notes"), m_editor->processProperty(ProcessProperty::Documentation));
        return;
    }
    const auto& id = m_selection.front();
    if (const auto node = model.findNode(id)) {
        m_properties->Append(new wxPropertyCategory(wxString::Format(_("Step %s"), fromUtf8(id))));
        add(new wxStringProperty(_("Name"), "node.name"), m_editor->nodeProperty(id, NodeProperty::Name));
        if (model.nodes()[*node].kind == NodeKind::Task) {
            wxArrayString departments;
            for (const auto& department : m_session.store().departments())
                departments.Add(fromUtf8(department.code));
            add(new wxEditEnumProperty(_("Department"), "node.department", departments), m_editor->nodeProperty(id, NodeProperty::Department));
            add(new wxStringProperty(_("Role"), "node.role"), m_editor->nodeProperty(id, NodeProperty::Role));
            add(new wxStringProperty(_("Matter"), "node.matter"), m_editor->nodeProperty(id, NodeProperty::Matter));
            add(new wxStringProperty(_("Form section"), "node.section"), m_editor->nodeProperty(id, NodeProperty::FormSection));
            add(new wxStringProperty(_("Time limit"), "node.limit"), m_editor->nodeProperty(id, NodeProperty::TimeLimit));
        }
        add(new wxLongStringProperty(_("Notes"), "node.notes"), m_editor->nodeProperty(id, NodeProperty::Documentation));
    } else if (model.findFlow(id)) {
        m_properties->Append(new wxPropertyCategory(wxString::Format(_("Flow %s"), fromUtf8(id))));
        add(new wxStringProperty(_("Name"), "flow.name"), m_editor->flowProperty(id, FlowProperty::Name));
        add(new wxStringProperty(_("Condition"), "flow.condition"), m_editor->flowProperty(id, FlowProperty::Condition));
        auto* isDefault = new wxBoolProperty(_("Default"), "flow.default", m_editor->flowProperty(id, FlowProperty::Default) == "true");
        m_properties->Append(isDefault);
        wxArrayString kinds;
        kinds.Add("sequence");
        kinds.Add("return");
        kinds.Add("rejection");
        add(new wxEnumProperty(_("Kind"), "flow.kind", kinds), m_editor->flowProperty(id, FlowProperty::Kind));
        add(new wxLongStringProperty(_("Notes"), "flow.notes"), m_editor->flowProperty(id, FlowProperty::Documentation));
    }
}

void EditorPanel::onPropertyChanged(wxPropertyGridEvent& event)
{
    const auto name = event.GetPropertyName();
    auto* property = event.GetProperty();
    const std::string value = name == "flow.default" ? (property->GetValue().GetBool() ? "true" : "false")
                                                       : property->GetValueAsString().utf8_string();
    const std::string id = m_selection.empty() ? std::string() : m_selection.front();
    std::expected<void, EditRefusal> done;
    static const std::map<wxString, NodeProperty> kNode{
        {"node.name", NodeProperty::Name},       {"node.department", NodeProperty::Department},
        {"node.role", NodeProperty::Role},       {"node.matter", NodeProperty::Matter},
        {"node.section", NodeProperty::FormSection}, {"node.limit", NodeProperty::TimeLimit},
        {"node.notes", NodeProperty::Documentation}};
    static const std::map<wxString, FlowProperty> kFlow{
        {"flow.name", FlowProperty::Name}, {"flow.condition", FlowProperty::Condition}, {"flow.default", FlowProperty::Default},
        {"flow.kind", FlowProperty::Kind}, {"flow.notes", FlowProperty::Documentation}};
    static const std::map<wxString, ProcessProperty> kProcess{
        {"process.name", ProcessProperty::Name}, {"process.promised", ProcessProperty::PromisedLimit},
        {"process.legal", ProcessProperty::LegalLimit}, {"process.notes", ProcessProperty::Documentation}};
    if (const auto node = kNode.find(name); node != kNode.end())
        done = m_editor->setNode(id, node->second, value);
    else if (const auto flow = kFlow.find(name); flow != kFlow.end())
        done = m_editor->setFlow(id, flow->second, value);
    else if (const auto process = kProcess.find(name); process != kProcess.end())
        done = m_editor->setProcess(process->second, value);
    if (!done) {
        // The typed text stays in the grid, marked, with what is wrong beside it.
        property->SetBackgroundColour(wxColour(0xff, 0xeb, 0xee));
        m_summary->SetLabel(inInterfaceLanguage(done.error().messageZh, done.error().messageEn));
        m_summary->SetForegroundColour(wxColour(0xc6, 0x28, 0x28));
        return;
    }
    CallAfter([this] { modelChanged(); });
}

void EditorPanel::showFindings()
{
    const auto& report = m_editor->validation();
    const bool chinese = interfaceIsChinese();
    wxString summary;
    if (report.criticalPath) {
        summary = wxString::Format(_("Critical path: %.1f working days"), report.criticalPath->workingDays);
        if (const auto& promised = m_editor->model().promisedLimit)
            summary += "  " + wxString::Format(_("(promised: %d)"), promised->amount);
    } else {
        summary = _("No critical path yet: the process needs a start, an end and no cycle of sequence flows.");
    }
    m_summary->SetLabel(summary + (m_editor->dirty() ? "  *" : ""));
    m_summary->SetForegroundColour(report.ok() ? wxColour(0x2e, 0x7d, 0x32) : wxColour(0xc6, 0x28, 0x28));
    m_findings->DeleteAllItems();
    m_findingElements.clear();
    auto all = m_importNotes;
    all.insert(all.end(), report.diagnostics.begin(), report.diagnostics.end());
    for (const auto& finding : all) {
        const long row = m_findings->InsertItem(m_findings->GetItemCount(), fromUtf8(finding.elementId));
        m_findings->SetItem(row, 1, fromUtf8(chinese ? finding.messageZh : finding.messageEn));
        m_findings->SetItemTextColour(row, finding.severity == workflow::Severity::Error ? wxColour(0xc6, 0x28, 0x28)
                                                                                         : wxColour(0x8d, 0x6e, 0x00));
        m_findingElements.push_back(finding.elementId);
    }
}

std::expected<void, wxString> EditorPanel::publish()
{
    const auto published = publishDraft(m_session, *m_editor);
    if (!published)
        return std::unexpected(inInterfaceLanguage(published.error().messageZh, published.error().messageEn));
    forgetRecovery(m_recovery);
    open(*published, m_file);  // the next edits make the following version
    return {};
}

bool EditorPanel::mayDiscard()
{
    return !m_editor->dirty() ||
           wxMessageBox(_("The draft has changes that are not saved. Discard them?"), _("Process design"),
                        wxYES_NO | wxNO_DEFAULT | wxICON_QUESTION, this) == wxYES;
}

void EditorPanel::openFile()
{
    if (!mayDiscard())
        return;
    wxFileDialog dialog(this, _("Open a process"), wxString(), wxString(),
                        _("Processes (*.json;*.bpmn;*.xml)|*.json;*.bpmn;*.xml"), wxFD_OPEN | wxFD_FILE_MUST_EXIST);
    if (dialog.ShowModal() != wxID_OK)
        return;
    const std::filesystem::path path = dialog.GetPath().utf8_string();
    const auto text = readText(path);
    if (isBpmnFile(path)) {
        auto imported = workflow::bpmn::readBpmn(text);
        if (!imported) {
            wxMessageBox(wxString::Format(_("%s cannot be read (line %d, column %d): %s"), dialog.GetPath(),
                                          imported.error().line, imported.error().column, fromUtf8(imported.error().message)),
                         _("Process design"), wxOK | wxICON_ERROR, this);
            return;
        }
        m_importNotes = imported->diagnostics;
        open(std::move(imported->definition), path);
        return;
    }
    auto read = workflow::readDefinition(text);
    if (!read) {
        wxMessageBox(wxString::Format(_("%s cannot be read: %s"), dialog.GetPath(), fromUtf8(read.error().describe())),
                     _("Process design"), wxOK | wxICON_ERROR, this);
        return;
    }
    m_importNotes = read->diagnostics;
    open(std::move(read->definition), path);
}

void EditorPanel::openPublished()
{
    if (!mayDiscard())
        return;
    const auto versions = m_session.store().definitionVersions();
    wxArrayString names;
    for (const auto& version : versions)
        names.Add(wxString::Format(_("%s, version %d — %s"), fromUtf8(version.key), version.version, fromUtf8(version.name)));
    const int chosen = wxGetSingleChoiceIndex(_("Open which version? Its next version is drafted."), _("Open published"), names, this);
    if (chosen < 0)
        return;
    const auto& version = versions[static_cast<std::size_t>(chosen)];
    if (const auto process = m_session.store().definition(version.key, version.version)) {
        m_importNotes.clear();
        open(process->definition());
    }
}

void EditorPanel::save()
{
    if (m_file.empty()) {
        wxFileDialog dialog(this, _("Save the process"), wxString(), fromUtf8(m_editor->model().key + ".json"),
                            _("Process definition (*.json)|*.json|BPMN 2.0 (*.bpmn)|*.bpmn"), wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
        if (dialog.ShowModal() != wxID_OK)
            return;
        m_file = dialog.GetPath().utf8_string();
    }
    const auto text = isBpmnFile(m_file) ? workflow::bpmn::writeBpmn(m_editor->model()) : workflow::writeDefinition(m_editor->model());
    if (!writeWhole(m_file, text)) {
        wxMessageBox(wxString::Format(_("%s cannot be written; the draft is kept."), fromUtf8(m_file.string())),
                     _("Process design"), wxOK | wxICON_ERROR, this);
        return;
    }
    m_editor->markSaved();
    forgetRecovery(m_recovery);
    showFindings();
}

void EditorPanel::exportBpmn()
{
    wxFileDialog dialog(this, _("Export BPMN 2.0"), wxString(), fromUtf8(m_editor->model().key + ".bpmn"),
                        _("BPMN 2.0 (*.bpmn)|*.bpmn"), wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
    if (dialog.ShowModal() == wxID_OK && !writeWhole(dialog.GetPath().utf8_string(), workflow::bpmn::writeBpmn(m_editor->model())))
        wxMessageBox(wxString::Format(_("%s cannot be written."), dialog.GetPath()), _("Process design"), wxOK | wxICON_ERROR, this);
}

void EditorPanel::compare()
{
    std::vector<store::DefinitionVersion> versions;
    for (const auto& version : m_session.store().definitionVersions())
        if (version.key == m_editor->model().key)
            versions.push_back(version);
    if (versions.empty()) {
        wxMessageBox(_("No version of this process is published yet."), _("Compare"), wxOK | wxICON_INFORMATION, this);
        return;
    }
    wxArrayString names;
    for (const auto& version : versions)
        names.Add(wxString::Format(_("Version %d"), version.version));
    const int chosen = wxGetSingleChoiceIndex(_("Compare the draft with which version?"), _("Compare"), names, this);
    if (chosen < 0)
        return;
    const auto old = m_session.store().definition(m_editor->model().key, versions[static_cast<std::size_t>(chosen)].version);
    wxString text;
    for (const auto& change : workflow::diffDefinitions(old->definition(), m_editor->model()))
        text += fromUtf8(workflow::describe(change, interfaceIsChinese())) + "\n";
    wxMessageBox(text.empty() ? _("No changes.") : text, _("Compare"), wxOK | wxICON_INFORMATION, this);
}

void EditorPanel::run(ActionId id)
{
    switch (id) {
    case ActionId::ProcessNew: {
        if (!mayDiscard())
            return;
        const auto key = wxGetTextFromUser(_("Key of the new process (letters, digits and -):"), _("New process"), "new-process", this);
        if (key.empty())
            return;
        m_importNotes.clear();
        open(ProcessEditor::blank(key.utf8_string(), "新流程"));
        break;
    }
    case ActionId::ProcessOpen:
        openFile();
        break;
    case ActionId::ProcessOpenPublished:
        openPublished();
        break;
    case ActionId::ProcessSave:
        save();
        break;
    case ActionId::ProcessExportBpmn:
        exportBpmn();
        break;
    case ActionId::ProcessPublish:
        if (const auto done = publish(); !done)
            wxMessageBox(done.error(), _("Publish"), wxOK | wxICON_WARNING, this);
        else
            wxMessageBox(wxString::Format(_("Published. New cases run on it; running cases stay on theirs.")),
                         _("Publish"), wxOK | wxICON_INFORMATION, this);
        break;
    case ActionId::ProcessCompare:
        compare();
        break;
    case ActionId::ProcessSimulate: {
        auto process = workflow::ExecutableProcess::compile(m_editor->model());
        if (!process) {
            wxMessageBox(_("The process has errors: correct every finding marked red, then simulate."), _("Simulate"),
                         wxOK | wxICON_WARNING, this);
            break;
        }
        SimulationDialog dialog(this, *process);
        dialog.runSimulation();
        dialog.ShowModal();
        break;
    }
    case ActionId::ProcessUndo:
        m_editor->undo();
        modelChanged();
        break;
    case ActionId::ProcessRedo:
        m_editor->redo();
        modelChanged();
        break;
    case ActionId::ProcessDelete:
        m_editor->remove(m_selection);
        modelChanged();
        break;
    case ActionId::ProcessCopy:
        if (wxTheClipboard->Open()) {
            wxTheClipboard->SetData(new wxTextDataObject(fromUtf8(m_editor->copy(m_selection))));
            wxTheClipboard->Close();
        }
        break;
    case ActionId::ProcessPaste: {
        wxTextDataObject text;
        if (wxTheClipboard->Open()) {
            wxTheClipboard->GetData(text);
            wxTheClipboard->Close();
        }
        if (const auto pasted = m_editor->paste(text.GetText().utf8_string(), {40, 40})) {
            select(*pasted);
            modelChanged();
        }
        break;
    }
    case ActionId::ProcessLayOut:
        m_editor->layOut();
        modelChanged();
        break;
    case ActionId::ProcessZoomIn:
        m_canvas->zoom(1.25);
        break;
    case ActionId::ProcessZoomOut:
        m_canvas->zoom(0.8);
        break;
    default:
        break;
    }
}

} // namespace tongban::client
