import { createRemoteJWKSet, jwtVerify, SignJWT, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { Viewer } from './context';
import { codedError } from './errors';
import { COMMUNE_CODE } from './validation';

/** The roles a token can carry (docs/security.md). */
export const ROLES = ['analyst', 'municipality', 'omil', 'partner', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const DEFAULT_ISSUER = 'los-lagos-employment-graph';
export const DEFAULT_AUDIENCE = 'los-lagos-graph';
/** The embedded default's key: known to everyone, so refused when NODE_ENV=production. */
export const DEV_SECRET = 'los-lagos-dev-secret-for-the-embedded-default-only';

export interface AuthConfig {
  issuer: string;
  audience: string;
  /** HS256 shared secret (the embedded default). */
  secret?: string;
  /** RS256/ES256 keys of an identity provider (production). */
  jwksUrl?: string;
  /** Longest token lifetime accepted, `exp` − `iat`, in seconds (JWT_MAX_TTL_S, default 24 h). */
  maxTtlS?: number;
}

export const DEFAULT_MAX_TTL_S = 24 * 3600;

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

/**
 * The development secret is public (it is in the repository): anyone who reaches a server that
 * accepts it can mint an admin token. A server listening beyond loopback refuses to start with it.
 */
export function assertSafeBinding(host: string | undefined, config: AuthConfig): void {
  if (config.secret === DEV_SECRET && !config.jwksUrl && host && !LOOPBACK.test(host)) {
    throw new Error(
      `HOST=${host} listens beyond this machine with the public development signing secret: set JWT_SECRET (32+ characters) or JWKS_URL, or listen on 127.0.0.1`,
    );
  }
}

/** From JWT_SECRET / JWKS_URL / JWT_ISSUER / JWT_AUDIENCE; production has no default key. */
export function authConfigFromEnv(env: NodeJS.ProcessEnv = process.env): AuthConfig {
  const secret = env.JWT_SECRET || undefined;
  const jwksUrl = env.JWKS_URL || undefined;
  if (env.NODE_ENV === 'production' && !secret && !jwksUrl) {
    throw new Error('NODE_ENV=production needs JWT_SECRET or JWKS_URL: refusing to start with the built-in development secret');
  }
  if (secret && secret.length < 32) throw new Error('JWT_SECRET must be at least 32 characters');
  const maxTtl = env.JWT_MAX_TTL_S ? Number(env.JWT_MAX_TTL_S) : DEFAULT_MAX_TTL_S;
  if (!Number.isInteger(maxTtl) || maxTtl < 1) throw new Error(`JWT_MAX_TTL_S must be a positive integer, got "${env.JWT_MAX_TTL_S}"`);
  return {
    maxTtlS: maxTtl,
    issuer: env.JWT_ISSUER || DEFAULT_ISSUER,
    audience: env.JWT_AUDIENCE || DEFAULT_AUDIENCE,
    secret: jwksUrl ? secret : (secret ?? DEV_SECRET),
    jwksUrl,
  };
}

const unauthenticated = (reason: string) => codedError('UNAUTHENTICATED', `Invalid token: ${reason}`, { reason, http: { status: 401 } });

// jose's error codes → what the client is told.
const REASONS: Record<string, string> = {
  ERR_JWT_EXPIRED: 'expired',
  ERR_JOSE_ALG_NOT_ALLOWED: 'algorithm not allowed',
  ERR_JWS_SIGNATURE_VERIFICATION_FAILED: 'signature does not verify',
  ERR_JWKS_NO_MATCHING_KEY: 'no matching key',
  ERR_JWS_INVALID: 'malformed',
  ERR_JWT_INVALID: 'malformed',
};

function claimReason(error: { code?: string; claim?: string; reason?: string }): string {
  if (error.code !== 'ERR_JWT_CLAIM_VALIDATION_FAILED') return REASONS[error.code ?? ''] ?? 'malformed';
  if (error.reason === 'missing') return `claim "${error.claim}" is missing`;
  if (error.claim === 'nbf') return 'not yet valid';
  if (error.claim === 'iss') return 'wrong issuer';
  if (error.claim === 'aud') return 'wrong audience';
  return `claim "${error.claim}" is invalid`;
}

function viewerFromClaims(payload: JWTPayload, config: AuthConfig): Viewer {
  const maxTtl = config.maxTtlS ?? DEFAULT_MAX_TTL_S;
  if (payload.exp! - payload.iat! > maxTtl || payload.exp! - Date.now() / 1000 > maxTtl) {
    throw unauthenticated(`lifetime longer than ${maxTtl} s`);
  }
  const { sub, roles, communes = [] } = payload as JWTPayload & { roles?: unknown; communes?: unknown };
  const validRoles = Array.isArray(roles) && roles.length > 0 && roles.every((r) => (ROLES as readonly unknown[]).includes(r));
  const validCommunes = Array.isArray(communes) && communes.every((c) => typeof c === 'string' && COMMUNE_CODE.test(c));
  // The subject is recorded (audit, imports): printable text of at most 200 characters.
  const validSub = typeof sub === 'string' && sub.length > 0 && sub.length <= 200 && !/\p{Cc}/u.test(sub);
  if (!validSub || !validRoles || !validCommunes) {
    throw unauthenticated('claims must carry sub (printable, up to 200 characters), roles (known roles) and communes (CUT codes)');
  }
  return { sub, roles: roles as Role[], communes: communes as string[] };
}

const keySets = new Map<string, JWTVerifyGetKey>();

/**
 * Tokens that verified, per configuration, kept until their `exp` (at most TOKEN_CACHE_MS, so a key
 * withdrawn from a JWKS stops being honoured within that): the gateway and each subgraph verify
 * every request's token, and clients send the same token for hours. Failures are never kept.
 */
const TOKEN_CACHE_SIZE = 10_000;
const TOKEN_CACHE_MS = 10 * 60_000;
const verified = new Map<string, { viewer: Viewer; until: number }>();

const cacheKey = (token: string, config: AuthConfig) =>
  `${config.issuer}\u0000${config.audience}\u0000${config.secret ?? ''}\u0000${config.jwksUrl ?? ''}\u0000${token}`;

/** Verifies signature, algorithm, expiry, not-before, issuer and audience; returns the viewer. */
export async function verifyToken(token: string, config: AuthConfig): Promise<Viewer> {
  const key = cacheKey(token, config);
  const known = verified.get(key);
  if (known && Date.now() < known.until) return known.viewer;
  if (known) verified.delete(key);
  const { viewer, exp } = await verifyUncached(token, config);
  // Shared by every request that carries the token: nobody may change it.
  Object.freeze(viewer.roles);
  Object.freeze(viewer.communes);
  Object.freeze(viewer);
  if (verified.size >= TOKEN_CACHE_SIZE) verified.delete(verified.keys().next().value!);
  verified.set(key, { viewer, until: Math.min(exp * 1000, Date.now() + TOKEN_CACHE_MS) });
  return viewer;
}

async function verifyUncached(token: string, config: AuthConfig): Promise<{ viewer: Viewer; exp: number }> {
  // A token must expire: jose checks exp only when present, so it is required here.
  const options = { issuer: config.issuer, audience: config.audience, clockTolerance: 5, requiredClaims: ['exp', 'iat', 'sub'] };
  try {
    if (config.jwksUrl) {
      let keys = keySets.get(config.jwksUrl);
      if (!keys) keySets.set(config.jwksUrl, (keys = createRemoteJWKSet(new URL(config.jwksUrl))));
      const { payload } = await jwtVerify(token, keys, { ...options, algorithms: ['RS256', 'ES256'] });
      return { viewer: viewerFromClaims(payload, config), exp: payload.exp! };
    }
    const key = new TextEncoder().encode(config.secret);
    const { payload } = await jwtVerify(token, key, { ...options, algorithms: ['HS256'] });
    return { viewer: viewerFromClaims(payload, config), exp: payload.exp! };
  } catch (error) {
    if ((error as { extensions?: unknown }).extensions) throw error;
    throw unauthenticated(claimReason(error as { code?: string }));
  }
}

/** No header: the public (null). "Bearer <jwt>": a verified viewer. Anything else: UNAUTHENTICATED. */
export async function viewerFromAuthorization(header: string | undefined, config: AuthConfig): Promise<Viewer | null> {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!match) throw unauthenticated('the Authorization header must be "Bearer <token>"');
  return verifyToken(match[1], config);
}

export interface TokenClaims {
  sub: string;
  roles: Role[];
  communes?: string[];
  /** A partner token's client: it may run only that client's trusted documents (docs/security.md). */
  client?: string;
}

/** Signs an HS256 token for the configured secret (dev tokens and tests; production uses its IdP). */
export async function signToken(claims: TokenClaims, config: AuthConfig, ttl: string | number = '8h'): Promise<string> {
  if (!config.secret) throw new Error('signing needs JWT_SECRET (tokens for a JWKS setup come from its identity provider)');
  return new SignJWT({ roles: claims.roles, communes: claims.communes ?? [], ...(claims.client ? { client: claims.client } : {}) })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.sub)
    .setIssuer(config.issuer)
    .setAudience(config.audience)
    .setIssuedAt()
    .setExpirationTime(ttl)
    .sign(new TextEncoder().encode(config.secret));
}
