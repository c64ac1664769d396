import { createHash, randomBytes } from 'node:crypto';

// The random parts of sharing. Secrets (a link's, a guest cookie's) are kept only as SHA-256: they
// carry 256 random bits, so an indexed equality on the hash finds them and nothing slower is needed.
// Ids (`shr_`, `gss_`, `gst_`) are not secrets: they appear in tokens, the feed and the audit log.

const random = (bytes: number) => randomBytes(bytes).toString('base64url');

export const newShareId = () => `shr_${random(18)}`;
export const newGuestSessionId = () => `gss_${random(18)}`;
export const newGuestSub = () => `gst_${random(18)}`;

/** A share link's secret, the last part of `<APP_URL>/s/<secret>`: 256 random bits. */
export const newLinkSecret = () => random(32);
/** A guest session cookie's value: 256 random bits. */
export const newGuestSecret = () => random(32);

export const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');

/** What a link or guest-cookie secret looks like; anything else is refused before any lookup. */
export const isWellFormedSecret = (s: string) => /^[A-Za-z0-9_-]{43}$/.test(s);
export const isWellFormedShareId = (s: string) => /^shr_[A-Za-z0-9_-]{24}$/.test(s);
export const isWellFormedGuestSessionId = (s: string) => /^gss_[A-Za-z0-9_-]{24}$/.test(s);
