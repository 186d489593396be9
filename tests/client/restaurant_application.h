// 王小明's noodle shop (开办餐饮店) as a window clerk takes it in: the answers,
// the materials and the accepted case, shared by the presenter and GUI tests.
#pragma once

#include "client/intake/intake_presenter.h"
#include "client/session/session.h"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>

namespace tongban::client {

/// 小吃店 of 120 m², no outdoor sign, no tobacco.
inline void answerRestaurantGuidance(IntakePresenter& intake)
{
    intake.setText("situation.venue_kind", "小吃店");
    intake.setText("situation.floor_area", "120");
    intake.setFlag("situation.outdoor_sign", false);
    intake.setFlag("situation.sells_tobacco", false);
}

/// Answers every question for the shop: 40 seats, one storey, no tobacco.
inline void answerRestaurant(IntakePresenter& intake)
{
    answerRestaurantGuidance(intake);
    intake.setText("applicant.id_number", "320102198506151236");
    intake.setText("business.credit_code", "92320106MA2B3C4D1R");
    intake.prefill();
    intake.setText("applicant.mobile", "13912345678");
    intake.setAddress("business.address", "320106", "中山北路8号");
    intake.setChoices("food.items", {"热食类食品制售"});
    intake.setText("food.safety_manager", "李红");
    intake.setFlag("food.staff_health_certified", true);
    intake.setText("fire.seats", "40");
    intake.setText("fire.storeys", "1");
    intake.setText("fire.fire_manager", "王小明");
}

/// Provides the shop's key materials as a PDF written under `folder` and promises the rest.
inline void provideRestaurantMaterials(IntakePresenter& intake, const std::filesystem::path& folder)
{
    const auto pdf = folder / "plan.pdf";
    std::ofstream(pdf) << "%PDF-1.7\nfloor plan\n";
    for (const auto* type : {"premises", "floor-plan", "fire-commitment", "fire-plan"})
        BOOST_TEST_REQUIRE(intake.provideFile(type, pdf.string()).has_value());
    intake.promise("food-safety-rules", "三个工作日内补交");
}

/// The shop's application, accepted at the window now; its case number.
inline std::string acceptRestaurantCase(Session& session, const std::filesystem::path& folder)
{
    IntakePresenter intake(session);
    BOOST_TEST_REQUIRE(intake.choose("restaurant-opening"));
    answerRestaurant(intake);
    provideRestaurantMaterials(intake, folder);
    const auto accepted = intake.accept();
    BOOST_TEST_REQUIRE(accepted.has_value());
    return *accepted;
}

/// Logs in as the first officer of `department`.
inline void logInAsOfficerOf(Session& session, const std::string& department)
{
    const auto& users = session.users();
    const auto officer = std::ranges::find_if(users, [&](const store::User& user) {
        return user.department == department && user.role == store::Role::Officer;
    });
    BOOST_TEST_REQUIRE((officer != users.end()));
    session.switchTo(officer->login);
}

} // namespace tongban::client
