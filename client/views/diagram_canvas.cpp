#include "client/views/diagram_canvas.h"

#include "client/views/action_ids.h"
#include "client/views/editor_panel.h"
#include "client/views/language.h"
#include "workflow/layout/layout.h"

#include <wx/accel.h>
#include <wx/dcbuffer.h>
#include <wx/graphics.h>
#include <wx/log.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace tongban::client {

using workflow::NodeKind;
using workflow::Point;

namespace {

wxString limitUnitLabel(workflow::LimitUnit unit)
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

} // namespace

DiagramCanvas::DiagramCanvas(wxWindow* parent, EditorPanel* panel)
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

ProcessEditor& DiagramCanvas::editor() { return m_panel->editor(); }

wxPoint DiagramCanvas::toWindow(Point p) const
{
    return {static_cast<int>(p.x * m_zoom + m_pan.x), static_cast<int>(p.y * m_zoom + m_pan.y)};
}

void DiagramCanvas::zoom(double factor)
{
    m_zoom = std::clamp(m_zoom * factor, 0.25, 4.0);
    Refresh();
}

void DiagramCanvas::onPaint(wxPaintEvent&)
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

void DiagramCanvas::drawGrid(wxGraphicsContext& gc)
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

void DiagramCanvas::drawLanes(wxGraphicsContext& gc)
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

void DiagramCanvas::drawFlow(wxGraphicsContext& gc, const workflow::Flow& flow, bool selected, bool critical, bool faulty)
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

void DiagramCanvas::drawNode(wxGraphicsContext& gc, const workflow::Node& node, const workflow::Bounds& b, bool selected,
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

void DiagramCanvas::onLeftDown(wxMouseEvent& event)
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

void DiagramCanvas::onMotion(wxMouseEvent& event)
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

void DiagramCanvas::onLeftUp(wxMouseEvent& event)
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
                wxLogStatus("%s", inInterfaceLanguage(connected.error().message));
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

void DiagramCanvas::onWheel(wxMouseEvent& event)
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

void DiagramCanvas::onKey(wxKeyEvent& event)
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

void DiagramCanvas::addAfterSelection(NodeKind kind)
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

} // namespace tongban::client
