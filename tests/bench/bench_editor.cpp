// bench_editor: what the workflow editor does on every edit and on import.
// Full validation (structure, conditions, split/join matching, soundness,
// coverage, critical path) of a 500-node one-thing process, and the import of
// the largest BPMN file of the test corpus.
#include "workflow/analysis/validator.h"
#include "workflow/bpmn/bpmn.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

using namespace tongban::workflow;

namespace {

/// A chain of blocks as designers build one things: departments in
/// parallel, exclusive and inclusive choices on the applicant's answers, and
/// steps that may send the case back. At least `nodes` nodes, sound.
ProcessDefinition bigProcess(std::size_t nodes)
{
    ProcessDefinition definition;
    definition.key = "bench-500";
    definition.promisedLimit = TimeLimit{1000, LimitUnit::WorkingDays};
    definition.fields["situation.area"] = FieldDeclaration{FieldType::Number, {}};
    definition.fields["situation.kind"] = FieldDeclaration{FieldType::String, {"餐馆", "小吃店", "中央厨房"}};
    std::size_t serial = 0;
    const auto id = [&](const char* prefix) { return std::string(prefix) + std::to_string(++serial); };
    const auto task = [&](std::size_t department) {
        Node node{id("t"), "审查", NodeKind::Task};
        node.department = "部门" + std::to_string(department % 12);
        node.timeLimit = TimeLimit{static_cast<int>(1 + department % 5), LimitUnit::WorkingDays};
        return definition.addNode(std::move(node));
    };
    const auto flow = [&](std::size_t from, std::size_t to, std::string condition = {}, bool isDefault = false,
                          FlowKind kind = FlowKind::Sequence) {
        Flow edge{id("f"), {}, kind, std::move(condition), isDefault};
        definition.addFlow(std::move(edge), from, to);
    };
    auto last = definition.addNode({"start", "开始", NodeKind::Start});
    for (std::size_t block = 0; definition.nodes().size() + 1 < nodes; ++block) {
        switch (block % 4) {
        case 0: {  // five departments in parallel
            const auto split = definition.addNode({id("p"), {}, NodeKind::ParallelGateway});
            const auto join = definition.addNode({id("p"), {}, NodeKind::ParallelGateway});
            flow(last, split);
            for (std::size_t branch = 0; branch < 5; ++branch) {
                const auto work = task(block + branch);
                flow(split, work);
                flow(work, join);
            }
            last = join;
            break;
        }
        case 1: {  // an exclusive choice on the floor area
            const auto split = definition.addNode({id("x"), {}, NodeKind::ExclusiveGateway});
            const auto merge = definition.addNode({id("x"), {}, NodeKind::ExclusiveGateway});
            const auto big = task(block);
            const auto small = task(block + 1);
            flow(last, split);
            flow(split, big, "situation.area > " + std::to_string(50 + block));
            flow(split, small, {}, true);
            flow(big, merge);
            flow(small, merge);
            last = merge;
            break;
        }
        case 2: {  // an inclusive choice on the kind of venue
            const auto split = definition.addNode({id("o"), {}, NodeKind::InclusiveGateway});
            const auto join = definition.addNode({id("o"), {}, NodeKind::InclusiveGateway});
            const auto kitchen = task(block);
            const auto fire = task(block + 1);
            flow(last, split);
            flow(split, kitchen, "situation.kind == \"中央厨房\"");
            flow(split, fire, {}, true);
            flow(kitchen, join);
            flow(fire, join);
            last = join;
            break;
        }
        case 3: {  // two steps, the second may send the case back to the first
            const auto first = task(block);
            const auto second = task(block + 1);
            flow(last, first);
            flow(first, second);
            flow(second, first, {}, false, FlowKind::Return);
            last = second;
            break;
        }
        }
    }
    const auto end = definition.addNode({"end", "办结", NodeKind::End});
    flow(last, end);
    return definition;
}

template <typename Work>
double medianMilliseconds(int runs, Work&& work)
{
    std::vector<double> times;
    for (int i = 0; i < runs; ++i) {
        const auto begin = std::chrono::steady_clock::now();
        work();
        times.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - begin).count());
    }
    std::ranges::sort(times);
    return times[times.size() / 2];
}

std::string largestCorpusFile(std::filesystem::path& path)
{
    const auto corpus = std::filesystem::path(TONGBAN_SOURCE_DIR) / "tests" / "data" / "bpmn-corpus";
    std::uintmax_t largest = 0;
    for (const auto& entry : std::filesystem::directory_iterator(corpus))
        if (entry.path().extension() == ".bpmn" && entry.file_size() > largest) {
            largest = entry.file_size();
            path = entry.path();
        }
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

} // namespace

int main()
{
    const auto model = bigProcess(500);
    const auto report = validate(model);
    if (!report.ok()) {
        for (const auto& diagnostic : report.diagnostics)
            std::cerr << formatDiagnostic(diagnostic, false) << "\n";
        std::cerr << "bench_editor: the generated model does not validate\n";
        return 1;
    }
    std::cout << "nodes: " << model.nodes().size() << "\n";
    std::cout << "flows: " << model.flows().size() << "\n";
    std::cout << "critical_path_working_days: " << report.criticalPath->workingDays << "\n";
    std::cout << "validate_ms_500: " << medianMilliseconds(31, [&] { (void)validate(model); }) << "\n";

    const auto xml = bpmn::writeBpmn(model);
    std::cout << "bpmn_export_ms_500: " << medianMilliseconds(31, [&] { (void)bpmn::writeBpmn(model); }) << "\n";
    std::cout << "bpmn_import_ms_500: " << medianMilliseconds(31, [&] { (void)bpmn::readBpmn(xml); }) << "\n";

    std::filesystem::path file;
    const auto largest = largestCorpusFile(file);
    if (!bpmn::readBpmn(largest)) {
        std::cerr << "bench_editor: " << file << " does not import\n";
        return 1;
    }
    std::cerr << "bench_editor: the largest corpus file is " << file.filename().string() << "\n";
    std::cout << "bpmn_import_bytes: " << largest.size() << "\n";
    std::cout << "bpmn_import_ms: " << medianMilliseconds(31, [&] { (void)bpmn::readBpmn(largest); }) << "\n";
    return 0;
}
