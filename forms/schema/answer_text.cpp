#include "forms/schema/answer_text.h"

#include "forms/schema/money.h"

#include <charconv>
#include <cmath>

namespace tongban::forms {

Poco::Dynamic::Var answerFromText(const FieldSchema& field, const std::string& text)
{
    if (text.empty())
        return {};
    const char* begin = text.data();
    const char* end = text.data() + text.size();
    switch (field.kind) {
    case FieldKind::Integer: {
        long long value = 0;
        if (const auto [at, error] = std::from_chars(begin, end, value); error == std::errc{} && at == end)
            return Poco::Int64(value);
        return text;
    }
    case FieldKind::Decimal: {
        double value = 0;
        if (const auto [at, error] = std::from_chars(begin, end, value); error == std::errc{} && at == end)
            return value;
        return text;
    }
    case FieldKind::YesNo:
        if (text == "yes" || text == "no")
            return text == "yes";
        return text;
    default:
        return text;
    }
}

std::string textOfAnswer(const Poco::Dynamic::Var& answer)
{
    if (answer.isEmpty())
        return {};
    if (answer.isBoolean())
        return answer.extract<bool>() ? "yes" : "no";
    if (answer.isString())
        return answer.extract<std::string>();
    return answer.convert<std::string>();
}

Poco::Dynamic::Var answerFromValue(const FieldSchema& field, const workflow::Value& value)
{
    if (const auto* flag = std::get_if<bool>(&value))
        return *flag;
    if (const auto* text = std::get_if<std::string>(&value))
        return *text;
    if (const auto* number = std::get_if<double>(&value)) {
        if (field.kind == FieldKind::Money)
            return yuanFromFen(std::llround(*number));
        if (field.kind == FieldKind::Integer)
            return Poco::Int64(std::llround(*number));
        return *number;
    }
    return {};
}

} // namespace tongban::forms
