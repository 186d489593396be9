// Answers as people type and read them: an editor's text becomes the JSON
// answer a form checks, and a case's data becomes that answer again.
#pragma once

#include "forms/schema/form_schema.h"
#include "workflow/expression/value.h"

#include <Poco/Dynamic/Var.h>

#include <string>

namespace tongban::forms {

/// The answer to `field` that `text` gives: integers and decimals as JSON
/// numbers when they read as one (otherwise the text, which validation then
/// names), yes/no from "yes" or "no", every other kind as the text itself.
/// Empty text gives an empty Var: no answer.
Poco::Dynamic::Var answerFromText(const FieldSchema& field, const std::string& text);

/// The text an editor shows for an answer: the inverse of answerFromText.
std::string textOfAnswer(const Poco::Dynamic::Var& answer);

/// The answer that a case data value of `field` stands for (money is held in
/// fen and answered in yuan); an empty Var for no value.
Poco::Dynamic::Var answerFromValue(const FieldSchema& field, const workflow::Value& value);

} // namespace tongban::forms
