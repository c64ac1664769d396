// The production server's two couplings to Next.js internals, in one place. Both are what Next's own
// standalone server does (`next build` with output: 'standalone' writes a server.js that sets them):
// - __NEXT_PRIVATE_STANDALONE_CONFIG: the configuration `next build` resolved, so the server never
//   loads next.config.js (the bundle ships without it and without its build-time dependencies);
// - __NEXT_PRIVATE_ORIGIN: the origin Next.js uses to forward a server action to another worker.
// They are private: next-private-env.test.ts holds them to the Next.js version they were checked
// against, so an upgrade fails there first and names this file.

/** The Next.js version whose server was read to confirm both variables still mean the above. */
export const NEXT_VERSION_CHECKED = '16.4.6';

export function nextPrivateEnv(resolvedConfig: unknown, origin: string): Record<string, string> {
  return {
    __NEXT_PRIVATE_STANDALONE_CONFIG: JSON.stringify(resolvedConfig),
    __NEXT_PRIVATE_ORIGIN: origin,
  };
}
