# The build holds the layers (docs/architecture.md): a library's dependants
# find its published headers, and nothing else of the tree, through its
# include root. A root is a folder of the build holding links named as in the
# source tree ("store/store.h" resolves through <root>/store), so that a
# header of a layer a library does not link, or a header another library keeps
# to itself, is "No such file" at compile time.
#
#   tongban_include_root(<target> <folder>)
#       the whole folder, for the target and its dependants alike
#   tongban_include_root(<target> <folder> ONLY <item>...)
#       these items of the folder alone, for the target and its dependants
#       (the client's core and views share client/ and must not see each
#       other's half)
#   tongban_include_root(<target> <folder> PUBLISH <item>...)
#       dependants see these items; the target's own sources see the whole
#       folder, and so do white-box tests that link <target>_internals
function(tongban_include_root target folder)
  cmake_parse_arguments(PARSE_ARGV 2 ROOT "" "" "ONLY;PUBLISH")
  set(source ${PROJECT_SOURCE_DIR}/${folder})
  set(public ${PROJECT_BINARY_DIR}/include/${target})
  set(internal ${PROJECT_BINARY_DIR}/include/${target}.internal)
  # Made afresh at each configure: a root's shape may have changed, and a new
  # link must never be made through an old one into the source tree.
  # (REMOVE_RECURSE removes links, not what they point to.)
  file(REMOVE_RECURSE ${public} ${internal})
  get_target_property(type ${target} TYPE)
  if(type STREQUAL "INTERFACE_LIBRARY")
    set(scope INTERFACE)
  else()
    set(scope PUBLIC)
  endif()
  if(ROOT_ONLY OR ROOT_PUBLISH)
    file(MAKE_DIRECTORY ${public}/${folder})
    foreach(item ${ROOT_ONLY} ${ROOT_PUBLISH})
      file(CREATE_LINK ${source}/${item} ${public}/${folder}/${item} SYMBOLIC)
    endforeach()
  else()
    file(MAKE_DIRECTORY ${public})
    file(CREATE_LINK ${source} ${public}/${folder} SYMBOLIC)
  endif()
  target_include_directories(${target} ${scope} ${public})
  if(ROOT_PUBLISH)
    file(MAKE_DIRECTORY ${internal})
    file(CREATE_LINK ${source} ${internal}/${folder} SYMBOLIC)
    # Before the public root, so that the target's own sources read every
    # header through one path.
    target_include_directories(${target} BEFORE PRIVATE ${internal})
    add_library(${target}_internals INTERFACE)
    target_include_directories(${target}_internals INTERFACE ${internal})
    target_link_libraries(${target}_internals INTERFACE ${target})
  endif()
endfunction()
