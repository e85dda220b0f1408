# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 PolicyVault contributors
# pv_options: the one INTERFACE target that carries language level, warnings and Qt defines.
# Every target links it; there are no global add_definitions/include_directories.
add_library(pv_options INTERFACE)
target_compile_features(pv_options INTERFACE cxx_std_20)
target_compile_definitions(pv_options INTERFACE
    QT_NO_CAST_FROM_ASCII QT_NO_CAST_TO_ASCII QT_NO_CAST_FROM_BYTEARRAY
    QT_NO_URL_CAST_FROM_STRING QT_USE_QSTRINGBUILDER QT_NO_FOREACH QT_MESSAGELOGCONTEXT
    QT_DISABLE_DEPRECATED_UP_TO=0x060400)
target_include_directories(pv_options INTERFACE
    "${PROJECT_SOURCE_DIR}" "${PROJECT_BINARY_DIR}/generated")
if(MSVC)
    target_compile_options(pv_options INTERFACE /W4 /permissive- /utf-8 /Zc:__cplusplus /we4062)
    if(PV_WERROR)
        target_compile_options(pv_options INTERFACE /WX)
    endif()
else()
    target_compile_options(pv_options INTERFACE
        -Wall -Wextra -Wpedantic -Wold-style-cast -Wnon-virtual-dtor -Werror=switch)
    if(PV_WERROR)
        target_compile_options(pv_options INTERFACE -Werror)
        # GCC 12 at -O2/-O3 reports false "may be used uninitialized" inside std::variant
        # (used by Result<T>); keep it a warning so an optimised CI build is not blocked by it.
        if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
            target_compile_options(pv_options INTERFACE -Wno-error=maybe-uninitialized)
        endif()
    endif()
endif()
# A tested build checks the libraries' own Q_ASSERTs too (model index checks, invariants),
# not only the test executables' — CI builds Release. Packaging turns it off.
if(PV_FORCE_ASSERTS)
    target_compile_definitions(pv_options INTERFACE QT_FORCE_ASSERTS)
endif()
