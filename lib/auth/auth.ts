import NextAuth, { CredentialsSignin, type NextAuthConfig } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import GitHub from 'next-auth/providers/github';
import { env } from '@/lib/platform/config/env';
import { log } from '@/lib/platform/log';
import { initialActiveOrg, switchableOrg } from './active-org';
import { endSessions } from './sessions/end-sessions';
import { linkExternalUser } from './external-users';
import { signInSetsOidcGroups } from './oidc-groups-sign-in';
import { verifyPassword } from './password';
import { SIGN_IN_LOCKED, throttledPasswordCheck } from './sign-in-throttle';
import { createSession } from './sessions/session-store';
import { decodeSessionToken } from './sessions/session-decoder';
import { signInClient } from './sign-in-client';
import { findUserByEmail, findUserById } from './user-queries';

class SignInLocked extends CredentialsSignin {
  override code = SIGN_IN_LOCKED;
}

declare module 'next-auth' {
  interface Session {
    userId: string;
    activeOrgId: string | null;
    /** The server-side session this cookie names; pages and the mint check it is still on. */
    sessionId: string;
  }
}

function providers(): NextAuthConfig['providers'] {
  const e = env();
  const list: NextAuthConfig['providers'] = [];
  if (e.credentialsEnabled) {
    list.push(
      Credentials({
        credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
        async authorize(c) {
          const email = typeof c.email === 'string' ? c.email.trim().slice(0, 320) : '';
          const password = typeof c.password === 'string' ? c.password.slice(0, 1024) : '';
          if (!email || !password) return null;
          let user: Awaited<ReturnType<typeof findUserByEmail>> = null;
          const check = await throttledPasswordCheck(email, async () => {
            user = await findUserByEmail(email);
            // Unknown emails are checked against a dummy hash: the answer takes as long either way.
            return verifyPassword(password, user?.passwordHash ?? null);
          });
          if (check === 'locked') throw new SignInLocked();
          const found = user as Awaited<ReturnType<typeof findUserByEmail>>;
          return check === 'ok' && found ? { id: found.id, name: found.name, email: found.email } : null;
        },
      }),
    );
  }
  if (e.AUTH_OIDC_ISSUER && e.AUTH_OIDC_ID) {
    list.push({
      id: 'oidc',
      name: e.AUTH_OIDC_NAME,
      type: 'oidc',
      issuer: e.AUTH_OIDC_ISSUER,
      clientId: e.AUTH_OIDC_ID,
      clientSecret: e.AUTH_OIDC_SECRET,
      checks: ['pkce', 'state', 'nonce'],
      // The ID token is still required and validated; the profile (email, email_verified, name) comes
      // from the userinfo endpoint, where conformant providers put scope claims.
      idToken: false,
    });
  }
  if (e.AUTH_GITHUB_ID && e.AUTH_GITHUB_SECRET) {
    list.push(GitHub({ clientId: e.AUTH_GITHUB_ID, clientSecret: e.AUTH_GITHUB_SECRET }));
  }
  return list;
}

/** `request` is the HTTP request for the /api/auth routes, undefined for server actions and pages. */
function config(request: Request | undefined): NextAuthConfig {
  const e = env();
  return {
    // Every listed secret opens a session cookie; the first seals new ones (rotation, SECURITY.md).
    secret: e.AUTH_SECRETS,
    trustHost: true,
    providers: providers(),
    session: { strategy: 'jwt', maxAge: e.SESSION_MAX_AGE_SECONDS },
    // The session cookie's one decoder, the mint's too (session-cookie.ts); Auth.js's own encode seals it.
    jwt: { decode: decodeSessionToken },
    pages: { signIn: '/signin', error: '/signin' },
    // Auth.js logs errors with their stacks by default (every failed sign-in): log names only.
    logger: {
      error: (error) => log.warn('auth_error', { error: (error as { type?: string }).type ?? error.name }),
      warn: (code) => log.warn('auth_warning', { code }),
      debug: () => {},
    },
    callbacks: {
      async signIn({ user, account, profile }) {
        if (!account || account.provider === 'credentials') return true;
        const linked = await linkExternalUser(account, profile, user);
        if (!linked) return false;
        await signInSetsOidcGroups(linked, account, profile);
        user.id = linked;
        return true;
      },
      async jwt({ token, user, trigger, session }) {
        if (trigger === 'signIn' || trigger === 'signUp') {
          const u = user?.id ? await findUserById(user.id) : null;
          if (!u) return null;
          token.sub = u.id;
          token.activeOrgId = await initialActiveOrg(u.id, u.lastActiveOrgId);
          token.sid = await createSession(u.id, await signInClient(request));
        }
        if (trigger === 'update' && token.sub) {
          const wanted = (session as { activeOrgId?: unknown } | undefined)?.activeOrgId;
          if (typeof wanted === 'string') {
            const org = await switchableOrg(token.sub, wanted);
            if (org) token.activeOrgId = org;
          }
        }
        return token;
      },
      session({ session, token }) {
        session.userId = token.sub ?? '';
        session.activeOrgId = typeof token.activeOrgId === 'string' ? token.activeOrgId : null;
        session.sessionId = typeof token.sid === 'string' ? token.sid : '';
        return session;
      },
    },
    events: {
      // The header's button and POST /api/auth/signout: the session ends on the server too, so a
      // copy of the cookie is refused from now on (and the feed tells artifacts).
      async signOut(message) {
        const token = 'token' in message ? message.token : null;
        if (typeof token?.sub === 'string' && typeof token.sid === 'string') await endSessions(token.sub, { only: [token.sid] }, 'signed_out');
      },
    },
  };
}

export const { handlers, auth, signIn, signOut, unstable_update } = NextAuth((request) => config(request));
