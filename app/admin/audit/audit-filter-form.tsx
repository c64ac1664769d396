import type { AuditFilterOptions } from '@/lib/gateway/audit/audit-log';
import { Field, invalid } from '../_components/field';

type Props = { options: AuditFilterOptions; values: Record<string, string>; errors: Record<string, string> };

/** A plain GET form: the filters live in the URL, so a filtered view can be bookmarked and exported. */
export function AuditFilterForm({ options, values, errors: e }: Props) {
  return (
    <form method="get" action="/admin/audit" className="panel" data-testid="audit-filters" noValidate>
      <div className="filters">
        <Field id="filter-app" label="App" error={e.app}>
          <select id="filter-app" name="app" className="select" defaultValue={values.app} {...invalid('filter-app', e.app)}>
            <option value="">Any app</option>
            {options.apps.map((a) => (
              <option key={a.id} value={a.id}>
                {a.title}
                {a.deleted ? ' (deleted)' : ''}
              </option>
            ))}
          </select>
        </Field>
        <Field id="filter-user" label="User" error={e.user}>
          <select id="filter-user" name="user" className="select" defaultValue={values.user} {...invalid('filter-user', e.user)}>
            <option value="">Anyone</option>
            {options.users.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name} ({u.email})
              </option>
            ))}
          </select>
        </Field>
        <Field id="filter-result" label="Result" error={e.result}>
          <select id="filter-result" name="result" className="select" defaultValue={values.result} {...invalid('filter-result', e.result)}>
            <option value="">Any result</option>
            <option value="minted">Minted</option>
            <option value="denied">Denied</option>
            <option value="changed">Admin change</option>
          </select>
        </Field>
        <Field id="filter-from" label="From (UTC)" error={e.from}>
          <input id="filter-from" name="from" type="datetime-local" className="input" defaultValue={values.from} {...invalid('filter-from', e.from)} />
        </Field>
        <Field id="filter-to" label="To (UTC, inclusive)" error={e.to}>
          <input id="filter-to" name="to" type="datetime-local" className="input" defaultValue={values.to} {...invalid('filter-to', e.to)} />
        </Field>
      </div>
      <div className="form-actions">
        <button type="submit" className="btn btn--primary">
          Apply filters
        </button>
        <a className="btn btn--ghost" href="/admin/audit">
          Clear
        </a>
      </div>
    </form>
  );
}
