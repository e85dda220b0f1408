# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 PolicyVault contributors
# pv_add_test(NAME SOURCES ... [LIBS ...] [LABELS ...] [TIMEOUT s] [ENV k=v ...])
# One executable per test class. Every test runs offscreen, in UTF-8, with asserts on,
# and knows where the committed test data lives (PV_TEST_DATA_DIR) and where to put
# screenshots (PV_TEST_ARTIFACTS_DIR).
function(pv_add_test NAME)
    cmake_parse_arguments(ARG "" "TIMEOUT" "SOURCES;LIBS;LABELS;ENV" ${ARGN})
    add_executable(${NAME} ${ARG_SOURCES})
    target_link_libraries(${NAME} PRIVATE pv_options Qt6::Test ${ARG_LIBS})
    target_compile_definitions(${NAME} PRIVATE
        QT_FORCE_ASSERTS
        PV_TEST_DATA_DIR="${PROJECT_SOURCE_DIR}/tests/data"
        PV_TEST_ARTIFACTS_DIR="${PROJECT_BINARY_DIR}/test-artifacts"
        PV_BINARY_DIR="${PROJECT_BINARY_DIR}")
    add_test(NAME ${NAME} COMMAND ${NAME})
    if(NOT ARG_TIMEOUT)
        set(ARG_TIMEOUT 300)
    endif()
    set_tests_properties(${NAME} PROPERTIES
        LABELS "${ARG_LABELS}"
        TIMEOUT ${ARG_TIMEOUT}
        ENVIRONMENT "QT_QPA_PLATFORM=offscreen;LANG=C.UTF-8;LC_ALL=C.UTF-8;${ARG_ENV}")
endfunction()
