// Reading JSON text with errors that name the line and column, on Poco::JSON.
#pragma once

#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <expected>
#include <optional>
#include <vector>
#include <string>
#include <string_view>

namespace tongban::workflow::json {

/// Where a document went wrong: a 1-based line and column (0 when the fault is
/// not at one spot) or a path to the member ("nodes[2].timeLimit.unit").
struct JsonError {
    std::size_t line = 0;
    std::size_t column = 0;
    std::string path;
    std::string message;

    std::string describe() const;
};

/// Whether `text` is well-formed UTF-8, as JSON text must be.
bool isUtf8(std::string_view text);

/// `text` with each byte that is not part of well-formed UTF-8 written as
/// \xNN, so that a message quoting bad input can itself be sent as JSON.
std::string showingBadBytes(std::string_view text);

/// Parses one JSON document. Nesting is limited so hostile input cannot blow the stack.
std::expected<Poco::Dynamic::Var, JsonError> parse(std::string_view text);

/// Thrown by ObjectReader for a member of the wrong type, missing or unknown;
/// readers catch it at their edge and return it as a JsonError value.
struct JsonFormatError {
    JsonError error;
};

/// Throws the JsonFormatError of a member at `path`: readers of formats call
/// it for faults that only they can see (a bad reference, a value out of range).
[[noreturn]] void failAt(const std::string& path, const std::string& message);

/// Typed access to a JSON object that records the path for error messages and
/// rejects members nobody asked for (a misspelt key must not pass silently).
class ObjectReader {
public:
    ObjectReader(Poco::JSON::Object::Ptr object, std::string path);

    bool has(const std::string& key) const;
    std::string requireString(const std::string& key);
    std::string optionalString(const std::string& key, std::string fallback = {});
    int requireInt(const std::string& key);
    std::optional<int> optionalInt(const std::string& key);
    std::optional<double> optionalNumber(const std::string& key);
    double requireNumber(const std::string& key);
    bool optionalBool(const std::string& key, bool fallback);
    Poco::JSON::Array::Ptr optionalArray(const std::string& key);
    Poco::JSON::Array::Ptr requireArray(const std::string& key);
    /// An optional array of strings; empty when absent.
    std::vector<std::string> optionalStrings(const std::string& key);
    ObjectReader requireObject(const std::string& key);
    /// A string member naming one value of an enumeration, read with `parse`.
    template <typename Enum>
    Enum requireEnum(const std::string& key, std::optional<Enum> (*parse)(std::string_view), const std::string& what)
    {
        const auto text = requireString(key);
        if (const auto value = parse(text))
            return *value;
        throw JsonFormatError{JsonError{0, 0, memberPath(key), "unknown " + what + " '" + text + "'"}};
    }
    std::optional<ObjectReader> optionalObject(const std::string& key);
    const std::string& path() const { return m_path; }
    std::string memberPath(const std::string& key) const;
    Poco::JSON::Object::Ptr object() const { return m_object; }

    /// Throws JsonFormatError naming the first member that was never read.
    void finish() const;

private:
    Poco::Dynamic::Var get(const std::string& key, const char* expected);

    Poco::JSON::Object::Ptr m_object;
    std::string m_path;
    std::vector<std::string> m_seen;
};

/// The object at `path`, or a JsonFormatError.
ObjectReader asObject(const Poco::Dynamic::Var& value, const std::string& path);

/// A compact, deterministic rendering with object keys in insertion order.
std::string stringify(const Poco::JSON::Object::Ptr& object, unsigned indent = 2);

} // namespace tongban::workflow::json
