// 一表申请, 一套材料: the one form and the one material list of a one thing,
// derived from its matters so that nothing is asked twice.
#pragma once

#include "forms/onething/one_thing.h"

#include <Poco/JSON/Object.h>

namespace tongban::forms {

/// The unified form: guidance first (its answers decide what else is asked),
/// then the applicant, an agent, the business, then each matter's own
/// sections in matter order. A field several matters ask is asked once, shown
/// when any of them applies and required when any of them requires it.
struct UnifiedForm {
    FormSchema form;
    /// For each field of `form`, the matters that ask it ("guidance" for a question).
    std::vector<std::vector<std::string>> askedBy;
};

/// Fails when two matters ask one key in ways that cannot be one field: other
/// types, other patterns, or choices with nothing in common.
std::expected<UnifiedForm, workflow::json::JsonError> unifyForm(const OneThing& oneThing);

/// One entry per material type, in the order matters first ask for them.
struct MergedMaterial {
    const MaterialType* type = nullptr;
    bool key = false;  ///< key for any matter that asks it
    std::vector<std::string> matters;
    /// When it is needed: when any asking matter applies and asks it; always, when empty.
    std::optional<Condition> requiredWhen;
};

std::vector<MergedMaterial> mergeMaterials(const OneThing& oneThing);

/// What a department sees while working its task: its matter's form, plus the
/// guidance questions its conditions read.
FormSchema departmentForm(const OneThing& oneThing, const Matter& matter);

/// The unified answers a department's form asks, and nothing else.
Poco::JSON::Object::Ptr departmentAnswers(const FormSchema& form, const Poco::JSON::Object::Ptr& unifiedAnswers);

/// Sections in the order the unified form asks them.
int sectionRank(std::string_view section);

} // namespace tongban::forms
