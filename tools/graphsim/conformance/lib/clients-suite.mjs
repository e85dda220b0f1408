// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
//
// Runs in a child node process started by conformance.test.mjs with NODE_EXTRA_CA_CERTS set
// to graphsim's CA and GRAPHSIM_INFO set to its startup line. Everything goes over HTTPS.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { test } from "node:test";
import assert from "node:assert/strict";
import { ConfidentialClientApplication } from "@azure/msal-node";

// The graph client ships CommonJS for Node; require() avoids guessing its ESM interop.
const graph = createRequire(import.meta.url)("@microsoft/microsoft-graph-client");
const { Client, PageIterator, BatchRequestContent, BatchResponseContent } = graph;

const info = JSON.parse(process.env.GRAPHSIM_INFO);
const tenant = info.tenants[0];
const base = info.https;
const hostPort = new URL(base).host;
const authority = `${base}/${tenant.tenantId}`;
const scopes = ["https://graph.microsoft.com/.default"];

async function sim(path, body) {
    const response = await fetch(`${base}/_sim/${path}`, body === undefined ? {} : {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
    });
    assert.equal(response.status, 200, `/_sim/${path}`);
    return response.json();
}

// Authority metadata handed to msal, so it fetches nothing on its own.
const authorityMetadata = JSON.stringify(await (await fetch(`${authority}/v2.0/.well-known/openid-configuration`)).json());
const cloudDiscoveryMetadata = JSON.stringify(await (await fetch(`${base}/common/discovery/instance`)).json());

function msalApp(credentials) {
    return new ConfidentialClientApplication({
        auth: {
            clientId: tenant.clientId,
            authority,
            knownAuthorities: [hostPort],
            authorityMetadata,
            cloudDiscoveryMetadata,
            ...credentials,
        },
    });
}

function claims(token) {
    return JSON.parse(Buffer.from(token.split(".")[1], "base64url").toString("utf8"));
}

function graphClient(token) {
    return Client.initWithMiddleware({
        authProvider: { getAccessToken: async () => token },
        baseUrl: `${base}/`,
        defaultVersion: "beta",
        customHosts: new Set([new URL(base).hostname]),
    });
}

let accessToken;

test("msal-node: client credentials with a client secret", async () => {
    const result = await msalApp({ clientSecret: tenant.clientSecret }).acquireTokenByClientCredential({ scopes });
    assert.ok(result && result.accessToken);
    const c = claims(result.accessToken);
    assert.equal(c.tid, tenant.tenantId);
    assert.equal(c.appid, tenant.clientId);
    assert.equal(c.aud, "https://graph.microsoft.com");
    assert.ok(Array.isArray(c.roles) && c.roles.length > 0);
    accessToken = result.accessToken;
});

test("msal-node: a wrong client secret is refused with invalid_client", async () => {
    await assert.rejects(
        msalApp({ clientSecret: "not-the-secret" }).acquireTokenByClientCredential({ scopes }),
        (error) => error.errorCode === "invalid_client",
    );
});

const privateKey = readFileSync(info.clientKey, "utf8");

test("msal-node: certificate assertion, SHA-256 thumbprint (PS256, x5t#S256)", async () => {
    const app = msalApp({ clientCertificate: { thumbprintSha256: info.clientCertificateThumbprintSha256, privateKey } });
    const result = await app.acquireTokenByClientCredential({ scopes });
    assert.equal(claims(result.accessToken).tid, tenant.tenantId);
});

test("msal-node: certificate assertion, SHA-1 thumbprint (RS256, x5t)", async () => {
    const app = msalApp({ clientCertificate: { thumbprint: info.clientCertificateThumbprint, privateKey } });
    const result = await app.acquireTokenByClientCredential({ scopes });
    assert.equal(claims(result.accessToken).appid, tenant.clientId);
});

test("graph client: PageIterator follows nextLinks over configurationPolicies", async () => {
    const before = await sim("stats");
    const client = graphClient(accessToken);
    const first = await client.api("/deviceManagement/configurationPolicies").get();
    assert.ok(first["@odata.nextLink"], "first page has a nextLink");
    const ids = [];
    const iterator = new PageIterator(client, first, (policy) => {
        ids.push(policy.id);
        return true;
    });
    await iterator.iterate();
    assert.ok(iterator.isComplete());
    assert.equal(new Set(ids).size, ids.length, "no policy twice");
    assert.ok(ids.length > 10, `got ${ids.length} policies`);
    const after = await sim("stats");
    assert.ok(after.pagesServed - before.pagesServed >= 3, "at least 3 pages served");
});

test("graph client: BatchRequestContent round trip", async () => {
    const client = graphClient(accessToken);
    const batch = new BatchRequestContent([
        { id: "1", request: new Request(`${base}/deviceManagement/roleScopeTags`, { method: "GET" }) },
        { id: "2", request: new Request(`${base}/deviceManagement/configurationPolicies?$top=2`, { method: "GET" }) },
        {
            id: "3",
            request: new Request(`${base}/deviceManagement/configurationPolicies/00000000-0000-0000-0000-000000000bad`,
                                 { method: "GET" }),
        },
    ]);
    const content = await batch.getContent();
    const response = new BatchResponseContent(await client.api("/$batch").post(content));
    assert.equal(response.getResponseById("1").status, 200);
    assert.equal(response.getResponseById("2").status, 200);
    assert.equal((await response.getResponseById("2").json()).value.length, 2);
    assert.equal(response.getResponseById("3").status, 404);
});

test("graph client: RetryHandler waits out a 429 and gets through", async () => {
    const saved = await sim("config");
    await sim("config", { appRequests: 3, windowMs: 2000 });
    try {
        const before = await sim("stats");
        const client = graphClient(accessToken);
        for (let i = 0; i < 5; ++i) {
            const tags = await client.api("/deviceManagement/roleScopeTags").get();
            assert.ok(Array.isArray(tags.value));
        }
        const after = await sim("stats");
        assert.ok(after.throttled > before.throttled, "a 429 was issued");
        assert.ok((after.byStatus["429"] ?? 0) >= 1);
    } finally {
        await sim("config", { appRequests: saved.appRequests, windowMs: saved.windowMs });
    }
});

test("graphsim saw at least 3 pages, a 429 and no early retries", async () => {
    const stats = await sim("stats");
    assert.ok(stats.pagesServed >= 3);
    assert.ok(stats.throttled >= 1);
    assert.equal(stats.earlyRetries, 0);
});
