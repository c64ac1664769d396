import { refusalMessage, requireOrgAdmin, requirePlatformAdmin, type OrgAdmin, type PlatformAdmin, type RoleRefusal } from '@/lib/auth/require-role';
import { errorState, formValues, type ActionState } from '@/lib/ui/forms/action-state';

// The console's server actions each check the role themselves: every one is made by orgAdminAction or
// platformAdminAction, which read the role fresh from the session before anything else runs.

type Values = Record<string, string>;
type Read = (form: FormData) => Values;
type Act<A, T> = (admin: A, previous: ActionState<T>, form: FormData, values: Values) => Promise<ActionState<T>>;
type Action<T> = (previous: ActionState<T>, form: FormData) => Promise<ActionState<T>>;

/** The form's named text fields, each bounded (`formValues`), for an action that answers a refusal with what was typed. */
export const fields =
  (names: readonly string[], max?: number): Read =>
  (form) =>
    formValues(form, names, max);

function guarded<A extends { ok: true }, T>(requireRole: () => Promise<A | RoleRefusal>, read: Read | null, act: Act<A, T>): Action<T> {
  return async (previous, form) => {
    const values = read ? read(form) : previous.values;
    const admin = await requireRole();
    return admin.ok ? act(admin, previous, form, values) : errorState(previous, refusalMessage(admin), {}, values);
  };
}

/**
 * A server action for the admins of the active org: anyone else gets the refusal's sentence (and keeps
 * what they typed, `read`); `act` then acts only in the org of the admin's session.
 */
export function orgAdminAction<T = undefined>(act: Act<OrgAdmin, T>): Action<T>;
export function orgAdminAction<T = undefined>(read: Read, act: Act<OrgAdmin, T>): Action<T>;
export function orgAdminAction<T>(first: Read | Act<OrgAdmin, T>, second?: Act<OrgAdmin, T>): Action<T> {
  return second ? guarded(requireOrgAdmin, first as Read, second) : guarded(requireOrgAdmin, null, first as Act<OrgAdmin, T>);
}

/** A server action for platform admins (keys, resources: they serve every org), refused like `orgAdminAction`. */
export function platformAdminAction<T = undefined>(act: Act<PlatformAdmin, T>): Action<T>;
export function platformAdminAction<T = undefined>(read: Read, act: Act<PlatformAdmin, T>): Action<T>;
export function platformAdminAction<T>(first: Read | Act<PlatformAdmin, T>, second?: Act<PlatformAdmin, T>): Action<T> {
  return second ? guarded(requirePlatformAdmin, first as Read, second) : guarded(requirePlatformAdmin, null, first as Act<PlatformAdmin, T>);
}
