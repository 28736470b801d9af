import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, UnsecuredJWT } from 'jose';
import { authConfigFromEnv, DEFAULT_AUDIENCE, DEFAULT_ISSUER, DEV_SECRET, verifyToken, type AuthConfig } from '../../kit/auth';
import { securityFromEnv } from '../../kit/config';
import { errorCodes, post } from '../support/graphql';
import { describeEachDatabase } from '../support/platform';

const QUERY = '{ region(code: "10") { name } }';
const now = () => Math.floor(Date.now() / 1000);
const hs = (secret: string) => new TextEncoder().encode(secret);

function claims(overrides: Record<string, unknown> = {}) {
  return {
    sub: 'tester',
    roles: ['analyst'],
    communes: [],
    iss: DEFAULT_ISSUER,
    aud: DEFAULT_AUDIENCE,
    iat: now(),
    exp: now() + 600,
    ...overrides,
  };
}

const sign = (payload: Record<string, unknown>, secret = DEV_SECRET) =>
  new SignJWT(payload).setProtectedHeader({ alg: 'HS256' }).sign(hs(secret));

const CLAIMS = 'claims must carry sub (printable, up to 200 characters), roles (known roles) and communes (CUT codes)';

const FORGED: [string, () => Promise<string>, string][] = [
  ['expired', () => sign(claims({ exp: now() - 3600 })), 'expired'],
  ['without expiry', () => sign(claims({ exp: undefined })), 'claim "exp" is missing'],
  ['not yet valid', () => sign(claims({ nbf: now() + 3600 })), 'not yet valid'],
  ['alg none', async () => new UnsecuredJWT(claims()).encode(), 'algorithm not allowed'],
  ['wrong key', () => sign(claims(), 'another-secret-of-at-least-32-characters!'), 'signature does not verify'],
  ['wrong issuer', () => sign(claims({ iss: 'someone-else' })), 'wrong issuer'],
  ['wrong audience', () => sign(claims({ aud: 'another-api' })), 'wrong audience'],
  ['unknown role', () => sign(claims({ roles: ['superuser'] })), CLAIMS],
  ['malformed communes', () => sign(claims({ roles: ['municipality'], communes: [10101] })), CLAIMS],
  // A subject is recorded in the audit and the imports: a NUL in it made their SQL fail (500).
  ['with a NUL in its subject', () => sign(claims({ sub: 'a\u0000b' })), CLAIMS],
  ['with a 201-character subject', () => sign(claims({ sub: 'x'.repeat(201) })), CLAIMS],
  ['garbage', async () => 'not.a.jwt', 'malformed'],
  // Issue 12, finding 12: a 100-year token passed.
  ['valid for 100 years', () => sign(claims({ exp: now() + 100 * 365 * 86400 })), 'lifetime longer than 86400 s'],
  ['valid for 25 hours', () => sign(claims({ exp: now() + 25 * 3600 })), 'lifetime longer than 86400 s'],
];

describeEachDatabase('tokens', (platform) => {
  it.each(FORGED)('refuses a token that is %s with UNAUTHENTICATED (401) at the gateway', async (_label, make, reason) => {
    const body = await post(platform().url, QUERY, undefined, { authorization: `Bearer ${await make()}` });
    expect(body.status).toBe(401);
    expect(errorCodes(body)).toEqual(['UNAUTHENTICATED']);
    expect(body.errors![0].extensions!.reason).toBe(reason);
    expect(body.data).toBeUndefined();
  });

  it.each(FORGED)('refuses a token that is %s in a subgraph reached directly', async (_label, make) => {
    const body = await post(platform().subgraphs.communes.served!.url, QUERY, undefined, { authorization: `Bearer ${await make()}` });
    expect(errorCodes(body)).toEqual(['UNAUTHENTICATED']);
  });

  it('refuses an Authorization header that is not a bearer token', async () => {
    const body = await post(platform().url, QUERY, undefined, { authorization: 'Basic dXNlcjpwYXNz' });
    expect(body.status).toBe(401);
    expect(errorCodes(body)).toEqual(['UNAUTHENTICATED']);
  });

  it('accepts a valid token and answers as before', async () => {
    const body = await post(platform().url, QUERY, undefined, { authorization: `Bearer ${await sign(claims())}` });
    expect(body).toMatchObject({ status: 200, data: { region: { name: 'Los Lagos' } } });
  });
});

describe('token configuration', () => {
  it('refuses to start in production without a secret or JWKS, and rejects short secrets', () => {
    expect(() => authConfigFromEnv({ NODE_ENV: 'production' })).toThrow(/refusing to start/);
    expect(() => authConfigFromEnv({ NODE_ENV: 'production', JWT_SECRET: 'short' })).toThrow(/at least 32/);
    expect(authConfigFromEnv({ NODE_ENV: 'production', JWKS_URL: 'https://idp.example.cl/jwks' })).toMatchObject({ secret: undefined });
    expect(authConfigFromEnv({}).secret).toBe(DEV_SECRET);
    const secret = 'a-production-secret-of-at-least-32-chars';
    expect(() => securityFromEnv({ NODE_ENV: 'production', JWT_SECRET: secret })).toThrow(/SUBGRAPH_SHARED_SECRET/);
    expect(securityFromEnv({ NODE_ENV: 'production', JWT_SECRET: secret, SUBGRAPH_SHARED_SECRET: 's' }).sharedSecret).toBe('s');
  });

  describe('with a JWKS (RS256 and ES256)', () => {
    let server: Server;
    let config: AuthConfig;
    const keys: Record<string, Awaited<ReturnType<typeof generateKeyPair>>['privateKey']> = {};

    beforeAll(async () => {
      const rsa = await generateKeyPair('RS256');
      const ec = await generateKeyPair('ES256');
      keys.RS256 = rsa.privateKey;
      keys.ES256 = ec.privateKey;
      const jwks = {
        keys: [
          { ...(await exportJWK(rsa.publicKey)), kid: 'rsa', alg: 'RS256' },
          { ...(await exportJWK(ec.publicKey)), kid: 'ec', alg: 'ES256' },
        ],
      };
      server = createServer((_req, res) => res.setHeader('content-type', 'application/json').end(JSON.stringify(jwks)));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      config = {
        issuer: DEFAULT_ISSUER,
        audience: DEFAULT_AUDIENCE,
        jwksUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`,
      };
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it.each([
      ['RS256', 'rsa'],
      ['ES256', 'ec'],
    ])('verifies %s tokens signed by the provider', async (alg, kid) => {
      const token = await new SignJWT(claims({ roles: ['municipality'], communes: ['10101'] }))
        .setProtectedHeader({ alg, kid })
        .sign(keys[alg]);
      await expect(verifyToken(token, config)).resolves.toEqual({ sub: 'tester', roles: ['municipality'], communes: ['10101'] });
    });

    it('refuses HS256 (even with the development secret) and alg none when a JWKS is configured', async () => {
      await expect(verifyToken(await sign(claims()), config)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
      await expect(verifyToken(new UnsecuredJWT(claims()).encode(), config)).rejects.toMatchObject({
        extensions: { code: 'UNAUTHENTICATED' },
      });
    });
  });
});
