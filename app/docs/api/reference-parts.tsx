import { Fragment, type ReactNode } from 'react';
import type { FieldView, OperationView, SchemaView } from '@/lib/ui/docs/openapi-view';
import { ResponsesList } from './responses-list';

/** Text with `backtick` spans shown as code (the descriptions in the OpenAPI document use them). */
export function Md({ text }: { text: string }) {
  return (
    <>
      {text.split(/(`[^`]+`)/).map((part, i) =>
        part.startsWith('`') && part.endsWith('`') && part.length > 2 ? <code key={i}>{part.slice(1, -1)}</code> : <Fragment key={i}>{part}</Fragment>,
      )}
    </>
  );
}

/** `/v1/app-gateway/{appId}/session` with its path parameters picked out, and line breaks allowed after each `/`. */
export function PathLabel({ path }: { path: string }) {
  return (
    <>
      {path.split(/(\{[^}]+\}|\/)/).map((part, i) =>
        part === '/' ? (
          <Fragment key={i}>
            /<wbr />
          </Fragment>
        ) : part.startsWith('{') ? (
          <span key={i} className="docs-path__param">
            {part}
          </span>
        ) : (
          <Fragment key={i}>{part}</Fragment>
        ),
      )}
    </>
  );
}

/** `body-2` → "Body 2": how a response row names the shared body it links to, and that body's heading. */
export const sharedBodyTitle = (id: string) => `Body ${id.replace(/^body-/, '')}`;

export function MethodBadge({ method }: { method: string }) {
  return <span className={`docs-method docs-method--${method.toLowerCase()}`}>{method}</span>;
}

function statusTone(status: string): 'ok' | 'warn' | 'bad' {
  if (status.startsWith('2')) return 'ok';
  return status.startsWith('5') ? 'bad' : 'warn';
}

export function StatusBadge({ status, children }: { status: string | number; children?: ReactNode }) {
  return <span className={`docs-status badge--${statusTone(String(status))}`}>{children ?? status}</span>;
}

export function SchemaBlock({ schema }: { schema: SchemaView }) {
  switch (schema.kind) {
    case 'object':
      return (
        <div className="docs-schema">
          {schema.description ? (
            <p className="docs-schema__desc">
              <Md text={schema.description} />
            </p>
          ) : null}
          {schema.fields.length === 0 ? (
            <p className="muted">An object{schema.closed ? ' with no fields' : ''}.</p>
          ) : (
            <FieldsTable fields={schema.fields} heading="Field" />
          )}
          {schema.closed ? <p className="docs-schema__note">No other fields are accepted.</p> : null}
        </div>
      );
    case 'union':
      return (
        <div className="docs-schema">
          <p className="docs-schema__desc">One of:</p>
          <ol className="docs-variants">
            {schema.variants.map((variant, i) => (
              <li key={i}>
                <SchemaBlock schema={variant} />
              </li>
            ))}
          </ol>
        </div>
      );
    case 'array':
      return (
        <div className="docs-schema">
          <p className="docs-schema__desc">
            <code>{schema.label}</code> {schema.description ? <Md text={schema.description} /> : null}
          </p>
          {schema.items ? <SchemaBlock schema={schema.items} /> : null}
        </div>
      );
    case 'value':
      return (
        <p className="docs-schema__desc">
          <code>{schema.label}</code> {schema.description ? <Md text={schema.description} /> : null}
        </p>
      );
  }
}

/** Body fields and parameters alike: name and whether it is required, type, what it means. */
function FieldsTable({ fields, heading }: { fields: FieldView[]; heading: string }) {
  return (
    <table className="docs-table docs-fields">
      <thead>
        <tr>
          <th scope="col">{heading}</th>
          <th scope="col">Type</th>
          <th scope="col">Description</th>
        </tr>
      </thead>
      <tbody>
        {fields.map((field) => (
          <FieldRow key={field.name} field={field} />
        ))}
      </tbody>
    </table>
  );
}

/** A type label longer than this (a constant such as a SCIM message URN) may wrap instead of widening the table past its box. */
const LONG_TYPE = 40;

function FieldRow({ field }: { field: FieldView }) {
  return (
    <tr>
      <td>
        <code className="docs-field__name">{field.name}</code>
        {field.required ? <span className="docs-required">required</span> : <span className="docs-optional">optional</span>}
      </td>
      <td className={field.label.length > LONG_TYPE ? 'docs-field__type-cell--long' : undefined}>
        <code className="docs-field__type">{field.label}</code>
      </td>
      <td>
        {field.description ? (
          <p>
            <Md text={field.description} />
          </p>
        ) : null}
        {field.values.length > 0 ? (
          <p className="docs-values">
            <span className="muted">One of </span>
            {field.values.map((v) => (
              <code key={v}>{v}</code>
            ))}
          </p>
        ) : null}
        {field.notes.length > 0 ? (
          <p className="docs-notes">
            {field.notes.map((note) => (
              <span key={note}>{note}</span>
            ))}
          </p>
        ) : null}
        {field.nested ? (
          <div className="docs-nested">
            <SchemaBlock schema={field.nested} />
          </div>
        ) : null}
      </td>
    </tr>
  );
}

export function OperationCard({ op, schemes, children }: { op: OperationView; schemes: Map<string, string>; children?: ReactNode }) {
  return (
    <section id={op.id} className="docs-op" data-testid="operation" data-operation-id={op.id} aria-labelledby={`${op.id}-title`}>
      <header className="docs-op__head">
        <MethodBadge method={op.method} />
        <h2 id={`${op.id}-title`} className="docs-op__path" data-testid="operation-path">
          <PathLabel path={op.path} />
        </h2>
      </header>
      <p className="docs-op__summary">{op.summary}</p>
      {op.description ? (
        <p className="docs-op__desc">
          <Md text={op.description} />
        </p>
      ) : null}
      <div className="docs-op__auth">
        <span className="muted">Authentication</span>
        {op.security.length === 0 ? (
          <span className="badge">None</span>
        ) : (
          op.security.map((name, i) => (
            <Fragment key={name}>
              {i > 0 ? <span className="muted">or</span> : null}
              <a className="badge badge--brand" href="#authentication">
                {schemes.get(name) ?? name}
              </a>
            </Fragment>
          ))
        )}
      </div>

      {op.parameters.length > 0 ? (
        <>
          <h3 className="docs-h3">Parameters</h3>
          <FieldsTable fields={op.parameters} heading="Parameter" />
        </>
      ) : null}

      {op.requestBody ? (
        <>
          <h3 className="docs-h3">
            Request body{' '}
            <span className="docs-h3__meta">
              <code>{op.requestBody.contentType}</code> · {op.requestBody.required ? 'required' : 'optional; an empty body counts as {}'}
            </span>
          </h3>
          {op.requestBody.schema ? <SchemaBlock schema={op.requestBody.schema} /> : null}
        </>
      ) : null}

      <h3 className="docs-h3">Responses</h3>
      <ResponsesList responses={op.responses} />
      {children}
    </section>
  );
}
