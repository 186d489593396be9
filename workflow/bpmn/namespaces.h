// The XML namespaces of BPMN 2.0 files (OMG's specification, XML's own, and ours).
#pragma once

#include "workflow/bpmn/bpmn.h"

#include <string_view>

namespace tongban::workflow::bpmn::ns {

inline constexpr std::string_view kModel = "http://www.omg.org/spec/BPMN/20100524/MODEL";
inline constexpr std::string_view kBpmnDi = "http://www.omg.org/spec/BPMN/20100524/DI";
inline constexpr std::string_view kDc = "http://www.omg.org/spec/DD/20100524/DC";
inline constexpr std::string_view kDi = "http://www.omg.org/spec/DD/20100524/DI";
inline constexpr std::string_view kXsi = "http://www.w3.org/2001/XMLSchema-instance";
inline constexpr std::string_view kXml = "http://www.w3.org/XML/1998/namespace";
inline constexpr std::string_view kTongban = kTongbanNamespace;

} // namespace tongban::workflow::bpmn::ns
