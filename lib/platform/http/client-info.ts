/**
 * The client's address and user agent for the audit log. The address is X-Forwarded-For as the
 * production server (lib/platform/server/main.ts) rewrote it from the socket, or from the trusted proxies'
 * entries (TRUSTED_PROXY_COUNT): one address, never what the client sent.
 */
export function clientInfo(req: { headers: Headers }): { ip: string | null; userAgent: string | null } {
  const forwarded = req.headers.get('x-forwarded-for');
  const ip = forwarded?.split(',').map((s) => s.trim()).filter(Boolean).pop() ?? null;
  return { ip: ip?.slice(0, 64) ?? null, userAgent: req.headers.get('user-agent')?.slice(0, 512) ?? null };
}
