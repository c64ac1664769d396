/**
 * The client's address for the audit log: the last X-Forwarded-For entry, which is the one the
 * nearest proxy appended. Next.js fills the header with the socket address only when it is absent,
 * so without a proxy in front a client can choose this value; deploy behind one (README).
 */
export function clientInfo(req: { headers: Headers }): { ip: string | null; userAgent: string | null } {
  const forwarded = req.headers.get('x-forwarded-for');
  const ip = forwarded?.split(',').map((s) => s.trim()).filter(Boolean).pop() ?? null;
  return { ip: ip?.slice(0, 64) ?? null, userAgent: req.headers.get('user-agent')?.slice(0, 512) ?? null };
}
