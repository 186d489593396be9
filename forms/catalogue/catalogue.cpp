#include "forms/catalogue/catalogue.h"

#include <stdexcept>

namespace tongban::forms {

extern const std::string_view kEnterpriseOpeningJson;
extern const std::string_view kRestaurantOpeningJson;
extern const std::string_view kNewbornJson;
extern const std::string_view kRetirementJson;

std::vector<std::string_view> demoCatalogueDocuments()
{
    return {kEnterpriseOpeningJson, kRestaurantOpeningJson, kNewbornJson, kRetirementJson};
}

std::vector<OneThing> demoCatalogue()
{
    std::vector<OneThing> catalogue;
    for (const auto document : demoCatalogueDocuments()) {
        auto oneThing = readOneThing(document);
        if (!oneThing)
            throw std::logic_error("the shipped catalogue does not read: " + oneThing.error().describe());
        catalogue.push_back(std::move(*oneThing));
    }
    return catalogue;
}

} // namespace tongban::forms
