// What the log never carries, whoever writes a line: no token, cookie, secret, password or email.
// Fields named like a secret are censored whole: at the top of a line by pino's `redact` (compiled
// into its serializer: next to free), below it by `scrubLine` (pino's wildcard paths cost 1-2 ms a
// line: bench/results.md). And `scrubLine` cuts, from every string anywhere in a line, whatever looks
// like a credential the gateway issues or reads, or an email. Deeper than four levels a line carries
// nothing: log fields are ids, codes and counts.

export const CENSORED = '[redacted]';
const TOO_DEEP = '[too deep]';

/** Field names whose values are credentials or personal data, wherever they are in a line. */
export const SECRET_FIELD_NAMES = [
  // tokens: app session tokens, access tokens, API / service-account tokens, the token exchange's
  'token', 'tokens', 'accessToken', 'access_token', 'refreshToken', 'refresh_token', 'idToken', 'id_token', 'subjectToken',
  'subject_token', 'actorToken', 'actor_token', 'apiToken', 'sessionToken', 'csrfToken', 'lookupToken', 'jwt', 'assertion',
  'codeVerifier', 'code_verifier',
  // what carries them
  'authorization', 'Authorization', 'proxyAuthorization', 'proxy-authorization', 'cookie', 'Cookie', 'cookies', 'setCookie',
  'set-cookie', 'Set-Cookie',
  // secrets and what is derived from them
  'secret', 'secrets', 'clientSecret', 'client_secret', 'secretSealed', 'secret_sealed', 'linkSecret', 'guestSecret',
  'cookieSecret', 'cookieKey', 'privateJwk', 'privateKey', 'privateKeyEnc', 'private_key_enc', 'AUTH_SECRET', 'AUTH_SECRETS',
  'APP_TOKEN_KEY_SECRET', 'ARTIFACT_PROXY_SECRET', 'METRICS_TOKEN', 'DATABASE_URL', 'DATABASE_MIGRATION_URL', 'databaseUrl',
  // people
  'password', 'passwordHash', 'password_hash', 'email', 'emails',
] as const;

const secretNames: ReadonlySet<string> = new Set(SECRET_FIELD_NAMES);

/** pino `redact` paths: the names at the top of a line. */
export const redactPaths = SECRET_FIELD_NAMES.map((name) => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : `["${name}"]`));

// Credentials the gateway issues or reads, by shape, wherever they sit in a string.
const SECRET_SHAPES = new RegExp(
  [
    String.raw`eyJ[A-Za-z0-9_-]{2,}(?:\.[A-Za-z0-9_-]*){1,4}`, // JWS and JWE: tokens, the session cookie
    String.raw`\b(?:[Bb]earer|[Bb]asic)\s+[A-Za-z0-9._~+/=-]{8,}`, // Authorization header credentials
    String.raw`\bagw(?:p|_sa|_cs)?_[A-Za-z0-9_-]{16,}`, // API, service-account and client secrets; the proxy's look-up token
    String.raw`\bwhsec_[A-Za-z0-9+/=]{16,}`, // webhook signing secrets
    String.raw`\bv1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}`, // sealed secrets at rest
    String.raw`\bscrypt\$[^\s"',;]+`, // password hashes
    String.raw`(?:session-token|agw_guest\.[\w.-]+|app_gateway_proxy_session)(?:\.\d+)?=[^;\s]*`, // cookies by name
    String.raw`/s/[A-Za-z0-9_-]{43}`, // share links
  ].join('|'),
  'g',
);
// Only where there is an @ (a run of name characters before a missing @ would be scanned from every start).
const AT_SHAPES = new RegExp(
  [
    String.raw`//[^/\s:@]*:[^/\s@]*@`, // a URL's user and password (DATABASE_URL)
    String.raw`[A-Za-z0-9.!#$%&'*+=?^_\`{|}~-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}`, // email addresses
  ].join('|'),
  'g',
);

const scrubString = (s: string) => {
  const cut = s.replace(SECRET_SHAPES, CENSORED);
  return cut.includes('@') ? cut.replace(AT_SHAPES, CENSORED) : cut;
};

function scrub(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return scrubString(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= 4) return TOO_DEEP;
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = secretNames.has(k) ? CENSORED : scrub(v, depth + 1);
  return out;
}

/**
 * pino's `formatters.log`: the line's fields with every credential-shaped piece of every string cut
 * out, fields named like a secret censored below the top level (pino's `redact` does the top), and
 * nothing nested deeper than four levels. The fields themselves are never changed.
 */
export function scrubLine(fields: Record<string, unknown>): Record<string, unknown> {
  let changed: Record<string, unknown> | null = null;
  for (const key in fields) {
    const value = fields[key];
    const clean = scrub(value, 1);
    if (clean !== value) (changed ??= { ...fields })[key] = clean;
  }
  return changed ?? fields;
}
