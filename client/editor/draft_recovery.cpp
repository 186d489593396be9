#include "client/editor/draft_recovery.h"

#include "workflow/model/definition_json.h"

#include <algorithm>
#include <fstream>

namespace tongban::client {

namespace {

std::filesystem::path draftsFolder(const std::string& workspacePath)
{
    return std::filesystem::path(workspacePath).parent_path() / "drafts";
}

} // namespace

std::filesystem::path recoveryFile(const std::string& workspacePath, const std::string& key)
{
    // A key is the designer's; keep the file name to characters every file system takes.
    std::string name;
    for (const unsigned char c : key)
        name += (std::isalnum(c) || c == '-' || c == '_' || c >= 0x80) ? static_cast<char>(c) : '_';
    return draftsFolder(workspacePath) / (name + ".json");
}

bool writeWhole(const std::filesystem::path& file, const std::string& text)
{
    const auto partial = file.string() + ".partial";
    std::error_code error;
    {
        std::ofstream out(partial, std::ios::binary | std::ios::trunc);
        out << text;
        if (!out.flush()) {
            std::filesystem::remove(partial, error);
            return false;
        }
    }
    std::filesystem::rename(partial, file, error);
    return !error;
}

void keepForRecovery(const std::filesystem::path& file, const workflow::ProcessDefinition& draft)
{
    std::error_code error;
    std::filesystem::create_directories(file.parent_path(), error);
    // A full disk costs the recovery copy, never the edit.
    (void)writeWhole(file, workflow::writeDefinition(draft));
}

std::vector<std::filesystem::path> draftsToRecover(const std::string& workspacePath)
{
    std::vector<std::filesystem::path> drafts;
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator(draftsFolder(workspacePath), error))
        if (entry.path().extension() == ".json")
            drafts.push_back(entry.path());
    std::ranges::sort(drafts, [](const auto& a, const auto& b) {
        std::error_code ignored;
        return std::filesystem::last_write_time(a, ignored) > std::filesystem::last_write_time(b, ignored);
    });
    return drafts;
}

void forgetRecovery(const std::filesystem::path& file)
{
    std::error_code ignored;
    std::filesystem::remove(file, ignored);
}

} // namespace tongban::client
