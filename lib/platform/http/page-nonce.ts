import { headers } from 'next/headers';

/** The script nonce proxy.ts put in this request's Content-Security-Policy, for the page's own inline scripts. */
export async function pageNonce(): Promise<string | undefined> {
  const policy = (await headers()).get('content-security-policy') ?? '';
  return /'nonce-([A-Za-z0-9+/=]+)'/.exec(policy)?.[1];
}
