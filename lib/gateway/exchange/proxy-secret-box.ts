import { sealedSecrets } from '@/lib/platform/crypto/sealed-secret';

// The artifact proxy's client secrets at rest, sealed under APP_TOKEN_KEY_SECRET and bound to the
// credential's id (a sealed value moved to another row, or taken for a webhook secret, does not open).
const sealedProxySecrets = sealedSecrets('app-gateway/proxy-client-secret');

export const sealProxySecret = sealedProxySecrets.seal;
export const openProxySecret = sealedProxySecrets.open;
