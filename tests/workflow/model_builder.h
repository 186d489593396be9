// Builds process definitions in code for tests: one line per node or flow.
#pragma once

#include "workflow/model/process_definition.h"
#include "workflow/runtime/engine.h"
#include "workflow/runtime/executable_process.h"

#include <memory>
#include <ostream>
#include <string>

// Printable enums, so that failed assertions show the values.
namespace tongban::workflow {
inline std::ostream& operator<<(std::ostream& out, CaseStatus v) { return out << toString(v); }
inline std::ostream& operator<<(std::ostream& out, EngineErrorCode v) { return out << toString(v); }
inline std::ostream& operator<<(std::ostream& out, NodeKind v) { return out << toString(v); }
inline std::ostream& operator<<(std::ostream& out, FlowKind v) { return out << toString(v); }
inline std::ostream& operator<<(std::ostream& out, DefinitionStatus v)
{
    return out << (v == DefinitionStatus::Published ? "published" : "draft");
}
} // namespace tongban::workflow

namespace tongban::workflow::testing {

class ModelBuilder {
public:
    explicit ModelBuilder(std::string key = "test-process");

    ModelBuilder& start(const std::string& id = "start");
    ModelBuilder& end(const std::string& id = "end");
    ModelBuilder& task(const std::string& id, int workingDays = 1, const std::string& department = "市场监管局");
    ModelBuilder& parallel(const std::string& id);
    ModelBuilder& exclusive(const std::string& id);
    ModelBuilder& inclusive(const std::string& id);
    ModelBuilder& flow(const std::string& from, const std::string& to, const std::string& condition = {});
    ModelBuilder& defaultFlow(const std::string& from, const std::string& to);
    ModelBuilder& returnFlow(const std::string& from, const std::string& to);
    ModelBuilder& rejectionFlow(const std::string& from, const std::string& to);
    ModelBuilder& field(const std::string& path, FieldType type, std::vector<std::string> values = {});
    ModelBuilder& promised(int workingDays);

    /// Straight line: start -> tasks... -> end.
    static ProcessDefinition sequence(const std::vector<std::string>& tasks);

    const ProcessDefinition& definition() const { return m_definition; }
    ProcessDefinition build() const { return m_definition; }
    /// Compiles, failing the current test with every diagnostic when invalid.
    std::shared_ptr<const ExecutableProcess> compile() const;

private:
    ModelBuilder& node(const std::string& id, NodeKind kind);
    ModelBuilder& addFlow(const std::string& from, const std::string& to, Flow flow);

    ProcessDefinition m_definition;
    int m_flowCounter = 0;
};

/// Codes of the diagnostics with the given severity, for compact assertions.
std::vector<std::string> codes(const Diagnostics& diagnostics, Severity severity = Severity::Error);
bool hasCode(const Diagnostics& diagnostics, const std::string& code, const std::string& element = {});

/// The reference one-thing process shipped as docs/examples/reference-one-thing.json.
ProcessDefinition loadExample(const std::string& fileName);

} // namespace tongban::workflow::testing
