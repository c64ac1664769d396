import { z } from 'zod';
import { frameableArtifactOrigin } from './frameable-origin';

/** The register / edit form of an app, as typed. */
export const APP_FIELDS = ['title', 'workflowId', 'hosting', 'artifactUrl', 'upstreamUrl', 'access'] as const;

/** `artifact_url`: the artifact lives at its own URL. `proxy`: the artifact proxy serves it from an upstream. */
export type AppHosting = 'artifact_url' | 'proxy';

export type AppInput = {
  title: string;
  workflowId: string;
  hosting: AppHosting;
  /** Hosting `artifact_url` only. Null = the artifact is still being built. */
  artifactUrl: string | null;
  /** Hosting `proxy` only. Null = the artifact is still being built. */
  upstreamUrl: string | null;
  access: 'login_required' | 'public';
};

/** The full http(s) URL `raw` is, without a user name or password; or why not (`example`: one that would do). */
function httpUrl(raw: string, example: string, otherScheme: string): URL | string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return `Enter a full URL, like ${example}.`;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return otherScheme;
  if (url.username || url.password) return 'The URL must not contain a user name or password.';
  return url;
}

/** Why an artifact URL cannot be used, or null when it can. */
function artifactUrlProblem(raw: string, gatewayOrigin: string): string | null {
  const url = httpUrl(raw, 'https://artifacts.example.com/apps/my-app/', 'Only http:// and https:// URLs can be shown in the viewer.');
  if (typeof url === 'string') return url;
  if (frameableArtifactOrigin(url.href, gatewayOrigin) === null) {
    return `The artifact must be on a different site from the gateway (${new URL(gatewayOrigin).host}), so it cannot reach the gateway’s cookies.`;
  }
  return null;
}

/** Why an upstream URL cannot be used by the artifact proxy, or null when it can. */
function upstreamUrlProblem(raw: string): string | null {
  const url = httpUrl(raw, 'http://10.0.0.7:8080/', 'The upstream must be an http:// or https:// URL.');
  if (typeof url === 'string') return url;
  if (url.search || url.hash) return 'The upstream URL must not carry a query or a fragment.';
  return null;
}

const optionalUrl = (problemOf: (v: string) => string | null) =>
  z
    .string()
    .trim()
    .max(2048, 'Keep the URL under 2048 characters.')
    .superRefine((v, ctx) => {
      const problem = v === '' ? null : problemOf(v);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .transform((v) => (v === '' ? null : new URL(v).href));

const hostingField = (hosting: unknown) => (hosting === 'proxy' ? 'upstreamUrl' : 'artifactUrl');

function buildAppInputSchema(gatewayOrigin: string) {
  const urlOf = { artifactUrl: optionalUrl((u) => artifactUrlProblem(u, gatewayOrigin)), upstreamUrl: optionalUrl(upstreamUrlProblem) };
  return z.object({
    title: z.string().trim().min(1, 'Give the app a title.').max(200, 'Keep the title under 200 characters.'),
    workflowId: z
      .string()
      .trim()
      .min(1, 'Choose a workflow.')
      .max(128, 'Choose a workflow from the list.')
      .regex(/^[A-Za-z0-9_-]+$/, 'Choose a workflow from the list.'),
    hosting: z.preprocess((v) => (v === undefined || v === '' ? 'artifact_url' : v), z.enum(['artifact_url', 'proxy'], { error: 'Choose how the artifact is served.' })),
    // The field of the other hosting is ignored, whatever it holds: only the chosen one is checked and kept.
    artifactUrl: z.preprocess((v) => v ?? '', z.string()),
    upstreamUrl: z.preprocess((v) => v ?? '', z.string()),
    access: z.enum(['login_required', 'public'], { error: 'Choose who can open the app.' }),
  })
    // Runs even when other fields failed, so every bad field is named at once.
    .superRefine(
      (v, ctx) => {
        const field = hostingField(v?.hosting);
        const raw: unknown = v?.[field];
        if (typeof raw !== 'string') return;
        const checked = urlOf[field].safeParse(raw);
        for (const issue of checked.error?.issues ?? []) ctx.addIssue({ code: 'custom', message: issue.message, path: [field] });
      },
      { when: () => true },
    )
    .transform((v): AppInput => {
      const proxied = v.hosting === 'proxy';
      const raw = (proxied ? v.upstreamUrl : v.artifactUrl).trim();
      const url = raw === '' ? null : new URL(raw).href;
      return { ...v, artifactUrl: proxied ? null : url, upstreamUrl: proxied ? url : null };
    });
}

const schemas = new Map<string, ReturnType<typeof buildAppInputSchema>>();

/**
 * Validates the app form; the workflow's org is checked against the database by the caller. Built
 * once per gateway origin, not per request: zod compiles a schema on its first parse.
 */
export function appInputSchema(gatewayOrigin: string) {
  let schema = schemas.get(gatewayOrigin);
  if (!schema) schemas.set(gatewayOrigin, (schema = buildAppInputSchema(gatewayOrigin)));
  return schema;
}
