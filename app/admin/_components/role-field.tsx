import { SelectField } from './field';

/** The Role select of the invitation forms (member or admin; member unless chosen). */
export function RoleField({ id, role, error }: { id: string; role: string | undefined; error: string | undefined }) {
  return (
    <SelectField id={id} name="role" label="Role" values={{ role: role || 'member' }} errors={{ role: error }}>
      <option value="member">Member</option>
      <option value="admin">Admin</option>
    </SelectField>
  );
}
