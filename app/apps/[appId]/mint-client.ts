/** Browser side of `POST /v1/app-gateway/{appId}/session` with the viewer's session cookie. */
import { mintRequest, type MintKind } from '@/lib/ui/browser/mint-request';
import { takeEarlyMint } from './early-mint-slot';

type Minted = { ok: true; token: string; exp: string; expiresIn: number };

type MintRefusal = {
  ok: false;
  /** The HTTP status, or 0 when the gateway could not be reached. */
  status: number;
  code: string;
  detail: string;
  /** For `org_mismatch`: the app's org, so the viewer can offer a switch. */
  orgId: string | null;
  orgName: string | null;
  retryAfterSeconds: number | null;
};

export type MintResult = Minted | MintRefusal;

const text = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);

export async function mintAppToken(appId: string, kind: MintKind = 'member'): Promise<MintResult> {
  let response: Response;
  try {
    const { url, init } = mintRequest(appId, kind);
    const early = takeEarlyMint(appId);
    response = (early && (await early)) || (await fetch(url, init));
  } catch {
    return refusal(0, 'network', 'The gateway could not be reached.');
  }
  const body = (await response.json().catch(() => null)) as Record<string, unknown> | null;
  if (response.ok && body && typeof body.token === 'string' && typeof body.exp === 'string' && typeof body.expires_in === 'number') {
    return { ok: true, token: body.token, exp: body.exp, expiresIn: body.expires_in };
  }
  const retryAfter = Number(response.headers.get('retry-after'));
  return {
    ...refusal(response.status, text(body?.code) ?? `http_${response.status}`, text(body?.detail) ?? 'The gateway refused to open a session.'),
    orgId: text(body?.orgId),
    orgName: text(body?.orgName),
    retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null,
  };
}

function refusal(status: number, code: string, detail: string): MintRefusal {
  return { ok: false, status, code, detail, orgId: null, orgName: null, retryAfterSeconds: null };
}
