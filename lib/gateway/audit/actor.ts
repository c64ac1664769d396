/**
 * Who made a change, as the org's audit log names it: a person (in the console with their session,
 * or through the management API with their API token), a service account (with one of its tokens),
 * or the operator running the CLI on the database host.
 */
export type Actor =
  | { kind: 'user'; userId: string; via: 'session' }
  | { kind: 'user'; userId: string; via: 'api_token'; apiTokenId: string }
  | { kind: 'service_account'; serviceAccountId: string; tokenId: string }
  | { kind: 'operator' }
  /** Someone outside the org who came in through a share link or a public app (SPEC §15); a signed-in person keeps their user id. */
  | { kind: 'guest'; userId: string | null; via: 'share_link' | 'public' };

export const OPERATOR: Actor = { kind: 'operator' };

/** A person acting in the console, with their session. */
export const sessionActor = (userId: string): Actor => ({ kind: 'user', userId, via: 'session' });

/** The audit row's columns that name the actor. */
export function actorColumns(actor: Actor): {
  userId: string | null;
  apiTokenId: string | null;
  serviceAccountId: string | null;
  authVia: 'session' | 'api_token' | 'service_account' | 'share_link' | 'public' | null;
} {
  switch (actor.kind) {
    case 'user':
      return { userId: actor.userId, apiTokenId: actor.via === 'api_token' ? actor.apiTokenId : null, serviceAccountId: null, authVia: actor.via };
    case 'service_account':
      return { userId: null, apiTokenId: actor.tokenId, serviceAccountId: actor.serviceAccountId, authVia: 'service_account' };
    case 'guest':
      return { userId: actor.userId, apiTokenId: null, serviceAccountId: null, authVia: actor.via };
    case 'operator':
      return { userId: null, apiTokenId: null, serviceAccountId: null, authVia: null };
  }
}
