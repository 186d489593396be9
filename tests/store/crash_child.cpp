// A process that works cases on a SQLite store until it is killed, printing
// "ack NUMBER VERSION" after each command the store acknowledged.
#include "workflow/model/definition_json.h"
#include "store/store.h"

#include <cstdio>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

using namespace tongban::workflow;
using namespace tongban::store;

int main(int argc, char** argv)
{
    if (argc != 3) {
        std::fprintf(stderr, "usage: store_crash_child DB SEED\n");
        return 2;
    }
    std::ifstream in(std::string(TONGBAN_SOURCE_DIR) + "/docs/examples/reference-one-thing.json");
    std::ostringstream text;
    text << in.rdbuf();
    auto store = Store::open(argv[1]);
    const Actor clerk{"clerk01", "政务服务中心"};
    const auto at = Instant{std::chrono::sys_days{std::chrono::year{2026} / 11 / 30}} + std::chrono::hours{2};
    if (!store->definition("enterprise-opening-reference", 1)) {
        store->saveDepartment({"政务服务中心", "政务服务中心", "320100"}, clerk, at);
        if (!store->publishDefinition(readDefinition(text.str())->definition, clerk, at))
            return 1;
    }
    std::mt19937 random(static_cast<unsigned>(std::stoul(argv[2])));
    std::vector<std::string> running;
    for (;;) {
        if (running.size() < 20) {
            auto created = store->createCase({"enterprise-opening-reference", 1, "320100", "窗口", {"某公司", "91320100X"}, {},
                                              clerk, at});
            if (!created)
                return 1;
            running.push_back(created->caseNumber);
            std::printf("ack %s %llu\n", created->caseNumber.c_str(), static_cast<unsigned long long>(created->version));
            std::fflush(stdout);
            continue;
        }
        const auto pick = std::uniform_int_distribution<std::size_t>(0, running.size() - 1)(random);
        const auto number = running[pick];
        const auto state = store->caseState(number);
        const auto& open = state->marking.openTasks;
        const auto task = open[std::uniform_int_distribution<std::size_t>(0, open.size() - 1)(random)].number;
        auto applied = store->execute(number, Command{CompleteTask{task, Outcome::Approve, {}, {}, {}}, clerk, at});
        if (!applied)
            return 1;
        std::printf("ack %s %llu\n", number.c_str(), static_cast<unsigned long long>(applied->version));
        std::fflush(stdout);
        if (store->caseState(number)->status != CaseStatus::Running) {
            running[pick] = running.back();
            running.pop_back();
        }
    }
}
