// The write side of cases: creating them and applying commands, each in one
// transaction with its journal records and projections.
#pragma once

#include "store/records/cases.h"
#include "store/records/outcomes.h"

#include <expected>
#include <functional>
#include <optional>
#include <string>

namespace tongban::store {

class CaseLog {
public:
    virtual ~CaseLog() = default;

    /// Numbers, accepts and starts a case (case number RRRRRR-YYYYMMDD-NNNNNN).
    virtual std::expected<Applied, Refusal> createCase(const NewCase& request) = 0;
    /// Applies one command to a case.
    virtual std::expected<Applied, Refusal> execute(const std::string& caseNumber, const Command& command) = 0;

    /// Applies a command once by the identifier its sender made for it. The
    /// first outcome is kept with the command's changes, in the same
    /// transaction; sending the same identifier again returns that outcome
    /// (an Applied without events, or the same refusal with the engine's
    /// reason code) and changes nothing. A refusal that only says to try
    /// again is not kept.
    virtual std::expected<Applied, Refusal> executeOnce(const std::string& commandId, const std::string& caseNumber,
                                                        const Command& command) = 0;
    virtual std::optional<CommandReceipt> commandReceipt(const std::string& commandId) = 0;

    /// Runs `work` in one transaction: the commands it executes commit
    /// together (seeding, imports). An exception rolls everything back.
    virtual void inOneTransaction(const std::function<void()>& work) = 0;
};

} // namespace tongban::store
