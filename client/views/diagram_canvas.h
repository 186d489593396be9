// The process diagram of the workflow editor's tab: drawn with
// wxGraphicsContext at a zoom and a pan, hit-tested by the mouse and the
// keyboard. What it shows and edits is the EditorPanel's ProcessEditor.
#pragma once

#include "workflow/model/process_definition.h"

#include <wx/window.h>

#include <optional>
#include <string>

class wxGraphicsContext;

namespace tongban::client {

class EditorPanel;
class ProcessEditor;

/// The mouse places, selects, drags, connects and rubber-bands; the keyboard
/// adds steps after the selected one, moves the selection and runs the
/// diagram's shortcuts.
class DiagramCanvas : public wxWindow {
public:
    DiagramCanvas(wxWindow* parent, EditorPanel* panel);

    /// Screen pixels of the window ↔ diagram units.
    workflow::Point toDiagram(wxPoint p) const { return {(p.x - m_pan.x) / m_zoom, (p.y - m_pan.y) / m_zoom}; }
    wxPoint toWindow(workflow::Point p) const;
    /// Scales the drawing by `factor`, between a quarter and four times.
    void zoom(double factor);

private:
    enum class DragKind { None, Move, Connect, Band };
    struct Drag {
        DragKind kind = DragKind::None;
        wxPoint from;
        wxPoint to;
        std::string node;
    };

    ProcessEditor& editor();
    void onPaint(wxPaintEvent&);
    void drawGrid(wxGraphicsContext& gc);
    /// One band per department, behind its steps, labelled: the lanes of the one thing.
    void drawLanes(wxGraphicsContext& gc);
    void drawFlow(wxGraphicsContext& gc, const workflow::Flow& flow, bool selected, bool critical, bool faulty);
    void drawNode(wxGraphicsContext& gc, const workflow::Node& node, const workflow::Bounds& b, bool selected,
                  bool critical, bool faulty);
    void onLeftDown(wxMouseEvent& event);
    void onMotion(wxMouseEvent& event);
    void onLeftUp(wxMouseEvent& event);
    void onWheel(wxMouseEvent& event);
    /// Arrows move the selection a grid step; T, P, X, O and E add a task, a
    /// parallel, exclusive or inclusive gateway or an end after the selected node.
    void onKey(wxKeyEvent& event);
    void addAfterSelection(workflow::NodeKind kind);

    EditorPanel* m_panel;
    double m_zoom = 1.0;
    wxPoint m_pan{20, 20};
    Drag m_drag;
    std::optional<wxPoint> m_panFrom;
};

} // namespace tongban::client
