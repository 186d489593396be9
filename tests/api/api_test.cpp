// The sync service through its HTTP API, the real server process on
// 127.0.0.1: every route, every error status, commands applied once and
// checked against the case version, the event feed, and who may do what.
#include "client/sync/server_connection.h"
#include "server/api/api_service.h"
#include "tests/support/served.h"
#include "tests/support/backends.h"

#include <Poco/JSON/Array.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <Poco/StreamCopier.h>

#include <boost/test/unit_test.hpp>

#include <fstream>
#include <regex>
#include <set>
#include <thread>

using namespace tongban;
using namespace tongban::testing;

namespace {

/// A case in which `department` has had no task.
std::string caseWithout(store::Store& store, const std::string& department)
{
    const auto rows = store.reportQuery("SELECT c.number FROM cases c WHERE NOT EXISTS (SELECT 1 FROM tasks t"
                                        " WHERE t.case_id = c.id AND t.department = $1) ORDER BY c.id LIMIT 1",
                                        {department});
    BOOST_TEST_REQUIRE(!rows.empty(), "a case without " << department);
    return std::get<std::string>(rows[0][0]);
}

std::string command(const std::string& id, const std::string& caseNumber, const std::string& action,
                    std::optional<std::uint64_t> version = std::nullopt)
{
    return R"({"commands": [{"id": ")" + id + R"(", "case": ")" + caseNumber + "\"" +
           (version ? ", \"version\": " + std::to_string(*version) : std::string()) + R"(, "action": )" + action + "}]}";
}

Poco::JSON::Object::Ptr firstResult(const Reply& reply)
{
    BOOST_TEST_REQUIRE(reply.status == 200, reply.body);
    return reply.json->getArray("results")->getObject(0);
}

std::string resultCode(const Reply& reply)
{
    const auto result = firstResult(reply);
    return result->getValue<bool>("applied") ? std::string("applied") : result->getObject("error")->getValue<std::string>("code");
}

std::uint64_t caseVersion(const Client& client, const std::string& number)
{
    const auto reply = client.get("/api/v1/cases/" + number);
    BOOST_TEST_REQUIRE(reply.status == 200, reply.body);
    return reply.json->getValue<std::uint64_t>("version");
}

} // namespace

BOOST_AUTO_TEST_SUITE(Api)

BOOST_AUTO_TEST_CASE(SigningInOutAndLockingAfterRepeatedFailures)
{
    Served served(std::map<std::string, std::string>{{"signin.lock_after", "5"}});
    auto client = served.client();
    const auto health = client.get("/api/v1/health");
    BOOST_TEST(health.status == 200);
    BOOST_TEST(health.json->getValue<std::string>("status") == "ok");

    BOOST_TEST(client.get("/api/v1/me").errorCode() == "missing-token");
    client.setToken("not-a-token");
    BOOST_TEST(client.get("/api/v1/me").status == 401);
    BOOST_TEST(client.get("/api/v1/me").errorCode() == "invalid-token");

    const auto wrong = client.signIn("market01", "guessed-wrong");
    BOOST_TEST(wrong.status == 401);
    BOOST_TEST(wrong.errorCode() == "bad-credentials");
    BOOST_TEST(client.signIn("nobody", "guessed-wrong").body == wrong.body);  // an unknown login looks the same

    client.signInAs("market01");
    const auto me = client.get("/api/v1/me");
    BOOST_TEST(me.status == 200);
    BOOST_TEST(me.json->getValue<std::string>("department") == "市场监管局");
    BOOST_TEST(me.json->getValue<std::string>("role") == "officer");
    BOOST_TEST(client.send("DELETE", "/api/v1/sessions/current").status == 204);
    BOOST_TEST(client.get("/api/v1/me").errorCode() == "signed-out");

    // One failure was before the success that cleared it; five in a row lock.
    for (int i = 0; i < 4; ++i)
        BOOST_TEST(client.signIn("market01", "guessed-wrong").errorCode() == "bad-credentials");
    const auto locked = client.signIn("market01", "guessed-wrong");
    BOOST_TEST(locked.status == 423);
    BOOST_TEST(locked.errorCode() == "account-locked");
    BOOST_TEST(client.signIn("market01", Workspace::passwordOf("market01")).status == 423);
    BOOST_TEST(client.signIn("market02", Workspace::passwordOf("market02")).status == 201);  // others are not locked
}

BOOST_AUTO_TEST_CASE(AnExpiredTokenIsRefused)
{
    Served served(std::map<std::string, std::string>{{"token.lifetime_seconds", "1"}});
    auto client = served.client();
    client.signInAs("clerk01");
    BOOST_TEST(client.get("/api/v1/me").status == 200);
    std::this_thread::sleep_for(std::chrono::milliseconds(2100));
    BOOST_TEST(client.get("/api/v1/me").errorCode() == "expired-token");
}

BOOST_AUTO_TEST_CASE(APasswordForNoUserOrTooWeakIsRefusedByKind)
{
    Served served;
    auto admin = served.client();
    admin.signInAs("admin");
    const auto missing = admin.send("PUT", "/api/v1/users/nobody/password", R"({"password": "another-Passw0rd"})");
    BOOST_TEST(missing.status == 404);
    BOOST_TEST(missing.errorCode() == "user-not-found");
    BOOST_TEST(missing.body.find("there is no user nobody") != std::string::npos, missing.body);
    const auto weak = admin.send("PUT", "/api/v1/users/market02/password", R"({"password": "12345678"})");
    BOOST_TEST(weak.status == 422);
    BOOST_TEST(weak.errorCode() == "weak-password");
    BOOST_TEST(weak.body.find("a password is not digits only") != std::string::npos, weak.body);
}

BOOST_AUTO_TEST_CASE(EveryClientMistakeIsA4xxThatNamesIt)
{
    Served served(std::map<std::string, std::string>{{"body.limit_bytes", "2000"}});
    auto client = served.client();
    client.signInAs("market01");
    const auto [number, task] = openTaskOf(*served.store(), "市场监管局");
    const auto expect = [&](const Reply& reply, int status, const std::string& code, const std::string& mentions = {}) {
        BOOST_TEST(reply.status == status, reply.body);
        BOOST_TEST(reply.errorCode() == code, reply.body);
        if (!mentions.empty())
            BOOST_TEST(reply.body.find(mentions) != std::string::npos, reply.body << " mentions " << mentions);
    };
    expect(client.post("/api/v1/commands", "{not json"), 400, "malformed-json", "line 1");
    expect(client.post("/api/v1/commands", "[1, 2]"), 400, "malformed-json");
    expect(client.send("POST", "/api/v1/commands"), 400, "empty-body");
    expect(client.post("/api/v1/commands", R"({"commands": [], "extra": 1})"), 400, "invalid-field", "extra");
    expect(client.post("/api/v1/commands", command("a1", number, R"({"type": "claimTask", "task": "one"})")), 400,
           "invalid-field", "commands[0].action.task");
    expect(client.post("/api/v1/commands", command("a1", number, R"({"type": "fly"})")), 400, "invalid-field",
           "unknown command type");
    expect(client.post("/api/v1/commands", R"({"commands": [)" + std::string(3000, ' ') + "]}"), 413, "body-too-large");
    expect(client.get("/api/v1/nowhere"), 404, "no-such-route");
    expect(client.send("PATCH", "/api/v1/cases"), 405, "method-not-allowed");
    expect(client.get("/api/v1/cases?limit=many"), 400, "invalid-parameter", "limit");
    expect(client.get("/api/v1/cases?state=flying"), 400, "invalid-parameter", "flying");
    expect(client.get("/api/v1/cases/320100-20990101-000001"), 404, "case-not-found");
    expect(client.get("/api/v1/definitions/enterprise-opening-reference/x"), 400, "invalid-parameter");
    expect(client.get("/api/v1/definitions/none/1"), 404, "definition-not-found");
    expect(client.get("/api/v1/users"), 403, "forbidden");
    expect(client.post("/api/v1/sessions", R"({"login": "market01"})"), 400, "invalid-field", "password");
    // A malformed batch applies nothing of it.
    const auto before = caseVersion(client, number);
    const auto claim = R"({"type": "claimTask", "task": )" + std::to_string(task) + "}";
    expect(client.post("/api/v1/commands", R"({"commands": [{"id": "ok", "case": ")" + number + R"(", "action": )" + claim +
                                               R"(}, {"id": "bad", "case": ")" + number + R"("}]})"),
           400, "invalid-field", "commands[1].action");
    BOOST_TEST(caseVersion(client, number) == before);
}

BOOST_AUTO_TEST_CASE(ACommandIsAppliedOnceAndAStaleOneIsAConflict)
{
    Served served;
    auto client = served.client();
    client.signInAs("market01");
    auto store = served.store();
    const auto [number, task] = openTaskOf(*store, "市场监管局");
    const auto version = caseVersion(client, number);
    const auto claim = R"({"type": "claimTask", "task": )" + std::to_string(task) + "}";

    const auto first = client.post("/api/v1/commands", command("c-1", number, claim, version));
    BOOST_TEST(resultCode(first) == "applied");
    const auto after = firstResult(first)->getValue<std::uint64_t>("version");
    BOOST_TEST(after > version);
    // The same identifier again: the same answer, nothing applied twice.
    const auto again = client.post("/api/v1/commands", command("c-1", number, claim, version));
    BOOST_TEST(again.body == first.body);
    BOOST_TEST(caseVersion(client, number) == after);
    // A new command on the version seen before the claim: stale.
    const auto release = R"({"type": "releaseTask", "task": )" + std::to_string(task) + "}";
    const auto stale = client.post("/api/v1/commands", command("c-2", number, release, version));
    BOOST_TEST(resultCode(stale) == "stale-version");
    BOOST_TEST(firstResult(stale)->getObject("error")->getValue<int>("status") == 409);
    BOOST_TEST(client.post("/api/v1/commands", command("c-2", number, release, version)).body == stale.body);
    // On the current version it goes through; completing needs the claim again.
    BOOST_TEST(resultCode(client.post("/api/v1/commands", command("c-3", number, release, after))) == "applied");
    BOOST_TEST(resultCode(client.post("/api/v1/commands", command("c-4", "320100-20990101-000001", claim))) ==
               "case-not-found");
    // The journal keeps one claim and one release.
    std::size_t claims = 0;
    for (const auto& event : store->eventsOfCase(number))
        claims += std::holds_alternative<workflow::TaskClaimed>(event.what) ? 1 : 0;
    BOOST_TEST(claims == 1u);
    BOOST_TEST(store->verifyJournal().intact);
}

BOOST_AUTO_TEST_CASE(TheEventFeedPagesThroughWhatTheCallerMaySee)
{
    Served served;
    auto store = served.store();
    auto officer = served.client();
    officer.signInAs("police01");
    std::set<std::string> seen;
    std::uint64_t after = 0, events = 0, pages = 0;
    for (;; ++pages) {
        const auto reply = officer.get("/api/v1/events?after=" + std::to_string(after) + "&limit=50");
        BOOST_TEST_REQUIRE(reply.status == 200, reply.body);
        const auto list = reply.json->getArray("events");
        for (std::size_t i = 0; i < list->size(); ++i) {
            const auto event = list->getObject(static_cast<unsigned>(i));
            BOOST_TEST(event->getValue<std::uint64_t>("seq") > after);
            seen.insert(event->getValue<std::string>("case"));
            ++events;
        }
        const auto next = reply.json->getValue<std::uint64_t>("next");
        if (next == after)
            break;
        after = next;
    }
    BOOST_TEST(pages > 2u);
    // Exactly the cases 公安局 took part in.
    std::set<std::string> expected;
    for (const auto& row : store->reportQuery("SELECT DISTINCT c.number FROM cases c JOIN tasks t ON t.case_id = c.id"
                                              " WHERE t.department = $1",
                                              {std::string("公安局")}))
        expected.insert(std::get<std::string>(row[0]));
    BOOST_TEST(seen == expected);
    BOOST_TEST(!seen.contains(caseWithout(*store, "公安局")));

    auto supervisor = served.client();
    supervisor.signInAs("supervisor01");
    const auto all = supervisor.get("/api/v1/events?limit=1000");
    BOOST_TEST(all.json->getArray("events")->size() > 50u);
    auto admin = served.client();
    admin.signInAs("admin");
    BOOST_TEST(admin.get("/api/v1/events").status == 403);
}

BOOST_AUTO_TEST_CASE(ASignedOutTokenIsRefusedAtOnceHoweverItIsWritten)
{
    Served served;
    auto officer = served.client();
    officer.signInAs("market01");
    // The same token with the padding JWT readers accept: one session.
    auto padded = served.client();
    padded.setToken(officer.token() + "=");
    BOOST_TEST_REQUIRE(padded.get("/api/v1/me").status == 200);
    BOOST_TEST(officer.send("DELETE", "/api/v1/sessions/current").status == 204);
    BOOST_TEST(padded.get("/api/v1/me").errorCode() == "signed-out");
    BOOST_TEST(officer.get("/api/v1/me").errorCode() == "signed-out");
}

BOOST_AUTO_TEST_CASE(ABadEvaluationIsRectifiedAppealedRevisitedAndReportedOn)
{
    Served served;
    auto store = served.store();
    const auto [number, task] = openTaskOf(*store, "市场监管局");
    auto clerk = served.client(), market = served.client(), police = served.client(), supervisor = served.client();
    clerk.signInAs("clerk01");
    market.signInAs("market01");
    police.signInAs("police01");
    supervisor.signInAs("supervisor01");

    const auto evaluation = R"({"case": ")" + number + R"(", "object": {"kind": "department", "id": "市场监管局"},
        "level": 1, "channel": "window", "reasonTags": ["办理时间长"], "comment": "等了很久",
        "evaluator": {"name": "陈建国", "identity": "320113196208053451", "phone": "13812345678"}})";
    BOOST_TEST(market.post("/api/v1/evaluations", evaluation).status == 403);  // entered at the window
    const auto recorded = clerk.post("/api/v1/evaluations", evaluation);
    BOOST_TEST_REQUIRE(recorded.status == 201, recorded.body);
    const auto rectification = recorded.json->getValue<std::string>("rectification");
    BOOST_TEST(!rectification.empty());
    const auto again = clerk.post("/api/v1/evaluations", evaluation);
    BOOST_TEST(again.status == 422);
    BOOST_TEST(again.body.find("evaluated already") != std::string::npos, again.body);
    // The owning department sees who evaluated, to contact them.
    const auto seen = market.get("/api/v1/cases/" + number + "/evaluations");
    BOOST_TEST_REQUIRE(seen.status == 200, seen.body);
    BOOST_TEST(seen.body.find("13812345678") != std::string::npos);

    const auto step = [&](Client& who, const std::string& what, const std::string& body) {
        return who.post("/api/v1/rectifications/" + rectification + "/" + what, body);
    };
    // The loop's steps go through the evaluation desk's routes, with their
    // checks: never as plain commands, even by the department at the step.
    const auto tasks = supervisor.get("/api/v1/cases/" + rectification).json->getArray("tasks");
    const auto verifyTask = std::to_string(tasks->getObject(0)->getValue<int>("task"));
    for (auto* who : {&market, &clerk}) {
        const auto claimed = who->post("/api/v1/commands", command("rect-claim-" + std::to_string(who == &clerk), rectification,
                                                                   R"({"type": "claimTask", "task": )" + verifyTask + "}"));
        BOOST_TEST(resultCode(claimed) == "forbidden", claimed.body);
        const auto completed = who->post(
            "/api/v1/commands", command("rect-complete-" + std::to_string(who == &clerk), rectification,
                                        R"({"type": "completeTask", "task": )" + verifyTask +
                                            R"(, "outcome": "approve", "data": {"rectification.kind": "申诉"}})"));
        BOOST_TEST(resultCode(completed) == "forbidden", completed.body);
    }
    BOOST_TEST(step(police, "verification", R"({"kind": "申诉", "finding": "误评"})").status == 403);
    BOOST_TEST(step(market, "verification", R"({"kind": "飞", "finding": "误评"})").status == 400);
    BOOST_TEST(step(market, "verification", R"({"kind": "申诉", "finding": "误评"})").status == 204);
    BOOST_TEST(market.post("/api/v1/appeals/" + rectification + "/decision", R"({"upheld": true, "reason": "x"})").status == 403);
    BOOST_TEST(supervisor.post("/api/v1/appeals/" + rectification + "/decision", R"({"upheld": false, "reason": "证据不足"})")
                   .status == 204);
    BOOST_TEST(step(market, "reply", R"({"reply": "已电话致歉并加快办理"})").status == 204);
    BOOST_TEST(step(market, "revisit", R"({"satisfied": true})").status == 403);  // the centre revisits
    BOOST_TEST(step(clerk, "revisit", R"({"satisfied": true, "note": "满意"})").status == 204);
    BOOST_TEST(step(clerk, "revisit", R"({"satisfied": true})").errorCode() == "not-at-step");
    BOOST_TEST(step(clerk, "dance", "{}").status == 404);
    BOOST_TEST(supervisor.get("/api/v1/cases/" + rectification).json->getValue<std::string>("status") == "completed");

    const auto opened = supervisor.post("/api/v1/rectifications", R"({"owner": "税务局", "source": "投诉"})");
    BOOST_TEST(opened.status == 201, opened.body);
    BOOST_TEST(clerk.post("/api/v1/rectifications", R"({"owner": "税务局", "source": "投诉"})").status == 403);

    // A report counts what happened before the second it is made in.
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));
    const auto report = [&](const std::string& format, const std::string& name = "rectification") {
        return supervisor.post("/api/v1/reports", R"({"report": ")" + name +
                                                      R"(", "from": "2026-11-01", "to": "2026-12-31", "format": ")" +
                                                      format + R"("})");
    };
    const auto csv = report("csv");
    BOOST_TEST_REQUIRE(csv.status == 200, csv.body);
    BOOST_TEST(csv.contentType.starts_with("text/csv"));
    BOOST_TEST(csv.body.find("差评整改情况") != std::string::npos);
    BOOST_TEST(csv.body.find("差评整改,1") != std::string::npos, csv.body.substr(0, 600));
    const auto pdf = report("pdf");
    BOOST_TEST(pdf.body.starts_with("%PDF"));
    BOOST_TEST(pdf.contentType == "application/pdf");
    BOOST_TEST(report("csv", "nonsense").errorCode() == "invalid-field");
    BOOST_TEST(report("doc").errorCode() == "invalid-field");
    BOOST_TEST(market.post("/api/v1/reports", R"({"report": "summary", "from": "2026-11-01", "to": "2026-11-30"})").status == 403);
}

BOOST_AUTO_TEST_CASE(BeyondLoopbackTheServiceNeedsTlsAndABadConfigurationIsSaid)
{
    testing::SqliteBackend backend;
    Workspace workspace(backend.location(), 5);
    const auto folder = std::filesystem::path(backend.location()).parent_path();
    const auto serve = [&](const std::string& config) {
        Poco::Pipe errors;
        auto process = Poco::Process::launch(TONGBAN_SERVER_PROGRAM, {"serve", "--config", config}, nullptr, nullptr, &errors);
        Poco::PipeInputStream stream(errors);
        std::string text;
        Poco::StreamCopier::copyToString(stream, text);
        return std::pair{process.wait(), text};
    };
    const auto [missingCode, missing] = serve((folder / "nowhere.properties").string());
    BOOST_TEST(missingCode == 2);
    BOOST_TEST(missing.find("there is no configuration file") != std::string::npos, missing);
    const auto open = folder / "open.properties";
    std::ofstream(open) << "listen = 0.0.0.0:0\ndatabase = " << backend.location() << "\ntoken.secret_file = "
                        << (folder / "token.key").string() << "\n";
    const auto [openCode, refused] = serve(open.string());
    BOOST_TEST(openCode == 2);
    BOOST_TEST(refused.find("beyond loopback needs TLS") != std::string::npos, refused);
    const auto noDatabase = folder / "nodb.ini";
    std::ofstream(noDatabase) << "listen = 127.0.0.1:0\n";
    BOOST_TEST(serve(noDatabase.string()).second.find("names no database") != std::string::npos);

    // With a certificate the service speaks HTTPS only.
    const auto certificate = (folder / "cert.pem").string(), key = (folder / "key.pem").string();
    Poco::Pipe progress;  // openssl reports its key generation on stderr
    const auto made = Poco::Process::launch("/usr/bin/openssl", {"req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key,
                                                                 "-out", certificate, "-days", "1", "-subj", "/CN=127.0.0.1"},
                                            nullptr, nullptr, &progress);
    Poco::PipeInputStream drained(progress);
    std::string ignored;
    Poco::StreamCopier::copyToString(drained, ignored);
    BOOST_TEST_REQUIRE(made.wait() == 0, ignored);
    RunningServer server(backend.location(), {{"tls.certificate", certificate}, {"tls.key", key}});
    Poco::Net::Context::Ptr trusting = new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, "", "", certificate,
                                                              Poco::Net::Context::VERIFY_RELAXED);
    Poco::Net::HTTPSClientSession session("127.0.0.1", static_cast<Poco::UInt16>(server.port()), trusting);
    Poco::Net::HTTPRequest request("GET", "/api/v1/health", Poco::Net::HTTPMessage::HTTP_1_1);
    session.sendRequest(request);
    Poco::Net::HTTPResponse response;
    std::string body;
    Poco::StreamCopier::copyToString(session.receiveResponse(response), body);
    BOOST_TEST(static_cast<int>(response.getStatus()) == 200);
    BOOST_TEST(body.find("\"status\":\"ok\"") != std::string::npos, body);
    // A desktop that trusts the centre's certificate signs in; one that does not is told it cannot reach the server.
    client::ServerConnection desktop("https://127.0.0.1:" + std::to_string(server.port()), std::chrono::seconds{5}, certificate);
    BOOST_TEST(desktop.signIn("market01", Workspace::passwordOf("market01")).has_value());
    client::ServerConnection stranger("https://127.0.0.1:" + std::to_string(server.port()), std::chrono::seconds{5});
    const auto untrusted = stranger.signIn("market01", Workspace::passwordOf("market01"));
    BOOST_TEST_REQUIRE(!untrusted.has_value());
    BOOST_TEST(!untrusted.error().reached);
    // Plain HTTP to it does not get an answer.
    BOOST_CHECK_THROW(Client(server.port()).get("/api/v1/health"), Poco::Exception);
}

BOOST_AUTO_TEST_SUITE_END()
