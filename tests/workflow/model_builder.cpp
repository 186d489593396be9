// Test helper implementations.
#include "model_builder.h"

#include "workflow/analysis/validator.h"
#include "workflow/model/definition_json.h"

#include <boost/test/unit_test.hpp>

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace tongban::workflow::testing {

ModelBuilder::ModelBuilder(std::string key)
{
    m_definition.key = std::move(key);
    m_definition.name = "测试流程";
}

ModelBuilder& ModelBuilder::node(const std::string& id, NodeKind kind)
{
    Node node;
    node.id = id;
    node.kind = kind;
    m_definition.addNode(std::move(node));
    return *this;
}

ModelBuilder& ModelBuilder::start(const std::string& id) { return node(id, NodeKind::Start); }
ModelBuilder& ModelBuilder::end(const std::string& id) { return node(id, NodeKind::End); }
ModelBuilder& ModelBuilder::parallel(const std::string& id) { return node(id, NodeKind::ParallelGateway); }
ModelBuilder& ModelBuilder::exclusive(const std::string& id) { return node(id, NodeKind::ExclusiveGateway); }
ModelBuilder& ModelBuilder::inclusive(const std::string& id) { return node(id, NodeKind::InclusiveGateway); }

ModelBuilder& ModelBuilder::task(const std::string& id, int workingDays, const std::string& department)
{
    Node node;
    node.id = id;
    node.kind = NodeKind::Task;
    node.department = department;
    node.timeLimit = TimeLimit{workingDays, LimitUnit::WorkingDays};
    m_definition.addNode(std::move(node));
    return *this;
}

ModelBuilder& ModelBuilder::addFlow(const std::string& from, const std::string& to, Flow flow)
{
    const auto source = m_definition.findNode(from);
    const auto target = m_definition.findNode(to);
    if (!source || !target)
        throw std::logic_error("test model: no node '" + (source ? to : from) + "'");
    flow.id = "f" + std::to_string(++m_flowCounter) + "-" + from + "-" + to;
    m_definition.addFlow(std::move(flow), *source, *target);
    return *this;
}

ModelBuilder& ModelBuilder::flow(const std::string& from, const std::string& to, const std::string& condition)
{
    Flow flow;
    flow.condition = condition;
    return addFlow(from, to, std::move(flow));
}

ModelBuilder& ModelBuilder::defaultFlow(const std::string& from, const std::string& to)
{
    Flow flow;
    flow.isDefault = true;
    return addFlow(from, to, std::move(flow));
}

ModelBuilder& ModelBuilder::returnFlow(const std::string& from, const std::string& to)
{
    Flow flow;
    flow.kind = FlowKind::Return;
    return addFlow(from, to, std::move(flow));
}

ModelBuilder& ModelBuilder::rejectionFlow(const std::string& from, const std::string& to)
{
    Flow flow;
    flow.kind = FlowKind::Rejection;
    return addFlow(from, to, std::move(flow));
}

ModelBuilder& ModelBuilder::field(const std::string& path, FieldType type, std::vector<std::string> values)
{
    m_definition.fields[path] = FieldDeclaration{type, std::move(values)};
    return *this;
}

ModelBuilder& ModelBuilder::promised(int workingDays)
{
    m_definition.promisedLimit = TimeLimit{workingDays, LimitUnit::WorkingDays};
    return *this;
}

ProcessDefinition ModelBuilder::sequence(const std::vector<std::string>& tasks)
{
    ModelBuilder builder;
    builder.start();
    std::string previous = "start";
    for (const auto& task : tasks) {
        builder.task(task).flow(previous, task);
        previous = task;
    }
    builder.end().flow(previous, "end");
    return builder.build();
}

std::shared_ptr<const ExecutableProcess> ModelBuilder::compile() const
{
    auto compiled = ExecutableProcess::compile(m_definition);
    if (!compiled) {
        std::string all;
        for (const auto& d : compiled.error())
            all += formatDiagnostic(d, false) + "\n";
        BOOST_FAIL("test model does not validate:\n" + all);
    }
    return *compiled;
}

std::vector<std::string> codes(const Diagnostics& diagnostics, Severity severity)
{
    std::vector<std::string> result;
    for (const auto& d : diagnostics)
        if (d.severity == severity)
            result.push_back(d.code);
    return result;
}

bool hasCode(const Diagnostics& diagnostics, const std::string& code, const std::string& element)
{
    for (const auto& d : diagnostics)
        if (d.code == code && (element.empty() || d.elementId == element))
            return true;
    return false;
}

ProcessDefinition loadExample(const std::string& fileName)
{
    std::ifstream in(std::string(TONGBAN_SOURCE_DIR) + "/docs/examples/" + fileName);
    std::ostringstream text;
    text << in.rdbuf();
    auto loaded = readDefinition(text.str());
    if (!loaded)
        throw std::runtime_error(fileName + ": " + loaded.error().describe());
    return std::move(loaded->definition);
}

} // namespace tongban::workflow::testing
