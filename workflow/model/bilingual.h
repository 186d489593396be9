// A message for people in the two languages Tongban speaks.
#pragma once

#include <string>

namespace tongban::workflow {

/// What a finding, refusal or error tells a person: in Chinese, the first
/// language of the interface, and in English. Every layer carries its messages
/// in this one type so that the interface, the tools and the logs pick the
/// language in one place.
struct Bilingual {
    std::string zh;
    std::string en;

    /// The Chinese text when `chinese`, else the English.
    const std::string& in(bool chinese) const { return chinese ? zh : en; }

    bool operator==(const Bilingual&) const = default;
};

} // namespace tongban::workflow
