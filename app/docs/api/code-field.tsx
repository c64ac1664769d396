import type { InputHTMLAttributes, ReactNode } from 'react';

type Props = { id: string; label: ReactNode; value: string; onValue: (value: string) => void; children?: ReactNode } & Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'id' | 'value' | 'onChange' | 'children'
>;

/** A field of the Try it panels: an id, a token or a parameter, typed as is (monospace, no spell check, no autocomplete); `children` follow the input. */
export function CodeField({ id, label, value, onValue, children, ...input }: Props) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} className="input mono" value={value} onChange={(e) => onValue(e.target.value)} spellCheck={false} autoComplete="off" {...input} />
      {children}
    </div>
  );
}
