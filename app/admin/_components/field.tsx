import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes } from 'react';

/** A labelled field with its error (or hint) right under it; the input's id must be `id`. */
export function Field({
  id,
  label,
  error,
  hint,
  wide,
  children,
}: {
  id: string;
  label: string;
  error?: string;
  hint?: ReactNode;
  wide?: boolean;
  children: ReactNode;
}) {
  return (
    <div className={`field${wide ? ' field--wide' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children}
      {error ? (
        <span className="field-error" id={`${id}-error`} data-testid={`${id}-error`} role="alert">
          {error}
        </span>
      ) : hint ? (
        <span className="field-hint">{hint}</span>
      ) : null}
    </div>
  );
}

/** The attributes that tie an input to its error message. */
export function invalid(id: string, error: string | undefined) {
  return error ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-error` } : {};
}

type Bound = {
  id: string;
  /** The form field's name: its value in `values`, its error in `errors`. */
  name: string;
  label: string;
  hint?: ReactNode;
  wide?: boolean;
  values: Record<string, string | undefined>;
  errors: Record<string, string | undefined>;
};

/** A labelled input showing the value a refused form sent back, and its error. */
export function TextField({ id, name, label, hint, wide, values, errors, ...input }: Bound & Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'name'>) {
  return (
    <Field id={id} label={label} error={errors[name]} hint={hint} wide={wide}>
      <input id={id} name={name} className="input" defaultValue={values[name]} {...input} {...invalid(id, errors[name])} />
    </Field>
  );
}

type Option = { value: string | number; label: ReactNode };

/** A labelled select, like `TextField`: its `options`, after any written as `children`. */
export function SelectField({ id, name, label, hint, wide, values, errors, options = [], children, ...select }: Bound & { options?: Option[] } & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'name'>) {
  return (
    <Field id={id} label={label} error={errors[name]} hint={hint} wide={wide}>
      <select id={id} name={name} className="select" defaultValue={values[name]} {...select} {...invalid(id, errors[name])}>
        {children}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** How many days a secret lives: 1 to `max`, `fallback` when left empty. */
export function DaysField({ id, label, max, fallback, values, errors }: Pick<Bound, 'id' | 'label' | 'values' | 'errors'> & { max: number; fallback: number | string }) {
  return <TextField id={id} name="expiresInDays" label={label} hint={`1–${max}; ${fallback} if left empty.`} inputMode="numeric" values={values} errors={errors} />;
}
