// 好差评: the applicant's evaluation of a case (GB/T 39734-2020 "一次一评"),
// its rules, and the settings a centre chooses.
#pragma once

#include "workflow/model/bilingual.h"
#include "workflow/model/time_limit.h"
#include "workflow/runtime/case_state.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tongban::workflow {

/// 非常满意 (5) … 非常不满意 (1). 好评 is 5, 4 and 3; 差评 is 2 and 1.
enum class EvaluationLevel { VeryDissatisfied = 1, Dissatisfied, BasicallySatisfied, Satisfied, VerySatisfied };

bool isBad(EvaluationLevel level);
const char* chineseName(EvaluationLevel level);
std::optional<EvaluationLevel> evaluationLevelFromNumber(int number);

/// Where the evaluation was given. Paper forms, suggestion boxes and hotline
/// calls are entered by staff.
enum class EvaluationChannel { Window, Online, Mobile, Kiosk, Hotline, Paper };

const char* toString(EvaluationChannel channel);
const char* chineseName(EvaluationChannel channel);
/// Accepts the English name ("window") or the Chinese one ("窗口").
std::optional<EvaluationChannel> evaluationChannelFromString(std::string_view text);
bool enteredByStaff(EvaluationChannel channel);

/// The content items rated on a channel: online (网上, 移动端, 自助终端) or offline.
const std::vector<std::string>& contentItems(EvaluationChannel channel);

/// What is rated: the one thing as a whole (事项), one department's part
/// (机构), or on window cases the member of staff (人员).
enum class EvaluatedKind { Matter, Department, Staff };

const char* toString(EvaluatedKind kind);
std::optional<EvaluatedKind> evaluatedKindFromString(std::string_view text);

struct EvaluatedObject {
    EvaluatedKind kind = EvaluatedKind::Matter;
    std::string id;  ///< the definition key, the department code, or the staff login
    friend bool operator==(const EvaluatedObject&, const EvaluatedObject&) = default;
};

struct ItemScore {
    std::string item;
    EvaluationLevel level = EvaluationLevel::Satisfied;
};

/// Who evaluated. Real-name by default; shown only to the roles that must
/// contact them (the store and the screens apply that).
struct Evaluator {
    std::string name;
    std::string identity;  ///< 居民身份证号 or 统一社会信用代码
    std::string phone;
    bool anonymous = false;
};

struct Evaluation {
    std::int64_t id = 0;
    std::string caseNumber;
    EvaluatedObject object;
    EvaluationLevel level = EvaluationLevel::Satisfied;
    EvaluationChannel channel = EvaluationChannel::Window;
    std::vector<ItemScore> items;
    std::vector<std::string> reasonTags;
    std::string comment;
    Evaluator evaluator;
    std::string enteredBy;  ///< the member of staff who entered a paper or hotline evaluation
    Instant at{};
    std::optional<std::int64_t> followUpOf;  ///< 追评: the evaluation it follows up
    std::string rectificationCase;           ///< the rectification a 差评 opened
};

/// What the rules need to know of the evaluated case.
struct EvaluatedCase {
    std::string number;
    std::string definitionKey;
    std::string channel;  ///< the case's channel: 窗口, 网上 …
    std::vector<std::string> departments;  ///< departments that worked its tasks
    std::vector<std::string> windowStaff;  ///< staff who served the applicant at the window
    Instant acceptedAt{};
    std::optional<Instant> endedAt;
};

enum class UnratedPolicy { StaysUnrated, CountsAsBasicallySatisfied };

/// A centre's choices, with the defaults of DOMAIN rules.
struct EvaluationSettings {
    int windowDays = 7;  ///< natural days after completion
    UnratedPolicy unrated = UnratedPolicy::StaysUnrated;
    TimeLimit verifyLimit{1, LimitUnit::WorkingDays};
    TimeLimit rectifyLimit{15, LimitUnit::WorkingDays};
    TimeLimit revisitLimit{3, LimitUnit::WorkingDays};
    TimeLimit appealLimit{5, LimitUnit::WorkingDays};
};

/// When evaluations of a case are no longer taken: `windowDays` natural days
/// after it ended; std::nullopt while it runs.
std::optional<Instant> evaluationWindowEnd(const EvaluatedCase& evaluated, const EvaluationSettings& settings);

struct EvaluationProblem {
    Bilingual message;
};

/// Checks an evaluation against the rules: the window, what may be rated on
/// this case, the channel's items, one evaluation per object, and one
/// follow-up (追评) of a 差评 whose rectification has closed.
/// `closedRectifications` are the rectification cases of this case that closed.
std::optional<EvaluationProblem> checkEvaluation(const Evaluation& candidate, const EvaluatedCase& evaluated,
                                                 const std::vector<Evaluation>& existing,
                                                 const std::vector<std::string>& closedRectifications,
                                                 const EvaluationSettings& settings);

} // namespace tongban::workflow
