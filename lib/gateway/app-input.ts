import { z } from 'zod';
import { frameableArtifactOrigin } from './artifact-origin';

/** The register / edit form of an app, as typed. */
export const APP_FIELDS = ['title', 'workflowId', 'artifactUrl', 'access'] as const;

export type AppInput = {
  title: string;
  workflowId: string;
  /** Null = the artifact is still being built. */
  artifactUrl: string | null;
  access: 'login_required' | 'public';
};

/** Why an artifact URL cannot be used, or null when it can. */
export function artifactUrlProblem(raw: string, gatewayOrigin: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'Enter a full URL, like https://artifacts.example.com/apps/my-app/.';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'Only http:// and https:// URLs can be shown in the viewer.';
  if (url.username || url.password) return 'The URL must not contain a user name or password.';
  if (frameableArtifactOrigin(url.href, gatewayOrigin) === null) {
    return `The artifact must be on a different site from the gateway (${new URL(gatewayOrigin).host}), so it cannot reach the gateway’s cookies.`;
  }
  return null;
}

/** Validates the app form; the workflow's org is checked against the database by the caller. */
export function appInputSchema(gatewayOrigin: string) {
  return z.object({
    title: z.string().trim().min(1, 'Give the app a title.').max(200, 'Keep the title under 200 characters.'),
    workflowId: z
      .string()
      .trim()
      .min(1, 'Choose a workflow.')
      .max(128, 'Choose a workflow from the list.')
      .regex(/^[A-Za-z0-9_-]+$/, 'Choose a workflow from the list.'),
    artifactUrl: z
      .string()
      .trim()
      .max(2048, 'Keep the URL under 2048 characters.')
      .superRefine((v, ctx) => {
        const problem = v === '' ? null : artifactUrlProblem(v, gatewayOrigin);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      })
      .transform((v) => (v === '' ? null : new URL(v).href)),
    access: z.enum(['login_required', 'public'], { error: 'Choose who can open the app.' }),
  });
}
