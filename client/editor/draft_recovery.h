// Unsaved drafts survive a crash: the editor keeps the draft it works on in
// a file beside the workspace after every edit, and forgets it once saved or
// published. On the next start the editor offers what it finds there.
#pragma once

#include "workflow/model/process_definition.h"

#include <filesystem>
#include <string>
#include <vector>

namespace tongban::client {

/// Writes `text` beside `file` and renames it over, so that the file is
/// whole or as it was; false when it could not be written.
bool writeWhole(const std::filesystem::path& file, const std::string& text);

/// `drafts/KEY.json` in the folder of the workspace.
std::filesystem::path recoveryFile(const std::string& workspacePath, const std::string& key);

/// Writes the draft whole (beside it first, then renamed over), or not at all.
void keepForRecovery(const std::filesystem::path& file, const workflow::ProcessDefinition& draft);

/// The drafts left by an editor that did not save them, newest first.
std::vector<std::filesystem::path> draftsToRecover(const std::string& workspacePath);

void forgetRecovery(const std::filesystem::path& file);

} // namespace tongban::client
