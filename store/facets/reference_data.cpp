// Reading the one-thing catalogue through any store's reference data.
#include "store/facets/reference_data.h"

namespace tongban::store {

std::optional<forms::OneThing> catalogueOneThing(ReferenceData& store, std::string_view definitionKey)
{
    for (const auto& entry : store.oneThings())
        if (entry.key == definitionKey)
            if (auto read = forms::readOneThing(entry.document))
                return std::move(*read);
    return std::nullopt;
}

} // namespace tongban::store
