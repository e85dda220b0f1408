// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
//
// The writes a restore sends, through Microsoft's own graph client over HTTPS: settings-catalog
// create, PUT, PATCH (400 with settings), /assign; assignment filter and scope tag create and
// PATCH; a retired template; a 504 after the write was applied, checked against /_sim/writes.
// Runs in the child process started by conformance.test.mjs (GRAPHSIM_INFO, NODE_EXTRA_CA_CERTS).
import { createRequire } from "node:module";
import { test } from "node:test";
import assert from "node:assert/strict";

const graph = createRequire(import.meta.url)("@microsoft/microsoft-graph-client");
const { Client } = graph;

const info = JSON.parse(process.env.GRAPHSIM_INFO);
const tenant = info.tenants[0];
const base = info.https;

async function sim(path, body) {
    const response = await fetch(`${base}/_sim/${path}`, body === undefined ? {} : {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
    });
    assert.equal(response.status, 200, `/_sim/${path}`);
    return response.json();
}

async function token() {
    const form = new URLSearchParams({
        grant_type: "client_credentials", client_id: tenant.clientId, client_secret: tenant.clientSecret,
        scope: "https://graph.microsoft.com/.default",
    });
    const response = await fetch(`${base}/${tenant.tenantId}/oauth2/v2.0/token`, { method: "POST", body: form });
    return (await response.json()).access_token;
}

const accessToken = await token();
const client = Client.initWithMiddleware({
    authProvider: { getAccessToken: async () => accessToken },
    baseUrl: `${base}/`,
    defaultVersion: "beta",
    customHosts: new Set([new URL(base).hostname]),
});

/// The body a restore sends for a policy as read.
async function writeBody(id, name) {
    const policy = await client.api(`/deviceManagement/configurationPolicies/${id}`).get();
    const settings = await client.api(`/deviceManagement/configurationPolicies/${id}/settings`).top(1000).get();
    return {
        name: name ?? policy.name, description: policy.description, platforms: policy.platforms,
        technologies: policy.technologies, roleScopeTagIds: policy.roleScopeTagIds,
        templateReference: { templateId: policy.templateReference.templateId },
        settings: settings.value.map((s) => ({ settingInstance: s.settingInstance })),
    };
}

async function policyNamed(name) {
    const page = await client.api("/deviceManagement/configurationPolicies").filter(`name eq '${name}'`).get();
    return page.value;
}

test("restore writes: create, PUT, PATCH with settings refused, assign — read back as written", async () => {
    const [bitlocker] = await policyNamed("Windows - BitLocker");
    assert.ok(bitlocker, "the demo tenant has the BitLocker policy");
    const body = await writeBody(bitlocker.id, "BitLocker (restored by the JS client)");
    const created = await client.api("/deviceManagement/configurationPolicies").post(body);
    assert.ok(created.id && created.id !== bitlocker.id);
    assert.equal(created.createdDateTime, created.lastModifiedDateTime);
    assert.equal(created.templateReference.templateId, bitlocker.templateReference.templateId);

    const expanded = await client.api(`/deviceManagement/configurationPolicies/${created.id}`).expand("settings").get();
    assert.deepEqual(expanded.settings.map((s) => s.settingInstance), body.settings.map((s) => s.settingInstance));

    body.description = "PUT by the JS client";
    await client.api(`/deviceManagement/configurationPolicies/${created.id}`).put(body);
    const replaced = await client.api(`/deviceManagement/configurationPolicies/${created.id}`).get();
    assert.equal(replaced.description, "PUT by the JS client");

    await assert.rejects(client.api(`/deviceManagement/configurationPolicies/${created.id}`).patch({ settings: [] }),
                         (error) => error.statusCode === 400);

    const assignments = [{ target: { "@odata.type": "#microsoft.graph.allDevicesAssignmentTarget" } }];
    const assigned = await client.api(`/deviceManagement/configurationPolicies/${created.id}/assign`).post({ assignments });
    assert.equal(assigned.value.length, 1);
    const read = await client.api(`/deviceManagement/configurationPolicies/${created.id}`).expand("assignments").get();
    assert.equal(read.assignments[0].target["@odata.type"], "#microsoft.graph.allDevicesAssignmentTarget");

    // Throttled attempts (the client suite lowers the budget for a while) are retried; leave them out.
    const writes = (await sim("writes")).value.filter((w) => w.outcome !== "throttled"
                                                      && (w.path.includes(created.id) || w.createdId === created.id));
    assert.deepEqual(writes.map((w) => [w.method, w.applied]), [["POST", true], ["PUT", true], ["PATCH", false], ["POST", true]]);
});

test("restore writes: assignment filter and scope tag create and PATCH, duplicate names refused", async () => {
    const filter = await client.api("/deviceManagement/assignmentFilters").post({
        displayName: "JS client filter", platform: "windows10AndLater", rule: '(device.model -eq "Surface")',
    });
    assert.ok(filter.id && filter.createdDateTime);
    await assert.rejects(client.api("/deviceManagement/assignmentFilters").post({
        displayName: "js CLIENT filter", platform: "windows10AndLater", rule: "(device.model -eq \"x\")",
    }), (error) => error.statusCode === 400);
    const patched = await client.api(`/deviceManagement/assignmentFilters/${filter.id}`).patch({ description: "patched" });
    assert.equal(patched.description, "patched");
    const found = await client.api("/deviceManagement/assignmentFilters").filter("displayName eq 'JS client filter'").get();
    assert.deepEqual(found.value.map((f) => f.id), [filter.id]);

    const tag = await client.api("/deviceManagement/roleScopeTags").post({ displayName: "JS client tag" });
    assert.match(tag.id, /^\d+$/);
    const renamed = await client.api(`/deviceManagement/roleScopeTags/${tag.id}`).patch({ displayName: "JS client tag 2" });
    assert.equal(renamed.displayName, "JS client tag 2");
    await assert.rejects(client.api("/deviceManagement/roleScopeTags/0").patch({ description: "x" }),
                         (error) => error.statusCode === 400);
});

test("restore writes: a retired template refuses create and PUT", async () => {
    const [bitlocker] = await policyNamed("Windows - BitLocker");
    const templateId = bitlocker.templateReference.templateId;
    const body = await writeBody(bitlocker.id);
    await sim("retire-template", { templateId });
    try {
        const template = await client.api(`/deviceManagement/configurationPolicyTemplates/${templateId}`).get();
        assert.equal(template.lifecycleState, "retired");
        await assert.rejects(client.api("/deviceManagement/configurationPolicies").post({ ...body, name: "copy" }),
                             (error) => error.statusCode === 400);
        await assert.rejects(client.api(`/deviceManagement/configurationPolicies/${bitlocker.id}`).put(body),
                             (error) => error.statusCode === 400);
    } finally {
        await sim("retire-template", { templateId, lifecycleState: "active" });
    }
});

test("a 504 after apply: the object exists once per applied POST, as /_sim/writes says", async () => {
    const [source] = (await client.api("/deviceManagement/configurationPolicies").top(1).get()).value;
    const name = "Created behind a 504";
    await sim("config", { writeFaults: { mode: "504_after_apply", count: 1, methods: ["POST"],
                                         families: ["configurationPolicies"] } });
    // The client's RetryHandler may resend on 504 (it retries buffered requests): that is the
    // hazard a restore must avoid. Whatever it did, graphsim's log and state agree.
    await client.api("/deviceManagement/configurationPolicies").post(await writeBody(source.id, name)).catch((error) => {
        assert.equal(error.statusCode, 504);
    });
    const posts = (await sim("writes")).value.filter((w) => w.method === "POST" && w.path.endsWith("/configurationPolicies")
                                                           && w.createdId);
    const faulted = posts.filter((w) => w.fault === "504_after_apply");
    assert.equal(faulted.length, 1);
    assert.equal(faulted[0].applied, true);
    const named = await policyNamed(name);
    const ids = new Set(named.map((p) => p.id));
    assert.ok(ids.has(faulted[0].createdId), "the 504'd create exists");
    assert.equal(named.length, posts.filter((w) => ids.has(w.createdId)).length, "one object per applied POST");
    assert.equal((await sim("config")).writeFaults.fired, 1);
});
