// Requests as they come off the wire, before any route: the method, the
// address decoded, the token taken out, and every answer to a bad one itself
// JSON that a desktop can read. The bad ones are what the request fuzzer
// found (kept in tests/data/fuzz-findings/api-*.txt).
#include "server/api/api_service.h"
#include "server/auth/tokens.h"
#include "workflow/json/json_document.h"

#include "tests/support/backends.h"

#include <boost/test/unit_test.hpp>

using namespace tongban;

namespace {

std::string errorCodeOf(const server::ApiResponse& answer)
{
    const auto body = workflow::json::parse(answer.body);
    BOOST_TEST_REQUIRE(body.has_value(), "not JSON: " << answer.body);
    return body->extract<Poco::JSON::Object::Ptr>()->getObject("error")->getValue<std::string>("code");
}

} // namespace

BOOST_AUTO_TEST_SUITE(ApiRequests)

BOOST_AUTO_TEST_CASE(TheAddressIsDecodedAndTheTokenTakenOut)
{
    const auto request = server::readRequest(
        "GET", "/api/v1/cases/320100-20261127-000001?department=%E5%B8%82%E5%9C%BA%E7%9B%91%E7%AE%A1%E5%B1%80&limit=5",
        "Bearer abc.def.ghi");
    BOOST_TEST_REQUIRE(request.has_value());
    BOOST_TEST(request->method == "GET");
    BOOST_TEST(request->path == "/api/v1/cases/320100-20261127-000001");
    BOOST_TEST(request->query.at("department") == "市场监管局");
    BOOST_TEST(request->query.at("limit") == "5");
    BOOST_TEST(request->bearerToken == "abc.def.ghi");
    BOOST_TEST(server::readRequest("GET", "/api/v1/me", "Basic eDp5")->bearerToken.empty());
}

BOOST_AUTO_TEST_CASE(ARefusedTokenSaysWhyByKind)
{
    using Kind = server::TokenError::Kind;
    const server::TokenIssuer issuer(std::string(32, 'k'), std::chrono::hours{1});
    const auto now = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
    const auto issued = issuer.issue("clerk01", now);
    BOOST_TEST(issuer.verify(issued.token, now)->login == "clerk01");
    const auto expired = issuer.verify(issued.token, now + std::chrono::hours{2});
    BOOST_TEST_REQUIRE(!expired.has_value());
    BOOST_TEST((expired.error().kind == Kind::Expired));
    BOOST_TEST(expired.error().message == "the token has expired");
    const server::TokenIssuer other(std::string(32, 'o'), std::chrono::hours{1});
    BOOST_TEST((other.verify(issued.token, now).error().kind == Kind::BadSignature));
    BOOST_TEST((issuer.verify("not-a-token", now).error().kind == Kind::NotSigned));
}

BOOST_AUTO_TEST_CASE(BadRequestLinesAreRefusedWithWhatIsWrong)
{
    const auto refusal = [](const std::string& method, const std::string& target) {
        const auto request = server::readRequest(method, target, "");
        BOOST_TEST_REQUIRE(!request.has_value(), method << " " << target << " was taken");
        BOOST_TEST(request.error().status == 400);
        BOOST_TEST(request.error().code == "malformed-request");
        BOOST_TEST(errorCodeOf(server::errorResponse(request.error())) == "malformed-request");
        return request.error().message;
    };
    BOOST_TEST(refusal("P\xB4T", "/api/v1/me") == "the request's method is not an HTTP token");
    BOOST_TEST(refusal("GET /x", "/api/v1/me") == "the request's method is not an HTTP token");
    BOOST_TEST(refusal("GET", "/api/v1/cases/32\xB4") == "the request's address is not UTF-8");
    BOOST_TEST(refusal("GET", "/api/v1/cases/32%B4") == "the request's path is not UTF-8 once decoded");
    BOOST_TEST(refusal("GET", "/api/v1/cases?applicant=%E5%B8") == "the request's query is not UTF-8 once decoded");
    BOOST_TEST(refusal("GET", "/api/v1/cases/%E5%B").starts_with("the request's address does not read"));
}

BOOST_AUTO_TEST_CASE(AMalformedBodyIsAnsweredInJson)
{
    testing::SqliteBackend backend;
    server::StorePool stores(backend.location());
    server::ApiService service(stores, server::TokenIssuer(std::string(32, 'k'), std::chrono::hours{1}),
                                [] { return workflow::Instant{}; });
    // Half of "材" where the password's text should be: the parser's message quotes the byte.
    const auto answer = service.handle({"POST", "/api/v1/sessions", {}, "{\"login\": \"clerk01\", \"password\": \xE6}", ""});
    BOOST_TEST(answer.status == 400);
    BOOST_TEST(errorCodeOf(answer) == "malformed-json");
}

BOOST_AUTO_TEST_SUITE_END()
