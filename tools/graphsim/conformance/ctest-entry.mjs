// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
//
// What ctest runs: `node --test` in this folder, or exit 77 (ctest SKIP_RETURN_CODE) when
// node_modules is missing and PV_REQUIRE_CONFORMANCE is not 1. `npm ci` belongs to
// scripts/dev.sh, never to the build.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const modules = join(here, "node_modules", "@azure", "msal-node");
if (!existsSync(modules)) {
    if (process.env.PV_REQUIRE_CONFORMANCE === "1") {
        console.error("conformance: node_modules missing; run `npm ci` in tools/graphsim/conformance");
        process.exit(1);
    }
    console.log("conformance: node_modules missing, skipping (set PV_REQUIRE_CONFORMANCE=1 to fail instead)");
    process.exit(77);
}
if (!process.env.GRAPHSIM_BIN) {
    console.error("conformance: GRAPHSIM_BIN is not set");
    process.exit(1);
}
const result = spawnSync(process.execPath, ["--test"], { cwd: here, stdio: "inherit" });
process.exit(result.status === null ? 1 : result.status);
