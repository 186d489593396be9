#include "reports/document/report_document.h"

#include <qrencode.h>

#include <cmath>
#include <cstdio>
#include <memory>

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

std::vector<std::vector<bool>> qrModules(const std::string& payload)
{
    const std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
        QRcode_encodeString8bit(payload.c_str(), 0, QR_ECLEVEL_M), &QRcode_free);
    std::vector<std::vector<bool>> modules;
    if (!code)
        return modules;
    for (int y = 0; y < code->width; ++y) {
        auto& row = modules.emplace_back();
        for (int x = 0; x < code->width; ++x)
            row.push_back((code->data[y * code->width + x] & 1) != 0);  // bit 0: dark module
    }
    return modules;
}

} // namespace tongban::reports
