// The workspace's reference data as the store keeps it: departments, users
// and their roles, the one-thing catalogue, published definition versions and
// material files.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tongban::store {

struct Department {
    std::string code;
    std::string name;
    std::string region;    ///< GB/T 2260 code of the centre or district it belongs to
    std::string calendar;  ///< a saved calendar's name; empty for the store's default
    friend bool operator==(const Department&, const Department&) = default;
};

enum class Role { Clerk, Officer, Supervisor, Designer, Administrator };

/// Clerks and officers work cases: they claim, complete and are given steps.
inline bool worksCases(Role role) { return role == Role::Clerk || role == Role::Officer; }

struct User {
    std::string login;
    std::string name;
    std::string department;
    Role role = Role::Officer;
    friend bool operator==(const User&, const User&) = default;
};

/// A one thing in the workspace's catalogue, as its document says it.
struct OneThingEntry {
    std::string key;
    std::string name;
    std::string leadDepartment;
    std::string document;  ///< tongban.onething/1
};

/// A published version of a definition, as a list of them shows it.
struct DefinitionVersion {
    std::string key;
    int version = 0;
    std::string name;
};

/// A material file, stored once by the SHA-256 of its content.
struct StoredFile {
    std::string sha256;
    std::string mediaType;
    std::uint64_t size = 0;
};

const char* toString(Role role);
std::optional<Role> roleFromString(std::string_view text);

} // namespace tongban::store
