// The part of oidc-provider's API the OIDC sign-in test uses (the package ships no types).
declare module 'oidc-provider' {
  import type { Server } from 'node:http';
  type Account = { accountId: string; claims: () => Promise<Record<string, unknown>> };
  type Configuration = {
    clients: Array<Record<string, unknown>>;
    jwks?: { keys: Array<Record<string, unknown>> };
    claims?: Record<string, string[]>;
    cookies?: { keys: string[] };
    findAccount: (ctx: unknown, id: string) => Promise<Account>;
  };
  export default class Provider {
    constructor(issuer: string, configuration: Configuration);
    listen(port: number): Server;
  }
}
