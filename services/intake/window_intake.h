// 一窗受理: the window checks one application of a one thing and, when
// nothing blocks it, accepts it as a case with its intake record.
#pragma once

#include "forms/intake/intake.h"
#include "store/store.h"
#include "workflow/model/bilingual.h"

#include <Poco/JSON/Object.h>

#include <expected>
#include <string>
#include <vector>

namespace tongban::services {

struct Application {
    std::string oneThing;  ///< key in the workspace's catalogue
    Poco::JSON::Object::Ptr answers;
    std::vector<forms::MaterialSubmission> materials;
    std::vector<forms::Override> overrides;  ///< warnings the clerk accepts, with reasons
    std::string region;   ///< six-digit code of the accepting centre
    std::string channel;  ///< 窗口, 网上 …
    workflow::Actor clerk;
    workflow::Instant at{};
};

/// What the window would decide now: the unified form's findings, the
/// matters that apply, and each material's state (exemptions from the
/// applicant's licences in the store).
/// The assessment points into the one thing it holds, so a review moves but
/// is never copied.
struct Review {
    forms::OneThing oneThing;
    forms::UnifiedForm unified;
    forms::IntakeAssessment assessment;

    Review() = default;
    Review(Review&&) = default;
    Review& operator=(Review&&) = default;
    Review(const Review&) = delete;
    Review& operator=(const Review&) = delete;
};

struct IntakeRefusal {
    workflow::Bilingual message;
};

/// Reviews an application; refuses only when the one thing is unknown.
std::expected<Review, IntakeRefusal> reviewApplication(store::Store& store, const Application& application);

/// Assesses an application of a one thing already read, with the licences
/// the workspace holds for the identities it names: what a review does
/// after reading the one thing, for screens that keep it between answers.
forms::IntakeAssessment assessApplication(store::Store& store, const forms::OneThing& oneThing,
                                          const forms::UnifiedForm& unified, const Application& application);

/// Accepts an application as a case of the one thing's process, keeping the
/// intake record (answers, matters, materials, overrides, who and when) with
/// it. Refuses, naming every reason and writing nothing, while the form has
/// errors or unaccepted warnings, a key material is missing or only promised,
/// or a provided file is not in the store.
std::expected<store::Applied, IntakeRefusal> acceptApplication(store::Store& store,
                                                                        const Application& application);

/// The intake record (tongban.application/1) of an accepted application.
std::string applicationRecord(const Application& application, const Review& review);

} // namespace tongban::services
