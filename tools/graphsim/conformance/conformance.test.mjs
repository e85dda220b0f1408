// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
//
// Starts graphsim (GRAPHSIM_BIN) on free ports, reads its first stdout line, then runs the
// client suite in a child node process: NODE_EXTRA_CA_CERTS is only read when node starts,
// so the child is what trusts graphsim's per-run CA.
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { test } from "node:test";
import assert from "node:assert/strict";

const here = dirname(fileURLToPath(import.meta.url));

function startGraphsim() {
    // A 1 s device code interval keeps msal-node's polling short.
    const args = ["--tenant", "demo", "--port", "0", "--https-port", "0", "--seed", "7", "--policy-page-size", "5",
                  "--device-code-interval-s", "1"];
    const child = spawn(process.env.GRAPHSIM_BIN, args, { stdio: ["ignore", "pipe", "inherit"] });
    return new Promise((resolve, reject) => {
        const lines = createInterface({ input: child.stdout });
        const timer = setTimeout(() => reject(new Error("graphsim did not print its startup line")), 30000);
        child.once("exit", (code) => reject(new Error(`graphsim exited early with ${code}`)));
        lines.once("line", (line) => {
            clearTimeout(timer);
            resolve({ child, info: JSON.parse(line) });
        });
    });
}

function runChild(info) {
    // The child is a test run of its own, not a subtest: without this the runner's context
    // variable makes it skip its files.
    const env = { ...process.env, NODE_EXTRA_CA_CERTS: info.caCert, GRAPHSIM_INFO: JSON.stringify(info) };
    delete env.NODE_TEST_CONTEXT;
    return new Promise((resolve) => {
        const child = spawn(process.execPath, ["--test", join(here, "lib", "clients-suite.mjs"),
                                                join(here, "lib", "delegated-suite.mjs"),
                                                join(here, "lib", "restore-suite.mjs")], {
            env,
            stdio: "inherit",
        });
        child.once("exit", (code) => resolve(code));
    });
}

test("Microsoft's graph client and msal-node against graphsim over HTTPS", { timeout: 120000 }, async () => {
    const { child, info } = await startGraphsim();
    try {
        assert.match(info.https, /^https:\/\/127\.0\.0\.1:\d+$/);
        const code = await runChild(info);
        assert.equal(code, 0, "client suite failed (see its output above)");
    } finally {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        await exited;
    }
});
