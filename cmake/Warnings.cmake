# Warnings.cmake - warnings are errors for ConvScope's own code only.
# Third-party targets (ImGui, GoogleTest) are compiled without these flags.
function(convscope_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Werror -Wshadow
    -Wno-error=deprecated-declarations)
endfunction()
