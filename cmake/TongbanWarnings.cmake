# One interface target carries the warning policy for the project's own code.
# Third-party headers come in as system headers and stay quiet.
add_library(tongban_warnings INTERFACE)
target_compile_options(tongban_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Werror
  # GCC 12 flags designated initializers that leave members to their default
  # member initializers; naming only what differs is the point of them.
  -Wno-missing-field-initializers)
