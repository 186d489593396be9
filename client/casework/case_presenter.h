// A case as an officer works it: header, progress through the process, the
// case data, the task history, and the actions this user may take now.
#pragma once

#include "client/session/session.h"
#include "forms/intake/intake.h"
#include "forms/onething/one_thing.h"
#include "forms/onething/unified_form.h"
#include "forms/validation/form_validator.h"
#include "workflow/model/bilingual.h"

#include <Poco/JSON/Object.h>

#include <expected>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace tongban::client {

enum class StepProgress { Done, Active, Pending, Skipped };

struct ProgressStep {
    std::string node;
    std::string name;
    std::string department;
    StepProgress progress = StepProgress::Pending;
};

enum class CaseActionKind { Claim, Release, Approve, Reject, Return };

struct CaseAction {
    CaseActionKind kind = CaseActionKind::Approve;
    workflow::TaskNumber task = 0;
    std::string step;  ///< the task's name
    /// Return: the earlier steps it may go back to (node id, name).
    std::vector<std::pair<std::string, std::string>> returnTargets;
};

/// A material as the intake record keeps it.
using CaseMaterial = forms::RecordedMaterial;

/// One answer of the application, under its section of the unified form.
struct AnswerRow {
    std::string section;  ///< 申请人, 经营主体, or the matter that asks it
    std::string label;
    std::string answer;
    bool ownSection = false;  ///< the section this user's department fills at its step
};

/// A field of the form section this user's department fills at its step.
/// The step may correct or complete it; completing the step records the
/// changes in the case (other departments' sections stay read-only).
struct SectionField {
    forms::FieldSchema field;
    std::string value;  ///< as an editor shows it: text, a choice's value, "yes" or "no"
    bool changed = false;
    std::vector<forms::FormFinding> findings;
};

/// One line of the case's audit trail.
struct TimelineEntry {
    enum class Kind { Accepted, StepOpened, Claimed, Released, Reassigned, Completed, Rejected, Returned, Paused,
                      Resumed, Urged, Supervised, Ended };
    Kind kind = Kind::Accepted;
    workflow::Instant at{};
    std::string actor;
    std::string department;
    std::string step;    ///< the step it concerns, if any
    std::string target;  ///< a return's earlier step, or whom a reassignment gave the step to
    std::string detail;  ///< reason, note, or a supplement's materials
    std::vector<std::string> corrected;  ///< the answers a completed step changed, by label
};

/// A refused action: what is wrong, for the user, in both languages.
struct ActionRefusal {
    workflow::Bilingual message;
};

/// Reject and Return need the user's reason.
bool needsReason(CaseActionKind kind);

class CasePresenter {
public:
    explicit CasePresenter(Session& session) : m_session(session) {}

    /// Loads a case; false when there is no such case.
    bool load(const std::string& caseNumber);

    const store::CaseView& header() const { return *m_case; }
    const std::vector<ProgressStep>& progress() const { return m_progress; }
    /// The case data as key and text, in key order.
    const std::vector<std::pair<std::string, std::string>>& data() const { return m_data; }
    const std::vector<store::TaskView>& history() const { return m_tasks; }
    /// The application's answers by section, labelled as the unified form asks
    /// them; empty for a case without an intake record.
    const std::vector<AnswerRow>& answers() const { return m_answers; }
    /// What happened, who did it and when, from the journal.
    const std::vector<TimelineEntry>& timeline() const { return m_timeline; }
    /// What the logged-in user may do now, task by task.
    std::vector<CaseAction> actions() const;
    /// The materials the case was accepted with; empty for a case with no intake record.
    const std::vector<CaseMaterial>& materials() const { return m_materials; }

    /// Whether this user works a step of the case now, so may pause or resume its clocks.
    bool mayPause() const;
    bool paused() const { return m_state && m_state->isPaused(); }
    /// 一次性告知: every deficient material at once; the clocks stop until resumed.
    std::expected<void, ActionRefusal> requestSupplement(const std::vector<std::string>& materials, const std::string& note);
    /// A special procedure (检验, 鉴定, 专家评审, 听证 …) with its own limit in working days.
    std::expected<void, ActionRefusal> startProcedure(workflow::PauseKind kind, int workingDays, const std::string& note);
    std::expected<void, ActionRefusal> resume(const std::string& note);
    /// The material names a supplement notice may list: the one thing's, when known.
    std::vector<std::string> supplementableMaterials() const;

    /// The fields of this user's own section, while a step of their
    /// department that they may complete is open; empty otherwise. Scalar
    /// fields only: tables, addresses and attachments are read-only here.
    const std::vector<SectionField>& ownSection() const { return m_section; }
    /// Types an answer of the own section and checks the section again. The
    /// typed answers survive a refused action and a reload of the case.
    void setSectionAnswer(const std::string& key, const std::string& text);
    /// The step whose section ownSection() shows.
    std::optional<workflow::TaskNumber> sectionTask() const { return m_sectionTask; }

    /// Performs an action and reloads the case. Nothing changes when it is
    /// refused. Completing (approve or reject) the section's step records
    /// the changed answers; errors in them refuse it.
    std::expected<void, ActionRefusal> perform(const CaseAction& action, const std::string& reason = {},
                                               const std::string& returnTo = {});

private:
    Session& m_session;
    std::optional<store::CaseView> m_case;
    std::optional<workflow::CaseState> m_state;
    std::shared_ptr<const workflow::ExecutableProcess> m_process;
    std::vector<ProgressStep> m_progress;
    std::vector<std::pair<std::string, std::string>> m_data;
    std::vector<store::TaskView> m_tasks;
    std::optional<forms::OneThing> m_oneThing;  ///< read once per load: its materials and form label the case
    std::optional<forms::UnifiedForm> m_unified;
    std::vector<CaseMaterial> m_materials;
    std::vector<TimelineEntry> m_timeline;
    std::vector<AnswerRow> m_answers;

    // The own section: the matter's form, the answers as they stand (the
    // application's, then the case's corrections), and what the user typed.
    std::optional<forms::FormSchema> m_matterForm;
    std::string m_sectionPrefix;
    std::optional<workflow::TaskNumber> m_sectionTask;
    Poco::JSON::Object::Ptr m_currentAnswers;
    std::string m_editedCase;
    std::map<std::string, std::string, std::less<>> m_edits;
    std::vector<SectionField> m_section;
    workflow::CaseData m_sectionValues;

    void readAnswers();
    void findOwnSection();
    void checkSection();
    std::expected<workflow::CaseData, ActionRefusal> sectionPatch() const;

    void readTimeline();

    std::expected<void, ActionRefusal> run(workflow::Command command);
};

} // namespace tongban::client
