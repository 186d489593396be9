// The demo catalogue: real one-thing bundles shipped as data
// (forms/catalogue/data), which a new workspace is seeded with.
#pragma once

#include "forms/onething/one_thing.h"

#include <string_view>
#include <vector>

namespace tongban::forms {

/// The documents (tongban.onething/1) in catalogue order: 企业开办, 开办餐饮店,
/// 新生儿出生, 退休.
std::vector<std::string_view> demoCatalogueDocuments();

/// The same, read and checked; the tests prove every one reads clean.
std::vector<OneThing> demoCatalogue();

} // namespace tongban::forms
