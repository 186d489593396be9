// The routes of the sync service: a method and a path pattern with
// {parameters}, matched segment by segment. An unknown path is 404, a known
// path with another method 405.
#pragma once

#include "server/api/api_message.h"

#include <functional>
#include <map>
#include <string>
#include <variant>
#include <vector>

namespace tongban::server {

template <typename Call>
class Router {
public:
    using Handler = std::function<ApiResponse(Call&)>;
    using Parameters = std::map<std::string, std::string>;

    struct Route {
        std::string method;
        std::string pattern;  ///< "/api/v1/cases/{number}"
        bool signedIn = true;  ///< whether it needs a signed-in caller
        Handler handler;
    };

    struct Match {
        const Route* route = nullptr;
        Parameters parameters;
    };

    void add(std::string method, std::string pattern, bool signedIn, Handler handler)
    {
        m_routes.push_back({std::move(method), std::move(pattern), signedIn, std::move(handler)});
    }

    std::variant<Match, ApiError> find(const std::string& method, const std::string& path) const
    {
        bool pathKnown = false;
        for (const auto& route : m_routes) {
            Parameters parameters;
            if (!matches(route.pattern, path, parameters))
                continue;
            pathKnown = true;
            if (route.method == method)
                return Match{&route, std::move(parameters)};
        }
        if (pathKnown)
            return ApiError{405, "method-not-allowed", method + " is not allowed on " + path};
        return ApiError{404, "no-such-route", "there is no route " + path};
    }

    const std::vector<Route>& routes() const { return m_routes; }

private:
    static std::vector<std::string> segments(const std::string& path)
    {
        std::vector<std::string> parts;
        std::string part;
        for (const char c : path) {
            if (c == '/') {
                if (!part.empty())
                    parts.push_back(std::move(part));
                part.clear();
            } else {
                part += c;
            }
        }
        if (!part.empty())
            parts.push_back(std::move(part));
        return parts;
    }

    static bool matches(const std::string& pattern, const std::string& path, Parameters& parameters)
    {
        const auto want = segments(pattern);
        const auto have = segments(path);
        if (want.size() != have.size())
            return false;
        for (std::size_t i = 0; i < want.size(); ++i) {
            if (want[i].size() > 2 && want[i].front() == '{' && want[i].back() == '}')
                parameters[want[i].substr(1, want[i].size() - 2)] = have[i];
            else if (want[i] != have[i])
                return false;
        }
        return true;
    }

    std::vector<Route> m_routes;
};

} // namespace tongban::server
