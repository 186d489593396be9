#include "client/views/action_ids.h"

#include <map>

namespace tongban::client {

wxArtID actionArt(const ActionSpec& action)
{
    static const std::map<std::string_view, wxArtID> kArt{
        {"close", wxART_CLOSE},
        {"copy", wxART_COPY},
        {"delete", wxART_DELETE},
        {"edit", wxART_EDIT},
        {"executable-file", wxART_EXECUTABLE_FILE},
        {"file-open", wxART_FILE_OPEN},
        {"file-save", wxART_FILE_SAVE},
        {"file-save-as", wxART_FILE_SAVE_AS},
        {"find", wxART_FIND},
        {"find-and-replace", wxART_FIND_AND_REPLACE},
        {"folder-open", wxART_FOLDER_OPEN},
        {"full-screen", wxART_FULL_SCREEN},
        {"go-forward", wxART_GO_FORWARD},
        {"go-home", wxART_GO_HOME},
        {"information", wxART_INFORMATION},
        {"list-view", wxART_LIST_VIEW},
        {"minus", wxART_MINUS},
        {"new", wxART_NEW},
        {"paste", wxART_PASTE},
        {"plus", wxART_PLUS},
        {"quit", wxART_QUIT},
        {"redo", wxART_REDO},
        {"report-view", wxART_REPORT_VIEW},
        {"tick-mark", wxART_TICK_MARK},
        {"tip", wxART_TIP},
        {"undo", wxART_UNDO},
        {"warning", wxART_WARNING},
    };
    const auto art = kArt.find(action.icon);
    return art != kArt.end() ? art->second : wxART_MISSING_IMAGE;
}

} // namespace tongban::client
