# One interface target carries the warning policy for the project's own code.
# Third-party headers come in as system headers and stay quiet.
add_library(tongban_warnings INTERFACE)
target_compile_options(tongban_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Werror
  # GCC 12 flags designated initializers that leave members to their default
  # member initializers; naming only what differs is the point of them.
  -Wno-missing-field-initializers
  # GCC 12 at -O3 reports impossible sizes in inlined string and small_vector
  # copies (GCC bugs 105329, 105651); the checks stay on in other builds.
  $<$<CONFIG:Release>:-Wno-restrict -Wno-stringop-overread -Wno-stringop-overflow>)
