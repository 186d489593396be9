#include "reports/document/report_document.h"

#include <cmath>
#include <cstdio>

namespace tongban::reports {

std::string Cell::display() const
{
    char text_[64];
    switch (kind) {
    case Kind::Empty:
        return "—";
    case Kind::Text:
        return text;
    case Kind::Count:
        std::snprintf(text_, sizeof text_, "%lld", static_cast<long long>(std::llround(value)));
        return text_;
    case Kind::Number:
        std::snprintf(text_, sizeof text_, "%.*f", decimals, value);
        return text_;
    case Kind::Share:
        std::snprintf(text_, sizeof text_, "%.*f%%", decimals, value * 100);
        return text_;
    }
    return {};
}

} // namespace tongban::reports
