// A real OpenID Connect provider (oidc-provider) on loopback, for the web sign-in tests. It is an ES module, so it
// runs as its own process (jest runs our tests as CommonJS): started by test/support/oidc-test-provider-process.ts.
//
// Environment: OIDC_TEST_CLIENT (JSON: client_id, client_secret, redirect_uris) and OIDC_TEST_ACCOUNTS (JSON: account
// id -> claims such as email, oid, name). There is no login form: each sign-in logs in the account last named by
// `POST /test/next-account` (body: the account id), and consent is given at once.
// Prints `READY <issuer url>` when listening.
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

const client = JSON.parse(process.env.OIDC_TEST_CLIENT ?? '{}');
const accounts = JSON.parse(process.env.OIDC_TEST_ACCOUNTS ?? '{}');
let nextAccount = Object.keys(accounts)[0];

const server = createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const provider = new Provider(issuer, {
  clients: [{ ...client, response_types: ['code'], grant_types: ['authorization_code'], token_endpoint_auth_method: 'client_secret_post' }],
  claims: { openid: ['sub', 'oid'], email: ['email', 'email_verified'], profile: ['name'] },
  // the claims in the ID token itself, as Microsoft Entra ID sends them (no userinfo call needed)
  conformIdTokenClaims: false,
  cookies: { keys: ['test-only-cookie-key-not-a-secret'] },
  features: { devInteractions: { enabled: false } },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  findAccount: (_ctx, id) => (accounts[id] ? { accountId: id, claims: () => ({ sub: id, ...accounts[id] }) } : undefined),
});

async function finishInteraction(req, res) {
  const details = await provider.interactionDetails(req, res);
  if (details.prompt.name === 'login') {
    await provider.interactionFinished(req, res, { login: { accountId: nextAccount } }, { mergeWithLastSubmission: false });
    return;
  }
  const grant = details.grantId ? await provider.Grant.find(details.grantId) : new provider.Grant({ accountId: details.session.accountId, clientId: details.params.client_id });
  if (details.prompt.details.missingOIDCScope) grant.addOIDCScope(details.prompt.details.missingOIDCScope.join(' '));
  if (details.prompt.details.missingOIDCClaims) grant.addOIDCClaims(details.prompt.details.missingOIDCClaims);
  await provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
}

const callback = provider.callback();
server.on('request', (req, res) => {
  if (req.method === 'POST' && req.url === '/test/next-account') {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      nextAccount = body.trim();
      res.writeHead(204).end();
    });
    return;
  }
  if (req.method === 'GET' && req.url?.startsWith('/interaction/')) {
    finishInteraction(req, res).catch((error) => {
      res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
    });
    return;
  }
  callback(req, res);
});

process.stdout.write(`READY ${issuer}\n`);
