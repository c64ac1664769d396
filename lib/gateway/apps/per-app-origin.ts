/**
 * One origin per app (SPEC §10). An app's label is its id in DNS form: lower case, `_` → `-`.
 * Artifact domains are `host[:port]`, optionally with a scheme (`https://apps.example.com`);
 * without one, http.
 */
export function appLabel(appId: string): string {
  return appId.toLowerCase().replace(/_/g, '-');
}

/** `http://<label>.<domain>/` — the app's own origin under an artifact domain. */
export function appOriginUrl(domain: string, appId: string): string {
  const { scheme, host } = splitDomain(domain);
  return new URL(`${scheme}//${appLabel(appId)}.${host}/`).href;
}

/** The origin that an artifact URL lives on, as stored for the one-app-per-origin rule. */
export function originOf(url: string): string {
  return new URL(url).origin;
}

/** The label of a request's `Host` under `domain`, or null when the host is not one of its apps. */
export function labelOfHost(hostHeader: string | undefined, domain: string): string | null {
  if (!hostHeader) return null;
  const suffix = `.${splitDomain(domain).host.toLowerCase()}`;
  const host = hostHeader.toLowerCase();
  if (!host.endsWith(suffix)) return null;
  const label = host.slice(0, -suffix.length);
  return /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(label) ? label : null;
}

/** Why a domain setting is unusable, or null. */
export function artifactDomainProblem(domain: string): string | null {
  try {
    const { scheme, host } = splitDomain(domain);
    const url = new URL(`${scheme}//x.${host}/`);
    if (url.host !== `x.${host.toLowerCase()}` && url.host !== `x.${host.toLowerCase().replace(/:(80|443)$/, '')}`) {
      return 'must be a host name with an optional port, like apps.example.com or apps.localhost:3100';
    }
    return null;
  } catch {
    return 'must be a host name with an optional port, like apps.example.com or apps.localhost:3100';
  }
}

function splitDomain(domain: string): { scheme: 'http:' | 'https:'; host: string } {
  const match = /^(https?):\/\/(.*)$/i.exec(domain.trim());
  const scheme = match?.[1]?.toLowerCase() === 'https' ? 'https:' : 'http:';
  return { scheme, host: (match?.[2] ?? domain.trim()).replace(/\/+$/, '') };
}
