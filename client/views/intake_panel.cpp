#include "client/views/intake_panel.h"

#include "client/views/language.h"
#include "client/views/receipt_printout.h"

#include <wx/button.h>
#include <wx/checklst.h>
#include <wx/choice.h>
#include <wx/filedlg.h>
#include <wx/grid.h>
#include <wx/listctrl.h>
#include <wx/msgdlg.h>
#include <wx/scrolwin.h>
#include <wx/sizer.h>
#include <wx/splitter.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/textdlg.h>

namespace tongban::client {

namespace {

using forms::FieldKind;

wxString fromUtf8(const std::string& text) { return wxString::FromUTF8(text); }

wxString label(const forms::FieldSchema& field)
{
    const auto& text = interfaceIsChinese() || field.labelEn.empty() ? field.label : field.labelEn;
    return fromUtf8(text) + (field.required ? " *" : "");
}

} // namespace

wxString materialStateLabel(forms::MaterialState state)
{
    switch (state) {
    case forms::MaterialState::Provided:
        return _("provided");
    case forms::MaterialState::Exempt:
        return _("exempt");
    case forms::MaterialState::Promised:
        return _("promised later");
    case forms::MaterialState::Missing:
        return _("missing");
    }
    return {};
}

IntakePanel::IntakePanel(wxWindow* parent, Session& session, std::function<void(const std::string&)> accepted)
    : wxPanel(parent), m_session(session), m_presenter(session), m_accepted(std::move(accepted))
{
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    auto* top = new wxBoxSizer(wxHORIZONTAL);
    top->Add(new wxStaticText(this, wxID_ANY, _("One thing:")), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 6);
    m_oneThing = new wxChoice(this, wxID_ANY);
    m_catalogue = m_presenter.catalogue();
    for (const auto& entry : m_catalogue)
        m_oneThing->Append(fromUtf8(entry.name + "（" + entry.leadDepartment + "）"));
    top->Add(m_oneThing, 1, wxRIGHT, 12);
    auto* prefill = new wxButton(this, wxID_ANY, _("Fill from ID and licences"));
    top->Add(prefill, 0);
    sizer->Add(top, 0, wxEXPAND | wxALL, 8);

    auto* split = new wxSplitterWindow(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxSP_LIVE_UPDATE);
    m_formArea = new wxScrolledWindow(split, wxID_ANY);
    m_formArea->SetScrollRate(0, 16);
    m_grid = new wxFlexGridSizer(2, wxSize(10, 2));
    m_grid->AddGrowableCol(1, 1);
    m_formArea->SetSizer(m_grid);

    auto* materialsPanel = new wxPanel(split);
    auto* materialsSizer = new wxBoxSizer(wxVERTICAL);
    materialsSizer->Add(new wxStaticText(materialsPanel, wxID_ANY, _("Materials")), 0, wxALL, 4);
    m_materials = new wxListCtrl(materialsPanel, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxLC_SINGLE_SEL);
    m_materials->InsertColumn(0, _("Material"), wxLIST_FORMAT_LEFT, 220);
    m_materials->InsertColumn(1, _("State"), wxLIST_FORMAT_LEFT, 90);
    m_materials->InsertColumn(2, _("Proof, file or promise"), wxLIST_FORMAT_LEFT, 260);
    materialsSizer->Add(m_materials, 1, wxEXPAND | wxALL, 4);
    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    auto* provide = new wxButton(materialsPanel, wxID_ANY, _("Add file..."));
    auto* promise = new wxButton(materialsPanel, wxID_ANY, _("Promise later..."));
    auto* accept = new wxButton(materialsPanel, wxID_ANY, _("Accept the application"));
    buttons->Add(provide, 0, wxRIGHT, 6);
    buttons->Add(promise, 0, wxRIGHT, 18);
    buttons->Add(accept, 0);
    materialsSizer->Add(buttons, 0, wxALL, 4);
    materialsPanel->SetSizer(materialsSizer);
    split->SplitVertically(m_formArea, materialsPanel, 700);
    split->SetSashGravity(0.6);
    sizer->Add(split, 1, wxEXPAND);
    SetSizer(sizer);

    m_oneThing->Bind(wxEVT_CHOICE, [this](wxCommandEvent& event) {
        start(m_catalogue.at(static_cast<std::size_t>(event.GetSelection())).key);
    });
    prefill->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { this->prefill(); });
    provide->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { onProvideFile(); });
    promise->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { onPromise(); });
    accept->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { onAccept(); });
}

void IntakePanel::prefill()
{
    m_presenter.prefill();
    fillEditorsFromAnswers();
    answersChanged();
}

bool IntakePanel::start(const std::string& key)
{
    if (!m_presenter.choose(key))
        return false;
    const auto at = std::ranges::find(m_catalogue, key, &CatalogueEntry::key);
    if (at != m_catalogue.end())
        m_oneThing->SetSelection(static_cast<int>(at - m_catalogue.begin()));
    buildForm();
    answersChanged();
    return true;
}

void IntakePanel::buildForm()
{
    m_formArea->Freeze();
    m_grid->Clear(true);
    m_rows.clear();
    for (const auto& field : m_presenter.form()->fields)
        addField(field);
    m_formArea->Thaw();
}

void IntakePanel::addField(const forms::FieldSchema& field)
{
    FieldRow row;
    row.label = new wxStaticText(m_formArea, wxID_ANY, label(field));
    if (!field.help.empty())
        row.label->SetToolTip(fromUtf8(field.help));
    auto* cell = new wxBoxSizer(wxVERTICAL);
    const auto key = field.key;
    switch (field.kind) {
    case FieldKind::SingleChoice:
    case FieldKind::YesNo: {
        auto* choice = new wxChoice(m_formArea, wxID_ANY);
        choice->Append(wxString());
        if (field.kind == FieldKind::YesNo) {
            choice->Append(_("Yes"));
            choice->Append(_("No"));
        } else {
            for (const auto& option : field.choices)
                choice->Append(fromUtf8(option.label));
        }
        choice->Bind(wxEVT_CHOICE, [this, key, field, choice](wxCommandEvent&) {
            const int at = choice->GetSelection();
            if (field.kind == FieldKind::YesNo)
                at == 0 ? m_presenter.setText(key, "") : m_presenter.setFlag(key, at == 1);
            else
                m_presenter.setText(key, at <= 0 ? std::string() : field.choices[static_cast<std::size_t>(at - 1)].value);
            answersChanged();
        });
        row.editor = choice;
        break;
    }
    case FieldKind::MultipleChoice: {
        auto* list = new wxCheckListBox(m_formArea, wxID_ANY, wxDefaultPosition, wxSize(-1, 24 * static_cast<int>(field.choices.size()) + 8));
        for (const auto& option : field.choices)
            list->Append(fromUtf8(option.label));
        list->Bind(wxEVT_CHECKLISTBOX, [this, key, field, list](wxCommandEvent&) {
            std::vector<std::string> chosen;
            for (unsigned i = 0; i < list->GetCount(); ++i)
                if (list->IsChecked(i))
                    chosen.push_back(field.choices[i].value);
            m_presenter.setChoices(key, chosen);
            answersChanged();
        });
        row.editor = list;
        break;
    }
    case FieldKind::Address: {
        auto* region = new wxTextCtrl(m_formArea, wxID_ANY);
        region->SetHint(_("Region code, e.g. 320106"));
        auto* detail = new wxTextCtrl(m_formArea, wxID_ANY);
        detail->SetHint(_("Street and number"));
        const auto update = [this, key, region, detail](wxCommandEvent&) {
            if (m_filling)
                return;
            m_presenter.setAddress(key, region->GetValue().utf8_string(), detail->GetValue().utf8_string());
            answersChanged();
        };
        region->Bind(wxEVT_TEXT, update);
        detail->Bind(wxEVT_TEXT, update);
        row.editor = region;
        row.second = detail;
        break;
    }
    case FieldKind::Group: {
        auto* grid = new wxGrid(m_formArea, wxID_ANY);
        const int rows = static_cast<int>(std::max<std::size_t>(field.minItems.value_or(0), 3));
        grid->CreateGrid(rows, static_cast<int>(field.columns.size()));
        grid->SetRowLabelSize(32);
        for (std::size_t c = 0; c < field.columns.size(); ++c) {
            grid->SetColLabelValue(static_cast<int>(c), label(field.columns[c]));
            grid->SetColSize(static_cast<int>(c), 150);
        }
        grid->Bind(wxEVT_GRID_CELL_CHANGED, [this, key, grid](wxGridEvent& event) {
            std::vector<std::vector<std::string>> cells(static_cast<std::size_t>(grid->GetNumberRows()));
            for (int r = 0; r < grid->GetNumberRows(); ++r)
                for (int c = 0; c < grid->GetNumberCols(); ++c)
                    cells[static_cast<std::size_t>(r)].push_back(grid->GetCellValue(r, c).Strip(wxString::both).utf8_string());
            // A full table grows a row, so there is always room for one more.
            if (!std::ranges::all_of(cells.back(), &std::string::empty))
                grid->AppendRows(1);
            m_presenter.setRows(key, cells);
            answersChanged();
            event.Skip();
        });
        row.editor = grid;
        break;
    }
    case FieldKind::Attachment:
        row.editor = new wxStaticText(m_formArea, wxID_ANY, _("Entered by the department at its step"));
        break;
    default: {
        const long style = field.kind == FieldKind::LongText ? wxTE_MULTILINE : 0;
        auto* text = new wxTextCtrl(m_formArea, wxID_ANY, wxString(), wxDefaultPosition,
                                    wxSize(-1, field.kind == FieldKind::LongText ? 70 : -1), style);
        if (field.kind == FieldKind::Date)
            text->SetHint("2026-03-01");
        else if (field.kind == FieldKind::Money)
            text->SetHint(_("Yuan, e.g. 1250.00"));
        text->Bind(wxEVT_TEXT, [this, key, text](wxCommandEvent&) {
            if (m_filling)
                return;
            m_presenter.setText(key, text->GetValue().utf8_string());
            answersChanged();
        });
        row.editor = text;
        break;
    }
    }
    cell->Add(row.editor, 0, wxEXPAND);
    if (row.second)
        cell->Add(row.second, 0, wxEXPAND | wxTOP, 2);
    row.findings = new wxStaticText(m_formArea, wxID_ANY, wxString());
    row.findings->SetForegroundColour(wxColour(0xc6, 0x28, 0x28));
    cell->Add(row.findings, 0, wxEXPAND | wxBOTTOM, 4);
    auto* accept = new wxButton(m_formArea, wxID_ANY, _("Accept with a reason..."));
    accept->Bind(wxEVT_BUTTON, [this, key](wxCommandEvent&) { onOverride(key); });
    cell->Add(accept, 0, wxBOTTOM, 4);
    row.accept = accept;
    m_grid->Add(row.label, 0, wxALIGN_TOP | wxTOP | wxLEFT, 6);
    m_grid->Add(cell, 1, wxEXPAND | wxRIGHT, 8);
    m_rows.emplace(field.key, row);
}

void IntakePanel::answersChanged()
{
    const auto& report = m_presenter.report();
    m_formArea->Freeze();
    for (auto& [key, row] : m_rows) {
        const bool shown = report.shown.contains(key);
        row.label->Show(shown);
        row.editor->GetContainingSizer()->ShowItems(shown);
        wxString text;
        const auto findings = m_presenter.findingsAt(key);
        for (const auto* finding : findings) {
            if (finding->level == forms::FindingLevel::Note && finding->code != "resident-id.historical-region")
                continue;
            text += (text.empty() ? "" : "\n") + inInterfaceLanguage(finding->message);
            if (!finding->overrideReason.empty())
                text += wxString::Format(_(" (accepted: %s)"), wxString::FromUTF8(finding->overrideReason));
        }
        // Unanswered required fields are not shouted at while the clerk is still typing.
        const bool onlyRequired = std::ranges::all_of(findings, [](const auto* f) { return f->code == "field.required"; });
        row.findings->SetLabel(onlyRequired ? wxString() : text);
        row.findings->Show(shown && !row.findings->GetLabel().empty());
        const bool overridable = std::ranges::any_of(findings, [](const forms::FormFinding* f) {
            return f->overridable && f->overrideReason.empty();
        });
        row.accept->Show(shown && overridable);
    }
    m_formArea->Thaw();
    m_formArea->FitInside();
    m_formArea->Layout();
    showMaterials();
}

void IntakePanel::fillEditorsFromAnswers()
{
    m_filling = true;
    for (auto& [key, row] : m_rows) {
        const auto* field = m_presenter.form()->find(key);
        if (auto* text = dynamic_cast<wxTextCtrl*>(row.editor); text && !row.second) {
            text->ChangeValue(fromUtf8(m_presenter.text(key)));
        } else if (auto* choice = dynamic_cast<wxChoice*>(row.editor); choice && field) {
            // Item 0 is "not answered"; then yes and no, or the choices in order.
            int selection = 0;
            if (field->kind == FieldKind::YesNo) {
                if (const auto flag = m_presenter.flag(key))
                    selection = *flag ? 1 : 2;
            } else {
                const auto value = m_presenter.text(key);
                const auto at = std::ranges::find(field->choices, value, &forms::Choice::value);
                if (at != field->choices.end())
                    selection = static_cast<int>(at - field->choices.begin()) + 1;
            }
            choice->SetSelection(selection);
        }
    }
    m_filling = false;
}

void IntakePanel::onOverride(const std::string& key)
{
    wxTextEntryDialog ask(this, _("Why may this be accepted? The reason is kept with the case."),
                          _("Accept with a reason"));
    if (ask.ShowModal() != wxID_OK || ask.GetValue().Strip(wxString::both).empty())
        return;
    m_presenter.overrideWarning(key, ask.GetValue().Strip(wxString::both).utf8_string());
    answersChanged();
}

void IntakePanel::showMaterials()
{
    m_materials->DeleteAllItems();
    for (const auto& material : m_presenter.materials()) {
        const auto& type = *material.type;
        const long row = m_materials->InsertItem(
            m_materials->GetItemCount(),
            fromUtf8(interfaceIsChinese() || type.nameEn.empty() ? type.name : type.nameEn) + (material.key ? " *" : ""));
        m_materials->SetItem(row, 1, materialStateLabel(material.state));
        wxString detail = fromUtf8(material.exemptBy);
        if (material.file)
            detail = fromUtf8(material.file->name);
        if (!material.promise.empty())
            detail = fromUtf8(material.promise);
        if (detail.empty() && !material.noteZh.empty())
            detail = inInterfaceLanguage(material.noteZh, material.noteEn);
        m_materials->SetItem(row, 2, detail);
    }
}

void IntakePanel::onProvideFile()
{
    const long selected = m_materials->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
    if (selected < 0)
        return;
    wxFileDialog ask(this, _("Choose the file"), wxString(), wxString(), _("PDF, OFD, JPEG or PNG|*.pdf;*.ofd;*.jpg;*.jpeg;*.png"),
                     wxFD_OPEN | wxFD_FILE_MUST_EXIST);
    if (ask.ShowModal() != wxID_OK)
        return;
    const auto& type = m_presenter.materials().at(static_cast<std::size_t>(selected)).type->key;
    const auto taken = m_presenter.provideFile(type, ask.GetPath().utf8_string());
    if (!taken)
        wxMessageBox(inInterfaceLanguage(taken.error().message), _("File not taken"),
                     wxOK | wxICON_WARNING, this);
    showMaterials();
}

void IntakePanel::onPromise()
{
    const long selected = m_materials->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
    if (selected < 0)
        return;
    wxTextEntryDialog ask(this, _("The applicant's written promise (when the material will follow):"), _("Promise later"));
    if (ask.ShowModal() != wxID_OK)
        return;
    const auto& type = m_presenter.materials().at(static_cast<std::size_t>(selected)).type->key;
    m_presenter.promise(type, ask.GetValue().utf8_string());
    showMaterials();
}

void IntakePanel::onAccept()
{
    const auto accepted = m_presenter.accept();
    if (!accepted) {
        wxMessageBox(inInterfaceLanguage(accepted.error().message),
                     _("The application cannot be accepted yet"), wxOK | wxICON_WARNING, this);
        return;
    }
    showReceipt(this, m_presenter.receipt(*accepted));
    if (m_accepted)
        m_accepted(*accepted);
}

wxWindow* IntakePanel::editor(const std::string& key) const
{
    const auto at = m_rows.find(key);
    return at == m_rows.end() ? nullptr : at->second.editor;
}

wxString IntakePanel::findingsShown(const std::string& key) const
{
    const auto at = m_rows.find(key);
    return at == m_rows.end() ? wxString() : at->second.findings->GetLabel();
}

} // namespace tongban::client
