# The build holds the layers (docs/architecture.md): a library's dependants
# find its headers, and nothing else of the tree, through its include root.
# The root is a folder of the build holding one link per published source
# folder, named as in the tree, so that "store/store.h" resolves for the
# store's dependants only and a header of a layer a library may not use is
# "No such file" at compile time.
#
#   tongban_include_root(tongban_store store)
#   tongban_include_root(tongban_client_core client session sync ...)
#
# With no subfolders the whole folder is published.
function(tongban_include_root target folder)
  set(root ${PROJECT_BINARY_DIR}/include/${target})
  set(source ${PROJECT_SOURCE_DIR}/${folder})
  if(ARGN)
    file(MAKE_DIRECTORY ${root}/${folder})
    foreach(subfolder ${ARGN})
      file(CREATE_LINK ${source}/${subfolder} ${root}/${folder}/${subfolder} SYMBOLIC)
    endforeach()
  else()
    file(MAKE_DIRECTORY ${root})
    file(CREATE_LINK ${source} ${root}/${folder} SYMBOLIC)
  endif()
  get_target_property(type ${target} TYPE)
  if(type STREQUAL "INTERFACE_LIBRARY")
    target_include_directories(${target} INTERFACE ${root})
  else()
    target_include_directories(${target} PUBLIC ${root})
  endif()
endfunction()
