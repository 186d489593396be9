// A one thing (一件事): several departments' matters offered to the applicant
// as one application, with situational guidance, one form, one set of
// materials and one process. docs/formats/one-thing.md describes the JSON.
#pragma once

#include "forms/schema/form_schema.h"
#include "workflow/json/json_document.h"
#include "workflow/model/process_definition.h"

#include <expected>
#include <optional>
#include <string>
#include <vector>

namespace tongban::forms {

/// A kind of material (营业执照, 经营场所使用证明 …), named once per one thing
/// so that matters asking for the same kind share it.
struct MaterialType {
    std::string key;  ///< "business-licence"
    std::string name;
    std::string nameEn;
    /// Electronic licence types that prove it, so it is not submitted (免于提交).
    std::vector<std::string> provenBy;
    /// The government body that issues it: shared data, never asked of the applicant.
    std::string issuedBy;
    std::vector<std::string> mediaTypes;  ///< accepted file types; empty: PDF, OFD, JPEG, PNG
    std::uint64_t maxBytes = 20u << 20;
};

/// What one matter asks of a material type.
struct MaterialRequirement {
    std::string type;
    bool key = false;  ///< 关键材料: acceptance is refused without it, never promised later
    std::optional<Condition> requiredWhen;
};

struct Matter {
    std::string key;  ///< the process tasks that work it carry this key as their matter
    std::string name;
    std::string nameEn;
    std::string department;
    std::optional<workflow::TimeLimit> legalLimit;
    std::optional<workflow::TimeLimit> promisedLimit;
    /// Situational guidance decides whether the matter applies; always, when empty.
    std::optional<Condition> appliesWhen;
    FormSchema form;
    std::vector<MaterialRequirement> materials;
};

struct OneThing {
    std::string key;
    std::string name;
    std::string nameEn;
    std::string leadDepartment;
    std::string description;
    /// 情形引导: questions whose answers decide which matters apply and which
    /// materials are needed (keys under "situation.").
    FormSchema guidance;
    std::vector<MaterialType> materialTypes;
    std::vector<Matter> matters;
    workflow::ProcessDefinition process;

    const Matter* findMatter(std::string_view matterKey) const;
    const MaterialType* findMaterialType(std::string_view typeKey) const;
    /// The departments that cooperate with the lead (协办部门), in matter order.
    std::vector<std::string> cooperatingDepartments() const;
};

inline constexpr std::string_view kOneThingFormat = "tongban.onething/1";

/// Reads a one thing and checks it whole: forms, materials, conditions, and
/// that the process validates clean and agrees with the matters and the
/// unified form. The error names the member at fault.
std::expected<OneThing, workflow::json::JsonError> readOneThing(std::string_view text);

} // namespace tongban::forms
