// Who may do what, checked cell by cell: every route for every role, on a case
// of the caller's own department, of another department and of another
// region, through the real server. Also: the API description names exactly the
// routes the service has.
#include "server/api/api_service.h"
#include "workflow/model/definition_json.h"
#include "tests/support/served.h"
#include "tests/support/backends.h"

#include <boost/test/unit_test.hpp>

#include <fstream>
#include <regex>
#include <set>

using namespace tongban;
using namespace tongban::testing;
using workflow::Instant;

namespace {

struct Cell {
    std::string method;
    std::string path;
    std::string body;
    std::map<std::string, int> expected;  ///< by login; 0 means the command's result is checked instead
    std::map<std::string, std::string> results;  ///< for commands: "applied" or the refusal's code
};

} // namespace

BOOST_AUTO_TEST_SUITE(Authorisation)

BOOST_AUTO_TEST_CASE(EveryRouteForEveryRoleOnOwnAndOtherCases)
{
    Served served;
    auto store = served.store();
    const auto [marketCase, marketTaskNumber] = openTaskOf(*store, "市场监管局");
    const auto marketTask = std::to_string(marketTaskNumber);
    const auto notMarket = std::get<std::string>(
        store->reportQuery("SELECT c.number FROM cases c WHERE NOT EXISTS (SELECT 1 FROM tasks t WHERE t.case_id = c.id"
                           " AND t.department = '市场监管局') ORDER BY c.id LIMIT 1",
                           {})
            .at(0)[0]);
    // A case of another city's centre (无锡, 320200).
    const auto elsewhere = store->createCase({"enterprise-opening-reference", 0, "320200", "窗口",
                                              {"无锡某某科技有限公司", "91320200MA1MXXXX0L"}, {},
                                              {"clerk-wx", "政务服务中心"}, Instant{std::chrono::sys_days{std::chrono::year{2026} /
                                                                                                              11 / 26}} +
                                                                               std::chrono::hours{2},
                                              {}});
    BOOST_TEST_REQUIRE(elsewhere.has_value());
    const auto definition = store->definitionVersions().front();
    const auto definitionBody = workflow::writeDefinition(store->definition(definition.key, definition.version)->definition());
    const auto& server = served.server;

    const std::vector<std::string> roles{"clerk01", "market01", "supervisor01", "designer01", "admin"};
    const auto all = [&](int status) {
        std::map<std::string, int> expected;
        for (const auto& role : roles)
            expected[role] = status;
        return expected;
    };
    const auto only = [&](std::map<std::string, int> allowed, int otherwise) {
        auto expected = all(otherwise);
        for (const auto& [role, status] : allowed)
            expected[role] = status;
        return expected;
    };
    const auto readers = only({{"clerk01", 200}, {"market01", 200}, {"supervisor01", 200}}, 403);
    const std::string claim = R"({"type": "claimTask", "task": )" + marketTask + "}";
    const std::string urge = R"({"type": "urgeCase", "level": "urge", "note": "请加快"})";
    std::vector<Cell> cells{
        {"GET", "/api/v1/health", "", all(200), {}},
        {"GET", "/api/v1/me", "", all(200), {}},
        {"GET", "/api/v1/catalogue", "", all(200), {}},
        {"GET", "/api/v1/definitions", "", all(200), {}},
        {"GET", "/api/v1/definitions/" + definition.key + "/" + std::to_string(definition.version), "", all(200), {}},
        {"POST", "/api/v1/definitions", definitionBody, only({{"designer01", 201}}, 403), {}},
        {"GET", "/api/v1/cases", "", readers, {}},
        {"GET", "/api/v1/cases/" + marketCase, "", readers, {}},
        {"GET", "/api/v1/cases/" + notMarket, "", only({{"clerk01", 200}, {"supervisor01", 200}}, 403), {}},
        {"GET", "/api/v1/cases/" + elsewhere->caseNumber, "", only({{"clerk01", 200}}, 403), {}},
        {"POST", "/api/v1/cases",
         R"({"definitionKey": "enterprise-opening-reference", "channel": "窗口",
             "applicant": {"name": "南京测试有限公司", "identity": "91320100MA1N0000XY"}})",
         only({{"clerk01", 201}}, 403), {}},
        {"POST", "/api/v1/commands", "{claim}", all(200),
         {{"clerk01", "forbidden"}, {"market01", "applied"}, {"supervisor01", "forbidden"}, {"designer01", "forbidden"},
          {"admin", "forbidden"}}},
        {"POST", "/api/v1/commands", "{urge}", all(200),
         {{"clerk01", "forbidden"}, {"market01", "forbidden"}, {"supervisor01", "applied"}, {"designer01", "forbidden"},
          {"admin", "forbidden"}}},
        {"GET", "/api/v1/events?limit=10", "", readers, {}},
        {"GET", "/api/v1/inbox", "", only({{"clerk01", 200}, {"market01", 200}}, 403), {}},
        {"GET", "/api/v1/metrics", "", only({{"supervisor01", 200}, {"admin", 200}}, 403), {}},
        {"GET", "/api/v1/users", "", only({{"admin", 200}}, 403), {}},
        {"POST", "/api/v1/users", R"({"login": "new01", "name": "新同事", "department": "税务局", "role": "officer"})",
         only({{"admin", 201}}, 403), {}},
        {"PUT", "/api/v1/users/market02/password", R"({"password": "another-Passw0rd"})", only({{"admin", 204}}, 403), {}},
        {"PUT", "/api/v1/users/{self}/password", "{self password}", all(204), {}},
        {"GET", "/api/v1/departments", "", all(200), {}},
        {"POST", "/api/v1/departments", R"({"code": "档案馆", "name": "南京市档案馆", "region": "320100"})",
         only({{"admin", 201}}, 403), {}},
        {"GET", "/api/v1/cases/" + marketCase + "/evaluations", "", readers, {}},
        {"POST", "/api/v1/evaluations",
         R"({"case": ")" + marketCase + R"(", "object": {"kind": "department", "id": "市场监管局"}, "level": 5,
             "channel": "window", "evaluator": {"name": "陈建国", "identity": "320113196208053451"}})",
         only({{"clerk01", 201}, {"supervisor01", 422}}, 403), {}},
        {"POST", "/api/v1/rectifications", R"({"owner": "税务局", "source": "投诉"})", only({{"supervisor01", 201}}, 403), {}},
        {"POST", "/api/v1/rectifications/" + marketCase + "/verification", R"({"kind": "立行立改", "finding": "属实"})",
         only({{"clerk01", 404}, {"market01", 404}, {"supervisor01", 404}}, 403), {}},
        {"POST", "/api/v1/appeals/" + marketCase + "/decision", R"({"upheld": true, "reason": "复核"})",
         only({{"supervisor01", 422}}, 403), {}},
        {"POST", "/api/v1/reports", R"({"report": "summary", "from": "2026-11-01", "to": "2026-11-30", "format": "csv"})",
         only({{"supervisor01", 200}}, 403), {}},
        {"DELETE", "/api/v1/sessions/current", "", all(204), {}},
    };
    int checked = 0, id = 0;
    for (const auto& role : roles) {
        Client client(server.port());
        client.signInAs(role);
        for (const auto& cell : cells) {
            auto path = std::regex_replace(cell.path, std::regex("\\{self\\}"), role);
            auto body = cell.body;
            if (body == "{claim}" || body == "{urge}")
                body = R"({"commands": [{"id": "m-)" + std::to_string(++id) + R"(", "case": ")" + marketCase +
                       R"(", "action": )" + (body == "{claim}" ? claim : urge) + "}]}";
            if (body == "{self password}")
                body = R"({"password": ")" + Workspace::passwordOf(role) + R"("})";
            const auto reply = client.send(cell.method, path, body);
            BOOST_TEST(reply.status == cell.expected.at(role), role << " " << cell.method << " " << path << ": " << reply.body);
            if (!cell.results.empty() && reply.status == 200) {
                const auto result = reply.json->getArray("results")->getObject(0);
                const auto got = result->getValue<bool>("applied") ? std::string("applied")
                                                                    : result->getObject("error")->getValue<std::string>("code");
                BOOST_TEST(got == cell.results.at(role), role << " " << cell.body << ": " << reply.body);
            }
            ++checked;
        }
    }
    BOOST_TEST(checked == static_cast<int>(roles.size() * cells.size()));
}

namespace {
/// Sends one command and says "applied", or the refusal's code.
std::string commandResult(const Client& client, const std::string& caseNumber, const std::string& action)
{
    static int id = 0;
    const auto reply = client.post("/api/v1/commands", R"({"commands": [{"id": "r-)" + std::to_string(++id) +
                                                           R"(", "case": ")" + caseNumber + R"(", "action": )" +
                                                           action + "}]}");
    BOOST_TEST_REQUIRE(reply.status == 200, reply.body);
    const auto result = reply.json->getArray("results")->getObject(0);
    return result->getValue<bool>("applied") ? std::string("applied")
                                             : result->getObject("error")->getValue<std::string>("code");
}
} // namespace

BOOST_AUTO_TEST_CASE(ASupervisorReassignsStepsAndAllowsASecondSupplementNotice)
{
    Served served;
    auto store = served.store();
    const auto [marketCase, task] = openTaskOf(*store, "市场监管局");
    Client officer(served.server.port()), colleague(served.server.port()), supervisor(served.server.port());
    officer.signInAs("market01");
    colleague.signInAs("market02");
    supervisor.signInAs("supervisor01");
    const auto number = std::to_string(task);

    BOOST_TEST(commandResult(officer, marketCase, R"({"type": "claimTask", "task": )" + number + "}") == "applied");
    const auto toColleague = R"({"type": "reassignTask", "task": )" + number + R"(, "assignee": "market02", "reason": "休假"})";
    BOOST_TEST(commandResult(colleague, marketCase, toColleague) == "forbidden");
    BOOST_TEST(commandResult(supervisor, marketCase,
                             R"({"type": "reassignTask", "task": )" + number + R"(, "assignee": "tax01", "reason": "休假"})") ==
               "invalid-data");  // not an officer of the step's department
    BOOST_TEST(commandResult(supervisor, marketCase, toColleague) == "applied");
    BOOST_TEST(commandResult(colleague, marketCase,
                             R"({"type": "completeTask", "task": )" + number + R"(, "outcome": "approve"})") == "applied");

    const std::string first = R"({"type": "requestSupplement", "materials": ["公司章程"], "note": "一次性告知"})";
    const std::string again = R"({"type": "requestSupplement", "materials": ["住所证明"], "note": "再次补正"})";
    const std::string allowed =
        R"({"type": "requestSupplement", "materials": ["住所证明"], "note": "再次补正", "repeatReason": "章程显示住所已变更"})";
    const std::string resume = R"({"type": "resumeCase", "note": "材料已补齐"})";
    // A case the applicant has not been asked to supplement yet.
    const auto fresh = store->reportQuery(
        "SELECT c.number FROM tasks t JOIN cases c ON c.id = t.case_id WHERE t.department = $1 AND t.state = 'open'"
        " AND c.number <> $2 AND NOT EXISTS (SELECT 1 FROM journal j WHERE j.case_id = c.id AND j.type = 'casePaused')"
        " ORDER BY c.id LIMIT 1",
        {std::string("市场监管局"), marketCase});
    BOOST_TEST_REQUIRE(!fresh.empty());
    const auto caseNumber = std::get<std::string>(fresh[0][0]);
    BOOST_TEST(commandResult(officer, caseNumber, first) == "applied");
    BOOST_TEST(commandResult(officer, caseNumber, resume) == "applied");
    BOOST_TEST(commandResult(officer, caseNumber, again) == "supplement-already-requested");
    BOOST_TEST(commandResult(officer, caseNumber, allowed) == "forbidden");
    BOOST_TEST(commandResult(supervisor, caseNumber, allowed) == "applied");
    const auto events = store->eventsOfCase(caseNumber);
    BOOST_TEST_REQUIRE(!events.empty());
    const auto* paused = std::get_if<workflow::CasePaused>(&events.back().what);
    BOOST_TEST_REQUIRE(paused);
    BOOST_TEST(paused->repeatReason == "章程显示住所已变更");
    BOOST_TEST(events.back().actor.user == "supervisor01");
}

BOOST_AUTO_TEST_CASE(AStepIsReassignedOnlyToSomeoneWhoWorksCasesInItsDepartment)
{
    Served served;
    auto store = served.store();
    // A step of the centre, where the supervisor, the designer and the administrator are members too.
    const auto [centreCase, task] = openTaskOf(*store, "政务服务中心");
    Client supervisor(served.server.port()), colleague(served.server.port());
    supervisor.signInAs("supervisor01");
    colleague.signInAs("clerk02");
    const auto to = [&](const std::string& login) {
        return R"({"type": "reassignTask", "task": )" + std::to_string(task) + R"(, "assignee": ")" + login +
               R"(", "reason": "窗口人手不足"})";
    };
    // None of them could take the step further, and its clerks could no longer claim it.
    for (const auto* login : {"admin", "designer01", "supervisor01"})
        BOOST_TEST(commandResult(supervisor, centreCase, to(login)) == "invalid-data", login);
    for (const auto& view : store->tasksOfCase(centreCase))
        if (view.task == static_cast<workflow::TaskNumber>(task))
            BOOST_TEST(view.assignee.empty());
    BOOST_TEST(commandResult(supervisor, centreCase, to("clerk02")) == "applied");
    BOOST_TEST(commandResult(colleague, centreCase, R"({"type": "releaseTask", "task": )" + std::to_string(task) + "}") ==
               "applied");
}

BOOST_AUTO_TEST_CASE(ASupervisorCannotSendAFirstSupplementNoticeAsASecond)
{
    Served served;
    auto store = served.store();
    const auto [marketCase, task] = openTaskOf(*store, "市场监管局");
    Client officer(served.server.port()), supervisor(served.server.port());
    officer.signInAs("market01");
    supervisor.signInAs("supervisor01");
    const auto pauses = [&] {
        return store->reportQuery("SELECT count(*) FROM journal j JOIN cases c ON c.id = j.case_id"
                                  " WHERE c.number = $1 AND j.type = 'casePaused'",
                                  {marketCase})
            .at(0)[0];
    };
    const auto before = pauses();
    // The applicant has not been asked yet: a reason for a second notice is
    // a supervisor's way around the rule that the department working on the
    // case sends the notice.
    BOOST_TEST(commandResult(supervisor, marketCase,
                             R"({"type": "requestSupplement", "materials": ["公司章程"], "note": "请补正",)"
                             R"( "repeatReason": "再次补正"})") == "invalid-data");
    BOOST_TEST((pauses() == before));
    BOOST_TEST(commandResult(officer, marketCase,
                             R"({"type": "requestSupplement", "materials": ["公司章程"], "note": "一次性告知"})") == "applied");
}

BOOST_AUTO_TEST_CASE(TheApiDescriptionNamesExactlyTheServicesRoutes)
{
    testing::SqliteBackend backend;
    server::StorePool stores(backend.location());
    server::ApiService service(stores, server::TokenIssuer(std::string(32, 'k'), std::chrono::hours{1}),
                                [] { return Instant{}; });
    std::set<std::string> routes;
    for (const auto& route : service.router().routes())
        routes.insert(route.method + " " + route.pattern);

    std::ifstream spec(std::string(TONGBAN_SOURCE_DIR) + "/docs/api/openapi.yaml");
    BOOST_TEST_REQUIRE(spec.good());
    std::set<std::string> described;
    const std::regex pathLine("^  (/[^:]+):\\s*$");
    const std::regex methodLine("^    (get|post|put|delete|patch):\\s*$");
    std::string path;
    for (std::string line; std::getline(spec, line);) {
        std::smatch match;
        if (std::regex_match(line, match, pathLine)) {
            path = match[1];
        } else if (!path.empty() && std::regex_match(line, match, methodLine)) {
            auto method = match[1].str();
            std::ranges::transform(method, method.begin(), ::toupper);
            described.insert(method + " /api/v1" + path);
        } else if (!line.empty() && line[0] != ' ') {
            path.clear();
        }
    }
    BOOST_TEST(described == routes);
}

BOOST_AUTO_TEST_SUITE_END()
