// The proxy-overhead bench's world, shared by its servers' process and the bench's.
export const GATEWAY = 'http://localhost:3000';
export const DOMAIN = 'proxy.localhost:3200';
/** The two proxied apps: the demo roster (~1 KB) and a realistic page (~6 KB). */
export const APPS = { plain: 'run_acme_plain', page: 'run_acme_page' } as const;
export const hostOf = (appId: string) => `${appId.replace(/_/g, '-')}.${DOMAIN}`;
export const PAGE_MARKER = 'Quarterly report';
