#include "client/intake/intake_presenter.h"

#include "forms/schema/answer_text.h"
#include "workflow/runtime/case_state_json.h"

#include <Poco/JSON/Array.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace tongban::client {

namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

} // namespace

std::vector<CatalogueEntry> IntakePresenter::catalogue(const std::string& search) const
{
    std::vector<CatalogueEntry> entries;
    for (const auto& entry : m_session.store().oneThings())
        if (search.empty() || contains(entry.name, search) || contains(entry.key, search))
            entries.push_back({entry.key, entry.name, entry.leadDepartment});
    return entries;
}

bool IntakePresenter::choose(const std::string& key)
{
    services::Application empty{key, new Poco::JSON::Object, {}, {}, "", "窗口", m_session.actor(), m_session.now()};
    auto review = services::reviewApplication(m_session.store(), empty);
    if (!review)
        return false;
    m_review = std::move(*review);
    m_answers = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    m_materials.clear();
    m_overrides.clear();
    changed();
    return true;
}

void IntakePresenter::changed()
{
    m_report.reset();
    m_materialsStale = true;
}

void IntakePresenter::answerChanged(const std::string& key)
{
    // An acceptance was of the answer given then; a new answer needs its own.
    std::erase_if(m_overrides, [&](const forms::Override& o) { return o.path == key || o.path.starts_with(key + "."); });
    changed();
}

void IntakePresenter::setText(const std::string& key, const std::string& text)
{
    const auto* field = form() ? form()->find(key) : nullptr;
    if (!field)
        return;
    if (text.empty())
        m_answers->remove(key);
    else
        m_answers->set(key, forms::answerFromText(*field, text));
    answerChanged(key);
}

void IntakePresenter::setFlag(const std::string& key, bool value)
{
    m_answers->set(key, value);
    answerChanged(key);
}

void IntakePresenter::setChoices(const std::string& key, const std::vector<std::string>& values)
{
    Poco::JSON::Array::Ptr chosen = new Poco::JSON::Array;
    for (const auto& value : values)
        chosen->add(value);
    if (values.empty())
        m_answers->remove(key);
    else
        m_answers->set(key, chosen);
    answerChanged(key);
}

void IntakePresenter::setAddress(const std::string& key, const std::string& region, const std::string& detail)
{
    Poco::JSON::Object::Ptr address = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    address->set("region", region);
    address->set("detail", detail);
    if (region.empty() && detail.empty())
        m_answers->remove(key);
    else
        m_answers->set(key, address);
    answerChanged(key);
}

void IntakePresenter::setRows(const std::string& key, const std::vector<std::vector<std::string>>& rows)
{
    const auto* field = form() ? form()->find(key) : nullptr;
    if (!field || field->kind != forms::FieldKind::Group)
        return;
    Poco::JSON::Array::Ptr table = new Poco::JSON::Array;
    for (const auto& cells : rows) {
        if (std::ranges::all_of(cells, [](const std::string& cell) { return cell.empty(); }))
            continue;
        Poco::JSON::Object::Ptr row = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
        for (std::size_t c = 0; c < field->columns.size() && c < cells.size(); ++c) {
            if (cells[c].empty())
                continue;
            row->set(field->columns[c].key, forms::answerFromText(field->columns[c], cells[c]));
        }
        table->add(row);
    }
    if (table->size() == 0)
        m_answers->remove(key);
    else
        m_answers->set(key, table);
    answerChanged(key);
}

std::string IntakePresenter::text(const std::string& key) const
{
    if (!m_answers || !m_answers->has(key))
        return {};
    const auto value = m_answers->get(key);
    if (value.isString() || value.isNumeric())
        return value.convert<std::string>();
    return {};
}

std::optional<bool> IntakePresenter::flag(const std::string& key) const
{
    if (!m_answers || !m_answers->has(key) || !m_answers->get(key).isBoolean())
        return std::nullopt;
    return m_answers->get(key).extract<bool>();
}

std::vector<std::pair<std::string, std::string>> IntakePresenter::prefill()
{
    if (!m_review)
        return {};
    std::vector<std::string> keys;
    for (const auto& field : m_review->unified.form.fields)
        if (!m_answers->has(field.key))
            keys.push_back(field.key);
    std::vector<std::string> holders;
    for (const auto* key : {"applicant.id_number", "business.credit_code"})
        if (const auto value = text(key); !value.empty())
            holders.push_back(value);
    const auto licences = m_session.store().licencesOf(holders);
    const auto filled = forms::prefillAnswers(keys, holders, licences, m_session.calendar().localDay(m_session.now()));
    std::vector<std::string> names;
    filled.answers->getNames(names);
    for (const auto& name : names)
        m_answers->set(name, filled.answers->get(name));
    changed();
    return filled.sources;
}

const forms::FormReport& IntakePresenter::report() const
{
    if (!m_report) {
        static const forms::FormSchema kNoForm;
        const forms::ValidationContext context{m_session.calendar().localDay(m_session.now()), m_overrides, false};
        m_report = forms::validateAnswers(form() ? *form() : kNoForm, Poco::Dynamic::Var(m_answers), context);
    }
    return *m_report;
}

std::vector<const forms::FormFinding*> IntakePresenter::findingsAt(const std::string& key) const
{
    std::vector<const forms::FormFinding*> found;
    for (const auto& finding : report().findings)
        if (finding.path == key || finding.path.starts_with(key + ".") || finding.path.starts_with(key + "["))
            found.push_back(&finding);
    return found;
}

void IntakePresenter::overrideWarning(const std::string& path, const std::string& reason)
{
    std::erase_if(m_overrides, [&](const forms::Override& o) { return o.path == path; });
    m_overrides.push_back({path, reason, m_session.user().login});
    changed();
}

services::Application IntakePresenter::application() const
{
    // Cases are numbered by the centre the clerk's department belongs to.
    std::string region;
    for (const auto& department : m_session.store().departments())
        if (department.code == m_session.user().department)
            region = department.region;
    return {m_review ? m_review->oneThing.key : std::string(),
            m_answers,
            m_materials,
            m_overrides,
            region,
            "窗口",
            m_session.actor(),
            m_session.now()};
}

const std::vector<forms::MaterialOutcome>& IntakePresenter::materials()
{
    static const std::vector<forms::MaterialOutcome> kNone;
    if (!m_review)
        return kNone;
    if (m_materialsStale) {
        m_review->assessment =
            services::assessApplication(m_session.store(), m_review->oneThing, m_review->unified, application());
        m_materialsStale = false;
    }
    return m_review->assessment.materials;
}

std::expected<void, IntakeProblem> IntakePresenter::provideFile(const std::string& type, const std::string& path)
{
    const auto* materialType = oneThing() ? oneThing()->findMaterialType(type) : nullptr;
    if (!materialType)
        return std::unexpected(IntakeProblem{"没有材料类型 " + type, "there is no material type " + type});
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return std::unexpected(IntakeProblem{"无法读取文件 " + path, "cannot read the file " + path});
    std::ostringstream content;
    content << in.rdbuf();
    const auto bytes = content.str();
    auto name = std::filesystem::path(path).filename().string();
    auto inspected = forms::inspectUpload(bytes, name, *materialType);
    if (!inspected)
        return std::unexpected(IntakeProblem{inspected.error().message});
    m_session.store().storeFile(bytes, inspected->mediaType);
    std::erase_if(m_materials, [&](const forms::MaterialSubmission& s) { return s.type == type; });
    m_materials.push_back(forms::MaterialSubmission{type, *inspected, std::string()});
    changed();
    return {};
}

void IntakePresenter::promise(const std::string& type, const std::string& promise)
{
    std::erase_if(m_materials, [&](const forms::MaterialSubmission& s) { return s.type == type; });
    if (!promise.empty())
        m_materials.push_back(forms::MaterialSubmission{type, std::nullopt, promise});
    changed();
}

std::expected<std::string, IntakeProblem> IntakePresenter::accept()
{
    if (!m_review)
        return std::unexpected(IntakeProblem{"请先选择一件事", "choose a one thing first"});
    // The copy of a server's cases is not a place to start one: it would never reach the server.
    if (m_session.connected())
        return std::unexpected(IntakeProblem{"连接服务器时暂不能在本机受理：请断开连接，在本机工作区受理",
                                             "applications cannot be accepted on this desktop while it is connected to a "
                                             "server yet: disconnect to accept in the desktop's own workspace"});
    auto accepted = services::acceptApplication(m_session.store(), application());
    if (!accepted)
        return std::unexpected(IntakeProblem{accepted.error().message});
    return accepted->caseNumber;
}

std::vector<std::string> IntakePresenter::receipt(const std::string& caseNumber) const
{
    const auto view = m_session.store().caseByNumber(caseNumber);
    if (!view || !m_review)
        return {};
    std::vector<std::string> lines{"受理回执", "办件编号：" + view->number, "事项：" + m_review->oneThing.name,
                                   "申请人：" + view->applicantName + "（" + view->applicantIdentity + "）",
                                   "受理时间：" + workflow::formatInstant(view->acceptedAt)};
    if (view->dueAt)
        lines.push_back("承诺办结时间：" + workflow::formatInstant(*view->dueAt));
    lines.push_back("受理人：" + m_session.user().name + "，" + m_session.user().department);
    return lines;
}

} // namespace tongban::client
