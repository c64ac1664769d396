import { Field, invalid } from './field';

/** The Role select of the invitation forms (member or admin; member unless chosen). */
export function RoleField({ id, role, error }: { id: string; role: string | undefined; error: string | undefined }) {
  return (
    <Field id={id} label="Role" error={error}>
      <select id={id} name="role" className="select" defaultValue={role || 'member'} {...invalid(id, error)}>
        <option value="member">Member</option>
        <option value="admin">Admin</option>
      </select>
    </Field>
  );
}
