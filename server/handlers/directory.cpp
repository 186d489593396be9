// Users and departments: listed for every signed-in caller, changed by
// administrators; a password set by its owner or an administrator.
#include "server/handlers/handlers.h"

#include "server/handlers/handler_support.h"

#include <algorithm>

namespace tongban::server::handlers {

namespace {

Object departmentJson(const store::Department& department)
{
    auto json = object();
    json->set("code", department.code);
    json->set("name", department.name);
    json->set("region", department.region);
    return json;
}

} // namespace

ApiResponse users(ApiCall& call)
{
    require(call, Capability::ManageUsers, "manage users");
    return listResponse("users", call.store.users(), userJson);
}

ApiResponse saveUser(ApiCall& call)
{
    require(call, Capability::ManageUsers, "manage users");
    auto reader = bodyReader(call);
    store::User user;
    user.login = reader.requireString("login");
    user.name = reader.requireString("name");
    user.department = reader.requireString("department");
    user.role = reader.requireEnum("role", store::roleFromString, "role");
    reader.finish();
    if (user.login.empty() || user.name.empty())
        refuse(422, "invalid", "a user needs a login and a name");
    if (regionOf(call.store, user.department).empty())
        refuse(422, "invalid", "there is no department " + user.department);
    const auto& admin = callerOf(call).user;
    call.service.stores.writer()->saveUser(user, {admin.login, admin.department}, call.now);
    return jsonResponse(userJson(user), 201);
}

ApiResponse setUserPassword(ApiCall& call)
{
    const auto& login = call.parameters.at("login");
    if (!maySetPassword(callerOf(call), login))
        refuse(403, "forbidden", "only an administrator sets another user's password");
    auto reader = bodyReader(call);
    const auto password = reader.requireString("password");
    reader.finish();
    if (const auto set = setPassword(call.store, login, password, call.service.settings.passwordIterations); !set) {
        const bool noSuchUser = set.error().kind == PasswordError::Kind::NoSuchUser;
        refuse(noSuchUser ? 404 : 422, noSuchUser ? "user-not-found" : "weak-password", set.error().message);
    }
    return noContent();
}

ApiResponse departments(ApiCall& call)
{
    return listResponse("departments", call.store.departments(), departmentJson);
}

ApiResponse saveDepartment(ApiCall& call)
{
    require(call, Capability::ManageUsers, "manage departments");
    auto reader = bodyReader(call);
    store::Department department;
    department.code = reader.requireString("code");
    department.name = reader.requireString("name");
    department.region = reader.requireString("region");
    reader.finish();
    if (department.code.empty() || department.name.empty())
        refuse(422, "invalid", "a department needs a code and a name");
    if (department.region.size() != 6 || !std::ranges::all_of(department.region, [](char c) { return c >= '0' && c <= '9'; }))
        refuse(422, "invalid", "a region code has six digits, not '" + department.region + "'");
    const auto& admin = callerOf(call).user;
    call.service.stores.writer()->saveDepartment(department, {admin.login, admin.department}, call.now);
    return jsonResponse(departmentJson(department), 201);
}

} // namespace tongban::server::handlers
