// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
//
// Sign-in for people with msal-node's PublicClientApplication against graphsim over HTTPS:
// device code (the user is played through /_sim/devicecode from the deviceCodeCallback) and
// authorization code + PKCE (the test follows the authorize redirect itself). Runs in the
// child process of conformance.test.mjs (NODE_EXTRA_CA_CERTS = graphsim's CA).
import { test } from "node:test";
import assert from "node:assert/strict";
import { CryptoProvider, PublicClientApplication } from "@azure/msal-node";

const info = JSON.parse(process.env.GRAPHSIM_INFO);
const tenant = info.tenants[0];
const base = info.https;
const hostPort = new URL(base).host;
const authority = `${base}/${tenant.tenantId}`;
const desktop = tenant.publicClients.find((app) => app.displayName === "PolicyVault Desktop");
const confidential = tenant.publicClients.find((app) => !app.publicClient);
const [adele, lee, megan] = ["AdeleV", "LeeG", "MeganB"].map((alias) => `${alias}@${tenant.domain}`);
const scopes = ["https://graph.microsoft.com/.default"];

const authorityMetadata = JSON.stringify(await (await fetch(`${authority}/v2.0/.well-known/openid-configuration`)).json());
const cloudDiscoveryMetadata = JSON.stringify(await (await fetch(`${base}/common/discovery/instance`)).json());

function publicApp(clientId) {
    return new PublicClientApplication({
        auth: { clientId, authority, knownAuthorities: [hostPort], authorityMetadata, cloudDiscoveryMetadata },
    });
}

async function simPost(path, body) {
    const response = await fetch(`${base}/_sim/${path}`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
    });
    return { status: response.status, body: await response.json() };
}

function claims(token) {
    return JSON.parse(Buffer.from(token.split(".")[1], "base64url").toString("utf8"));
}

async function graphGet(token, path) {
    return fetch(`${base}/beta${path}`, { headers: { Authorization: `Bearer ${token}` } });
}

test("discovery advertises the endpoints graphsim serves", async () => {
    const config = JSON.parse(authorityMetadata);
    assert.equal(config.device_authorization_endpoint, `${authority}/oauth2/v2.0/devicecode`);
    assert.equal(config.authorization_endpoint, `${authority}/oauth2/v2.0/authorize`);
});

test("msal-node: device code flow, approved through /_sim as an Intune administrator", async () => {
    let shown;
    const result = await publicApp(desktop.clientId).acquireTokenByDeviceCode({
        scopes,
        deviceCodeCallback: async (response) => {
            shown = response;
            const decided = await simPost("devicecode", { userCode: response.userCode, action: "approve", user: adele });
            assert.equal(decided.status, 200);
        },
    });
    assert.equal(shown.verificationUri, "https://microsoft.com/devicelogin");
    assert.match(shown.message, new RegExp(`enter the code ${shown.userCode} to authenticate`));
    assert.equal(result.account.username, adele);
    assert.equal(result.account.tenantId, tenant.tenantId);
    const access = claims(result.accessToken);
    assert.equal(access.roles, undefined);
    assert.ok(access.scp.split(" ").includes("DeviceManagementConfiguration.Read.All"));
    assert.equal(access.upn, adele);
    assert.equal(result.idTokenClaims.preferred_username, adele);
    const graph = await graphGet(result.accessToken, "/deviceManagement/configurationPolicies?$top=1");
    assert.equal(graph.status, 200);
});

test("msal-node: a declined device code ends the flow with authorization_declined", async () => {
    await assert.rejects(
        publicApp(desktop.clientId).acquireTokenByDeviceCode({
            scopes,
            deviceCodeCallback: async (response) => {
                await simPost("devicecode", { userCode: response.userCode, action: "decline" });
            },
        }),
        (error) => error.errorCode === "authorization_declined" || /authorization_declined/.test(String(error)),
    );
});

test("msal-node: device code on a registration without public client flows is AADSTS7000218", async () => {
    await assert.rejects(
        publicApp(confidential.clientId).acquireTokenByDeviceCode({
            scopes,
            deviceCodeCallback: async (response) => {
                await simPost("devicecode", { userCode: response.userCode, action: "approve" });
            },
        }),
        // msal-node's device code poller reports any error but authorization_pending as
        // post_request_failed naming the error; tst_graphsim_delegated checks the AADSTS code.
        (error) => /invalid_client/.test(`${error.errorCode} ${error.errorMessage}`),
    );
});

async function followAuthorize(url) {
    // The test is the browser: one HTTPS GET (trusting graphsim's CA through NODE_EXTRA_CA_CERTS),
    // no redirect following; the Location is the loopback redirect with code and state.
    const response = await fetch(url, { redirect: "manual" });
    assert.equal(response.status, 302, `authorize answered ${response.status}`);
    return new URL(response.headers.get("location"));
}

test("msal-node: authorization code + PKCE with a loopback redirect on a random port", async () => {
    const app = publicApp(desktop.clientId);
    const { verifier, challenge } = await new CryptoProvider().generatePkceCodes();
    const redirectUri = `http://localhost:${40000 + Math.floor(Math.random() * 20000)}/`;
    const state = "conformance-state";
    const url = await app.getAuthCodeUrl({
        scopes,
        redirectUri,
        codeChallenge: challenge,
        codeChallengeMethod: "S256",
        state,
        loginHint: lee,
    });
    const location = await followAuthorize(url);
    assert.equal(`${location.protocol}//${location.host}${location.pathname}`, redirectUri);
    assert.equal(location.searchParams.get("state"), state);
    const code = location.searchParams.get("code");
    assert.ok(code);
    const result = await app.acquireTokenByCode({ code, scopes, redirectUri, codeVerifier: verifier });
    assert.equal(result.account.username, lee);
    assert.ok(claims(result.accessToken).scp.includes("DeviceManagementConfiguration.Read.All"));
    // Lee Gu is a Read Only Operator: reads work.
    assert.equal((await graphGet(result.accessToken, "/deviceManagement/configurationPolicies?$top=1")).status, 200);

    // The refresh token msal cached (offline_access is one of its default scopes) renews silently.
    const silent = await app.acquireTokenSilent({ account: result.account, scopes, forceRefresh: true });
    assert.notEqual(silent.accessToken, result.accessToken);

    // The code is single use.
    await assert.rejects(
        app.acquireTokenByCode({ code, scopes, redirectUri, codeVerifier: verifier }),
        (error) => error.errorCode === "invalid_grant" && /AADSTS70008/.test(error.errorMessage),
    );
});

test("msal-node: a wrong PKCE verifier is AADSTS50148", async () => {
    const app = publicApp(desktop.clientId);
    const provider = new CryptoProvider();
    const { challenge } = await provider.generatePkceCodes();
    const { verifier: other } = await provider.generatePkceCodes();
    const redirectUri = "http://127.0.0.1:8400/";
    const location = await followAuthorize(
        await app.getAuthCodeUrl({ scopes, redirectUri, codeChallenge: challenge, codeChallengeMethod: "S256" }),
    );
    await assert.rejects(
        app.acquireTokenByCode({ code: location.searchParams.get("code"), scopes, redirectUri, codeVerifier: other }),
        (error) => error.errorCode === "invalid_grant" && /AADSTS50148/.test(error.errorMessage),
    );
});

test("msal-node: a user without an Intune role signs in and gets Graph's 403", async () => {
    const app = publicApp(desktop.clientId);
    const { verifier, challenge } = await new CryptoProvider().generatePkceCodes();
    const redirectUri = "http://localhost:8500/";
    const location = await followAuthorize(
        await app.getAuthCodeUrl({ scopes, redirectUri, codeChallenge: challenge, codeChallengeMethod: "S256", loginHint: megan }),
    );
    const result = await app.acquireTokenByCode({ code: location.searchParams.get("code"), scopes, redirectUri, codeVerifier: verifier });
    assert.equal(result.account.username, megan);
    const denied = await graphGet(result.accessToken, "/deviceManagement/configurationPolicies");
    assert.equal(denied.status, 403);
    assert.match((await denied.json()).error.message, /DeviceManagementConfiguration\.Read\.All/);
});
