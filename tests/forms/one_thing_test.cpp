// One things: the shipped catalogue, one form and one set of materials,
// electronic licences, and the window's intake check.
#include "forms/catalogue/catalogue.h"
#include "forms/intake/intake.h"
#include "forms/regions/region_table.h"

#include "workflow/json/json_document.h"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <random>
#include <set>

using namespace tongban::forms;
using namespace std::chrono;

namespace tongban::forms {
std::ostream& boost_test_print_type(std::ostream& out, MaterialState state) { return out << toString(state); }
} // namespace tongban::forms

namespace {

const sys_days kToday{2026y / November / 29};

const OneThing& bundle(std::string_view key)
{
    static const auto catalogue = demoCatalogue();
    const auto at = std::ranges::find(catalogue, key, &OneThing::key);
    BOOST_REQUIRE(at != catalogue.end());
    return *at;
}

Poco::JSON::Object::Ptr answersOf(const std::string& text)
{
    auto parsed = tongban::workflow::json::parse(text);
    BOOST_REQUIRE(parsed.has_value());
    return parsed->extract<Poco::JSON::Object::Ptr>();
}

const std::string kRestaurantAnswers = R"({
  "situation.venue_kind": "餐馆", "situation.floor_area": 120, "situation.outdoor_sign": false, "situation.sells_tobacco": true,
  "applicant.name": "王小明", "applicant.id_number": "320102198506151236", "applicant.mobile": "13912345678",
  "business.name": "小明面馆", "business.credit_code": "92320106MA2B3C4D1R",
  "business.address": {"region": "320106", "detail": "中山北路8号"}, "business.legal_representative": "王小明",
  "food.items": ["热食类食品制售"], "food.safety_manager": "李红", "food.staff_health_certified": true,
  "fire.seats": 40, "fire.storeys": 1, "fire.fire_manager": "王小明", "tobacco.counter_area": 2.5})";

ElectronicLicence licence(std::string holder, std::string type, std::string number, TrustLevel trust,
                          std::optional<sys_days> validUntil = std::nullopt)
{
    return {std::move(holder), std::move(type), std::move(number), "南京市鼓楼区市场监管局",
            sys_days{2020y / January / 1}, validUntil, trust, {}};
}

const MaterialOutcome& outcome(const IntakeAssessment& assessment, std::string_view type)
{
    const auto at = std::ranges::find_if(assessment.materials, [&](const auto& m) { return m.type->key == type; });
    BOOST_REQUIRE(at != assessment.materials.end());
    return *at;
}

const std::string kPdf = "%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n";

} // namespace

BOOST_AUTO_TEST_SUITE(OneThings)

BOOST_AUTO_TEST_CASE(TheShippedRegionTableKnowsTodaysCodesOnly)
{
    const auto& regions = RegionTable::current();
    BOOST_TEST(regions.size() > 3000u);
    BOOST_TEST(regions.name(320102).value_or("") == "玄武区");
    BOOST_TEST(regions.fullName(320102) == "江苏省南京市玄武区");
    BOOST_TEST(regions.fullName(110105) == "北京市朝阳区");
    BOOST_TEST(regions.contains(321300));
    BOOST_TEST(!regions.contains(440524));  // 潮阳县: merged away, still in old ID numbers
    const auto badLine = RegionTable::parse("320100\t南京市\n32010\t短\n");
    BOOST_TEST((badLine.error().kind == RegionTableError::Kind::BadLine));
    BOOST_TEST(badLine.error().message == "line 2: expected a six-digit code, a tab and a name");
    const auto twice = RegionTable::parse("320100\t南京市\n320100\t南京\n");
    BOOST_TEST((twice.error().kind == RegionTableError::Kind::ListedTwice));
    BOOST_TEST(twice.error().message == "code 320100 is listed twice");
}

BOOST_AUTO_TEST_CASE(TheFourBundlesReadCleanAndAskNothingTwice)
{
    const auto catalogue = demoCatalogue();
    std::vector<std::string> keys;
    for (const auto& oneThing : catalogue)
        keys.push_back(oneThing.key);
    BOOST_TEST(keys == (std::vector<std::string>{"enterprise-opening", "restaurant-opening", "newborn", "retirement"}),
               boost::test_tools::per_element());
    for (const auto& oneThing : catalogue) {
        const auto unified = unifyForm(oneThing);
        BOOST_REQUIRE(unified.has_value());
        std::set<std::string> asked;
        std::size_t matterFields = 0;
        for (const auto& field : unified->form.fields)
            BOOST_TEST(asked.insert(field.key).second, oneThing.key << " asks " << field.key << " twice");
        for (const auto& matter : oneThing.matters)
            matterFields += matter.form.fields.size();
        // Unifying saves the applicant questions: fewer fields than the matters ask together.
        BOOST_TEST(unified->form.fields.size() < matterFields + oneThing.guidance.fields.size(), oneThing.key);
        BOOST_TEST(oneThing.matters.size() >= 3u);
        BOOST_TEST(!oneThing.cooperatingDepartments().empty());
    }
}

BOOST_AUTO_TEST_CASE(TheUnifiedFormAsksSharedFieldsOnceInSectionOrder)
{
    const auto& enterprise = bundle("enterprise-opening");
    const auto unified = unifyForm(enterprise).value();
    std::vector<std::string> sections;
    for (const auto& field : unified.form.fields) {
        const auto section = field.key.substr(0, field.key.find('.'));
        if (sections.empty() || sections.back() != section)
            sections.push_back(section);
    }
    BOOST_TEST(sections == (std::vector<std::string>{"situation", "applicant", "business", "seal", "invoice", "social",
                                                     "fund", "bank"}),
               boost::test_tools::per_element());
    const auto staff = std::ranges::find(unified.form.fields, "business.staff_count", &FieldSchema::key);
    const auto index = static_cast<std::size_t>(staff - unified.form.fields.begin());
    BOOST_TEST(unified.askedBy[index] ==
                   (std::vector<std::string>{"establishment", "social-insurance", "housing-fund"}),
               boost::test_tools::per_element());
    BOOST_TEST(staff->required);
    // Invoice fields are asked only when the guidance says invoices are wanted.
    const auto* kinds = unified.form.find("invoice.kinds");
    BOOST_REQUIRE(kinds);
    BOOST_TEST(kinds->visibleWhen->source == "situation.needs_invoice == true");
    BOOST_TEST(kinds->required);
}

BOOST_AUTO_TEST_CASE(MaterialsAreMergedByType)
{
    const auto merged = mergeMaterials(bundle("enterprise-opening"));
    const auto licence = std::ranges::find_if(merged, [](const auto& m) { return m.type->key == "business-licence"; });
    BOOST_REQUIRE(licence != merged.end());
    BOOST_TEST(licence->matters.size() == 5u);
    BOOST_TEST(licence->key);
    BOOST_TEST(licence->type->issuedBy == "市场监管局");
    std::set<std::string> types;
    for (const auto& material : merged)
        BOOST_TEST(types.insert(material.type->key).second);
}

BOOST_AUTO_TEST_CASE(DepartmentsSeeTheirOwnFormFilledFromTheUnifiedAnswers)
{
    const auto& newborn = bundle("newborn");
    const auto& card = *newborn.findMatter("social-card");
    const auto view = departmentForm(newborn, card);
    BOOST_TEST(view.fields.front().key == "applicant.name");
    BOOST_TEST(view.find("card.postal_address") != nullptr);
    BOOST_TEST(view.find("parents.mother_name") == nullptr);
    const auto unified = answersOf(R"({"applicant.name": "赵敏", "card.delivery": "邮寄到家", "parents.mother_name": "赵敏"})");
    const auto answers = departmentAnswers(view, unified);
    BOOST_TEST(answers->has("card.delivery"));
    BOOST_TEST(answers->has("applicant.name"));
    BOOST_TEST(!answers->has("parents.mother_name"));
}

BOOST_AUTO_TEST_CASE(GuidanceDecidesTheMattersAndMaterials)
{
    const auto& restaurant = bundle("restaurant-opening");
    const auto unified = unifyForm(restaurant).value();
    const auto assessment = assessIntake(restaurant, unified, answersOf(kRestaurantAnswers), {}, std::vector<ElectronicLicence>{},
                                         {kToday, {}, true});
    BOOST_TEST(assessment.form.acceptable());
    BOOST_TEST(assessment.matters == (std::vector<std::string>{"licence-check", "food-licence", "fire-check", "tobacco"}),
               boost::test_tools::per_element());
    std::vector<std::string> types;
    for (const auto& material : assessment.materials)
        types.push_back(material.type->key);
    // No sign, so no sign design; under 300 m², so the fire commitment is asked.
    BOOST_TEST(types == (std::vector<std::string>{"business-licence", "id-card", "premises", "floor-plan",
                                                  "food-safety-rules", "fire-commitment", "fire-plan", "food-licence"}),
               boost::test_tools::per_element());
    BOOST_TEST(outcome(assessment, "food-licence").state == MaterialState::Exempt);
    BOOST_TEST(outcome(assessment, "food-licence").exemptBy == "市场监管局");
}

BOOST_AUTO_TEST_CASE(LicencesExemptMaterialsButNotExpiredOrUntrustedOnes)
{
    const auto& restaurant = bundle("restaurant-opening");
    const auto unified = unifyForm(restaurant).value();
    const std::vector<ElectronicLicence> licences{
        licence("92320106MA2B3C4D1R", "营业执照", "92320106MA2B3C4D1R", TrustLevel::A),
        licence("320102198506151236", "居民身份证", "320102198506151236", TrustLevel::A, sys_days{2026y / November / 28}),
        licence("92320106MA2B3C4D1R", "不动产权证书", "苏(2024)南京市不动产权第0012345号", TrustLevel::C),
        licence("320106199003012349", "居民身份证", "320106199003012349", TrustLevel::A),  // someone else's
    };
    const auto assessment =
        assessIntake(restaurant, unified, answersOf(kRestaurantAnswers), {}, licences, {kToday, {}, true});
    const auto& businessLicence = outcome(assessment, "business-licence");
    BOOST_TEST(businessLicence.state == MaterialState::Exempt);
    BOOST_TEST(businessLicence.exemptBy == "营业执照 92320106MA2B3C4D1R");
    const auto& idCard = outcome(assessment, "id-card");
    BOOST_TEST(idCard.state == MaterialState::Missing);
    BOOST_TEST(idCard.noteEn.find("is not valid today") != std::string::npos);
    const auto& premises = outcome(assessment, "premises");
    BOOST_TEST(premises.state == MaterialState::Missing);
    BOOST_TEST(premises.noteZh.find("可信等级为 C") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(AcceptanceIsRefusedWithTheListOfMissingKeyMaterials)
{
    const auto& restaurant = bundle("restaurant-opening");
    const auto unified = unifyForm(restaurant).value();
    const std::vector<ElectronicLicence> licences{
        licence("92320106MA2B3C4D1R", "营业执照", "92320106MA2B3C4D1R", TrustLevel::A),
        licence("320102198506151236", "居民身份证", "320102198506151236", TrustLevel::B)};
    const ProvidedFile file{"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "a.pdf", "application/pdf", 10};
    std::vector<MaterialSubmission> submissions{{"premises", file, {}},
                                                {"food-safety-rules", std::nullopt, "三日内补交"},
                                                {"fire-plan", std::nullopt, "一周内补交"}};
    auto assessment = assessIntake(restaurant, unified, answersOf(kRestaurantAnswers), submissions, licences,
                                   {kToday, {}, true});
    std::vector<std::string> blocking;
    for (const auto* material : assessment.blockingMaterials())
        blocking.push_back(material->type->key + " " + toString(material->state));
    // A promise covers a non-key material (容缺) but never a key one.
    BOOST_TEST(blocking == (std::vector<std::string>{"floor-plan missing", "fire-commitment missing", "fire-plan promised"}),
               boost::test_tools::per_element());
    BOOST_TEST(!assessment.acceptable());

    for (const auto* type : {"floor-plan", "fire-commitment", "fire-plan"})
        submissions.push_back({type, file, {}});
    std::erase_if(submissions, [](const auto& s) { return s.type == "fire-plan" && !s.file; });
    assessment = assessIntake(restaurant, unified, answersOf(kRestaurantAnswers), submissions, licences, {kToday, {}, true});
    BOOST_TEST(assessment.blockingMaterials().empty());
    BOOST_TEST(assessment.acceptable());
    BOOST_TEST(outcome(assessment, "food-safety-rules").state == MaterialState::Promised);
}

BOOST_AUTO_TEST_CASE(LicencesAndTheIdNumberPrefillTheForm)
{
    const auto unified = unifyForm(bundle("retirement")).value();
    std::vector<std::string> keys;
    for (const auto& field : unified.form.fields)
        keys.push_back(field.key);
    auto employer = licence("320113196208053451", "社会保障卡", "320113196208053451", TrustLevel::A);
    employer.data = {{"applicant.name", "陈建国"}, {"applicant.bank", "江苏银行"}, {"not.asked", "x"}};
    const auto prefill = prefillAnswers(keys, {"320113196208053451"}, {employer}, kToday);
    BOOST_TEST(prefill.answers->getValue<std::string>("applicant.birth_date") == "1962-08-05");
    BOOST_TEST(prefill.answers->getValue<std::string>("applicant.sex") == "男");
    BOOST_TEST(prefill.answers->getValue<std::string>("applicant.name") == "陈建国");
    BOOST_TEST(!prefill.answers->has("not.asked"));
    BOOST_TEST(prefill.sources.size() == 4u);
    BOOST_TEST(prefill.sources.back().second == "社会保障卡 320113196208053451");
}

BOOST_AUTO_TEST_CASE(LicenceFilesReadAndWriteBack)
{
    const std::vector<ElectronicLicence> licences{
        licence("92320106MA2B3C4D1R", "营业执照", "92320106MA2B3C4D1R", TrustLevel::A, sys_days{2046y / June / 30})};
    const auto text = writeLicences(licences);
    const auto again = readLicences(text);
    BOOST_REQUIRE(again.has_value());
    BOOST_TEST(writeLicences(*again) == text);
    const auto bad = readLicences(R"({"format": "tongban.licences/1", "licences": [{"holder": "x", "type": "t",
        "number": "n", "issuer": "i", "validFrom": "2026-02-30", "trust": "A"}]})");
    BOOST_TEST(bad.error().describe() == "licences[0].validFrom: expected a date YYYY-MM-DD");
}

BOOST_AUTO_TEST_CASE(UploadsAreTypedByTheirContentAndNamedByTheirDigest)
{
    const auto& newborn = bundle("newborn");
    const auto& photo = *newborn.findMaterialType("child-photo");
    BOOST_TEST(detectMediaType(kPdf).value_or("") == "application/pdf");
    BOOST_TEST(detectMediaType("\x89PNG\r\n\x1a\nrest").value_or("") == "image/png");
    BOOST_TEST(detectMediaType(std::string("PK\x03\x04....OFD.xml", 15)).value_or("") == "application/ofd");
    BOOST_TEST(!detectMediaType("GIF89a").has_value());

    const auto wrongType = inspectUpload(kPdf, "photo.jpg", photo);
    BOOST_TEST(wrongType.error().message.en ==
               "the content of 'photo.jpg' is application/pdf; Photo of the child accepts image/jpeg, image/png");
    BOOST_TEST(inspectUpload("", "empty.jpg", photo).error().message.zh == "文件“empty.jpg”是空的");
    BOOST_TEST(inspectUpload(std::string(3u << 20, '\xff'), "big.jpg", photo).error().message.en.find("more than the limit") !=
               std::string::npos);
    const auto plan = inspectUpload(kPdf, "plan.pdf", *bundle("restaurant-opening").findMaterialType("floor-plan"));
    BOOST_REQUIRE(plan.has_value());
    BOOST_TEST(plan->sha256.size() == 64u);
    BOOST_TEST(plan->sha256 == inspectUpload(kPdf, "other-name.pdf", *bundle("restaurant-opening").findMaterialType("floor-plan"))->sha256);
    BOOST_TEST(plan->size == kPdf.size());
}

BOOST_AUTO_TEST_CASE(BundlesThatDoNotTellOneStoryAreRefused)
{
    std::string text(demoCatalogueDocuments()[1]);
    const auto broken = [&](const std::string& from, const std::string& to) {
        auto copy = text;
        const auto at = copy.find(from);
        BOOST_REQUIRE(at != std::string::npos);
        copy.replace(at, from.size(), to);
        const auto read = readOneThing(copy);
        return read ? std::string("read") : read.error().describe();
    };
    BOOST_TEST(broken("\"matter\": \"tobacco\"", "\"matter\": \"cigars\"") ==
               "process.tobacco: works matter 'cigars', which the one thing does not have");
    BOOST_TEST(broken("\"type\": \"food-safety-rules\"", "\"type\": \"food-rules\"") ==
               "matters[1].materials[3].type: unknown material type 'food-rules'");
    BOOST_TEST(broken("\"appliesWhen\": \"situation.outdoor_sign == true\"", "\"appliesWhen\": \"sign.lit == true\"") ==
               "matters[2].appliesWhen: reads 'sign.lit'; whether a matter applies is decided by guidance questions only");
    BOOST_TEST(broken("\"key\": \"sign.text\"", "\"key\": \"fire.seats\"")
                   .ends_with("'fire.seats' is asked as text and as integer (signboard)"));
    BOOST_TEST(broken("\"promisedLimit\": {\n      \"amount\": 10,", "\"promisedLimit\": {\n      \"amount\": 2,")
                   .starts_with("process: the process does not validate: limit.promised-below-critical-path"));
}

BOOST_AUTO_TEST_CASE(MangledBundlesGiveAnErrorNeverAThrow)
{
    // Truncations and swapped values in every shipped bundle: each either
    // reads or names what is wrong, and nothing escapes as an exception.
    std::mt19937 random(5);
    const std::vector<std::string> replacements{"null", "7", "-1", "\"\"", "[]", "{}", "true", "\"x.y\"", "1e999"};
    std::size_t refused = 0;
    for (const auto document : demoCatalogueDocuments()) {
        const std::string text(document);
        for (int round = 0; round < 150; ++round) {
            auto mangled = text;
            if (round % 3 == 0) {
                mangled.resize(random() % text.size());
            } else {
                // Replace the value after a random colon up to the next comma or brace.
                const auto colon = mangled.find(':', random() % mangled.size());
                if (colon == std::string::npos)
                    continue;
                const auto end = mangled.find_first_of(",}]", colon + 1);
                mangled.replace(colon + 1, end - colon - 1, " " + replacements[random() % replacements.size()]);
            }
            try {
                refused += readOneThing(mangled).has_value() ? 0 : 1;
            } catch (const std::exception& exception) {
                BOOST_ERROR("round " << round << " threw " << exception.what());
            }
        }
    }
    BOOST_TEST(refused > 300u);
}

BOOST_AUTO_TEST_SUITE_END()
