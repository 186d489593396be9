// 新办件 at the window: choose a one thing, answer its guidance and unified
// form with live validation and prefill, settle each material, accept or be
// told why not, and print the receipt (受理回执).
#pragma once

#include "client/session/session.h"
#include "services/intake/window_intake.h"
#include "workflow/model/bilingual.h"

#include <expected>
#include <optional>
#include <string>
#include <vector>

namespace tongban::client {

struct CatalogueEntry {
    std::string key;
    std::string name;
    std::string leadDepartment;
};

struct IntakeProblem {
    workflow::Bilingual message;
};

class IntakePresenter {
public:
    explicit IntakePresenter(Session& session) : m_session(session) {}

    /// The workspace's one things whose name or key contains `search`.
    std::vector<CatalogueEntry> catalogue(const std::string& search = {}) const;
    /// Starts a new application of a one thing; false when the workspace has none such.
    bool choose(const std::string& key);
    const forms::OneThing* oneThing() const { return m_review ? &m_review->oneThing : nullptr; }
    const forms::FormSchema* form() const { return m_review ? &m_review->unified.form : nullptr; }

    /// Answers as the widgets give them. Text is typed into number fields
    /// as it is; a number that does not read is reported, not lost.
    void setText(const std::string& key, const std::string& text);
    void setFlag(const std::string& key, bool value);
    void setChoices(const std::string& key, const std::vector<std::string>& values);
    void setAddress(const std::string& key, const std::string& region, const std::string& detail);
    /// A table's rows as typed, cell by cell in column order; empty rows are left out.
    void setRows(const std::string& key, const std::vector<std::vector<std::string>>& rows);
    /// The answer as text for a widget ("" when unanswered).
    std::string text(const std::string& key) const;
    std::optional<bool> flag(const std::string& key) const;

    /// Fills unanswered fields from the applicant's ID number and credit code
    /// and the licences the workspace holds for them; returns what came from where.
    std::vector<std::pair<std::string, std::string>> prefill();

    /// The findings on the answers so far, and which fields are asked.
    const forms::FormReport& report() const;
    std::vector<const forms::FormFinding*> findingsAt(const std::string& key) const;
    /// A clerk accepts a warning (a credit code failing only its check) with a reason.
    void overrideWarning(const std::string& path, const std::string& reason);

    /// The materials these answers need, each provided, exempt, promised or missing.
    const std::vector<forms::MaterialOutcome>& materials();
    /// Takes a file for a material: checked by content and size, stored by its digest.
    std::expected<void, IntakeProblem> provideFile(const std::string& type, const std::string& path);
    void promise(const std::string& type, const std::string& promise);

    /// Accepts the application as a case; the case number, or every reason it cannot be.
    std::expected<std::string, IntakeProblem> accept();
    /// The receipt's lines for an accepted case.
    std::vector<std::string> receipt(const std::string& caseNumber) const;

private:
    services::Application application() const;
    void changed();
    void answerChanged(const std::string& key);

    Session& m_session;
    std::optional<services::Review> m_review;
    Poco::JSON::Object::Ptr m_answers;
    std::vector<forms::MaterialSubmission> m_materials;
    std::vector<forms::Override> m_overrides;
    mutable std::optional<forms::FormReport> m_report;
    bool m_materialsStale = true;
};

} // namespace tongban::client
