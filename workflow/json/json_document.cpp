// JSON parsing with positions, and strict typed member access.
#include "workflow/json/json_document.h"

#include <Poco/JSON/JSONException.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>
#include <Poco/UTF8Encoding.h>

#include <algorithm>
#include <sstream>

namespace tongban::workflow::json {

namespace {
constexpr std::size_t kMaxDepth = 128;

JsonFormatError formatError(std::string path, std::string message)
{
    return JsonFormatError{JsonError{0, 0, std::move(path), std::move(message)}};
}
} // namespace

std::string JsonError::describe() const
{
    std::string text;
    if (line > 0)
        text = "line " + std::to_string(line) + ", column " + std::to_string(column) + ": ";
    if (!path.empty())
        text += path + ": ";
    return text + message;
}

namespace {

/// The length of the well-formed UTF-8 sequence at the start of `text`, or 0.
std::size_t sequenceAt(std::string_view text)
{
    const auto lead = static_cast<unsigned char>(text.front());
    const std::size_t length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 0;
    if (length == 0 || length > text.size())
        return 0;
    return Poco::UTF8Encoding::isLegal(reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(length))
               ? length
               : 0;
}

} // namespace

bool isUtf8(std::string_view text)
{
    while (!text.empty()) {
        const auto length = sequenceAt(text);
        if (length == 0)
            return false;
        text.remove_prefix(length);
    }
    return true;
}

std::string showingBadBytes(std::string_view text)
{
    std::string shown;
    while (!text.empty()) {
        if (const auto length = sequenceAt(text)) {
            shown.append(text.substr(0, length));
            text.remove_prefix(length);
        } else {
            static constexpr char kHex[] = "0123456789ABCDEF";
            const auto byte = static_cast<unsigned char>(text.front());
            shown += {'\\', 'x', kHex[byte >> 4], kHex[byte & 0xF]};
            text.remove_prefix(1);
        }
    }
    return shown;
}

std::expected<Poco::Dynamic::Var, JsonError> parse(std::string_view text)
{
    Poco::JSON::Parser parser;
    parser.setDepth(kMaxDepth);
    std::istringstream in{std::string(text)};
    try {
        return parser.parse(in);
    } catch (const Poco::Exception& e) {
        // Poco does not report where it stopped; the stream does. The reader
        // has consumed the offending byte, so the fault is the byte before.
        in.clear();
        const auto consumed = in.tellg();
        std::size_t offset = consumed > 0 ? static_cast<std::size_t>(consumed) : text.size();
        offset = std::min(offset, text.size());
        if (offset > 0)
            --offset;
        std::size_t line = 1, column = 1;
        for (std::size_t i = 0; i < offset; ++i) {
            if (text[i] == '\n') {
                ++line;
                column = 1;
            } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
                ++column;
            }
        }
        // Poco quotes the byte it stopped at, which may be half a character.
        std::string message = showingBadBytes(e.message().empty() ? e.displayText() : e.message());
        if (text.find_first_not_of(" \t\r\n") == std::string_view::npos)
            message = "the document is empty";
        return std::unexpected(JsonError{line, column, {}, "invalid JSON: " + message});
    }
}

void failAt(const std::string& path, const std::string& message) { throw formatError(path, message); }

ObjectReader::ObjectReader(Poco::JSON::Object::Ptr object, std::string path)
    : m_object(std::move(object)), m_path(std::move(path)) {}

std::string ObjectReader::memberPath(const std::string& key) const
{
    return m_path.empty() ? key : m_path + "." + key;
}

bool ObjectReader::has(const std::string& key) const
{
    return m_object->has(key) && !m_object->isNull(key);
}

Poco::Dynamic::Var ObjectReader::get(const std::string& key, const char* expected)
{
    m_seen.push_back(key);
    if (!m_object->has(key))
        throw formatError(memberPath(key), std::string("missing; expected ") + expected);
    return m_object->get(key);
}

std::string ObjectReader::requireString(const std::string& key)
{
    auto value = get(key, "a string");
    if (!value.isString())
        throw formatError(memberPath(key), "expected a string");
    return value.extract<std::string>();
}

std::string ObjectReader::optionalString(const std::string& key, std::string fallback)
{
    if (!has(key)) {
        m_seen.push_back(key);
        return fallback;
    }
    return requireString(key);
}

int ObjectReader::requireInt(const std::string& key)
{
    auto value = get(key, "a whole number");
    if (!value.isInteger())
        throw formatError(memberPath(key), "expected a whole number");
    try {
        return value.convert<int>();
    } catch (const Poco::Exception&) {
        throw formatError(memberPath(key), "number out of range");
    }
}

std::optional<int> ObjectReader::optionalInt(const std::string& key)
{
    if (!has(key)) {
        m_seen.push_back(key);
        return std::nullopt;
    }
    return requireInt(key);
}

std::optional<double> ObjectReader::optionalNumber(const std::string& key)
{
    if (!has(key)) {
        m_seen.push_back(key);
        return std::nullopt;
    }
    auto value = get(key, "a number");
    if (!value.isNumeric())
        throw formatError(memberPath(key), "expected a number");
    return value.convert<double>();
}

double ObjectReader::requireNumber(const std::string& key)
{
    if (!has(key))
        throw formatError(memberPath(key), "missing; expected a number");
    return *optionalNumber(key);
}

bool ObjectReader::optionalBool(const std::string& key, bool fallback)
{
    if (!has(key)) {
        m_seen.push_back(key);
        return fallback;
    }
    auto value = get(key, "true or false");
    if (!value.isBoolean())
        throw formatError(memberPath(key), "expected true or false");
    return value.extract<bool>();
}

Poco::JSON::Array::Ptr ObjectReader::requireArray(const std::string& key)
{
    get(key, "an array");
    auto array = m_object->getArray(key);
    if (!array)
        throw formatError(memberPath(key), "expected an array");
    return array;
}

Poco::JSON::Array::Ptr ObjectReader::optionalArray(const std::string& key)
{
    if (!has(key)) {
        m_seen.push_back(key);
        return new Poco::JSON::Array;
    }
    return requireArray(key);
}

std::vector<std::string> ObjectReader::optionalStrings(const std::string& key)
{
    std::vector<std::string> strings;
    const auto array = optionalArray(key);
    for (std::size_t i = 0; i < array->size(); ++i) {
        const auto item = array->get(static_cast<unsigned>(i));
        if (!item.isString())
            throw formatError(memberPath(key) + "[" + std::to_string(i) + "]", "expected a string");
        strings.push_back(item.extract<std::string>());
    }
    return strings;
}

ObjectReader ObjectReader::requireObject(const std::string& key)
{
    get(key, "an object");
    auto object = m_object->getObject(key);
    if (!object)
        throw formatError(memberPath(key), "expected an object");
    return ObjectReader(object, memberPath(key));
}

std::optional<ObjectReader> ObjectReader::optionalObject(const std::string& key)
{
    if (!has(key)) {
        m_seen.push_back(key);
        return std::nullopt;
    }
    return requireObject(key);
}

void ObjectReader::finish() const
{
    std::vector<std::string> names;
    m_object->getNames(names);
    for (const auto& name : names)
        if (std::find(m_seen.begin(), m_seen.end(), name) == m_seen.end())
            throw formatError(memberPath(name), "unknown member");
}

ObjectReader asObject(const Poco::Dynamic::Var& value, const std::string& path)
{
    if (value.type() != typeid(Poco::JSON::Object::Ptr))
        throw formatError(path, "expected an object");
    return ObjectReader(value.extract<Poco::JSON::Object::Ptr>(), path);
}

std::string stringify(const Poco::JSON::Object::Ptr& object, unsigned indent)
{
    std::ostringstream out;
    Poco::JSON::Stringifier::stringify(object, out, indent);
    return out.str();
}

} // namespace tongban::workflow::json
