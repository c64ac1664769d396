// Turns the OpenAPI 3.1 document (lib/platform/http/openapi.ts) into what the reference page at /docs/api
// renders: operations, parameters, bodies, a status table with error codes, and field tables for the
// JSON Schemas zod emits. Pure: no React, no I/O.

import type { JsonSchema, ResponseObject, OpenApiDoc, SchemaView, FieldView, ResponseView, OperationView, SecuritySchemeView, ErrorCodeView, SharedBodyView } from './openapi-types';

export type * from './openapi-types';

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
// zod marks every integer with the safe-integer range; that says nothing to a reader.
const SAFE = Number.MAX_SAFE_INTEGER;
const SCHEME_TITLES: Record<string, string> = { apiToken: 'API token', session: 'Browser session', guestSession: 'Guest session', managementToken: 'Management token' };

/** A body that this many responses share is shown once (the reference page had ~230 copies of the problem object's table). */
const SHARED_AT = 3;

type Media = [contentType: string, schema: JsonSchema];
const mediaOf = (response: ResponseObject): Media | null => {
  const media = response.content ? Object.entries(response.content)[0] : undefined;
  return media?.[1].schema ? [media[0], media[1].schema] : null;
};
const bodyKey = ([contentType, schema]: Media) => `${contentType} ${JSON.stringify(schema)}`;

function* responsesIn(doc: OpenApiDoc): Generator<ResponseObject> {
  for (const item of Object.values(doc.paths)) for (const method of METHODS) yield* Object.values(item[method]?.responses ?? {});
}

/** The response bodies at least SHARED_AT responses answer with, by key, the most used first as `body-1`. */
function sharedBodies(doc: OpenApiDoc): Map<string, { id: string; media: Media; uses: number }> {
  const seen = new Map<string, { media: Media; uses: number }>();
  for (const response of responsesIn(doc)) {
    const media = mediaOf(response);
    if (!media) continue;
    const key = bodyKey(media);
    const entry = seen.get(key) ?? { media, uses: 0 };
    entry.uses += 1;
    seen.set(key, entry);
  }
  const shared = [...seen.entries()].filter(([, { uses }]) => uses >= SHARED_AT).sort(([, a], [, b]) => b.uses - a.uses);
  return new Map(shared.map(([key, entry], i) => [key, { id: `body-${i + 1}`, ...entry }]));
}

/** Top-level field names, a union's in the order its variants first name them. */
const fieldNamesOf = (schema: JsonSchema): string[] => [...new Set([...Object.keys(schema.properties ?? {}), ...(schema.anyOf ?? schema.oneOf ?? []).flatMap(fieldNamesOf)])];

/** The shared response bodies, `body-1` the most used: the page shows each once and links each response to its own. */
export const sharedBodiesOf = (doc: OpenApiDoc): SharedBodyView[] =>
  [...sharedBodies(doc).values()].map(({ id, media: [contentType, schema], uses }) => ({ id, contentType, fieldNames: fieldNamesOf(schema), schema: schemaView(schema), uses }));

export function operationsOf(doc: OpenApiDoc): OperationView[] {
  const codes = doc['x-error-codes'] ?? {};
  const shared = sharedBodies(doc);
  const operations: OperationView[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const body = op.requestBody?.content ? Object.entries(op.requestBody.content)[0] : undefined;
      operations.push({
        id: op.operationId ?? `${method}-${path}`,
        method: method.toUpperCase(),
        path,
        summary: op.summary ?? '',
        description: op.description ?? null,
        security: (op.security ?? doc.security ?? []).flatMap((requirement) => Object.keys(requirement)),
        // Shown like body fields: where it goes and an example are notes.
        parameters: (op.parameters ?? []).map((p) => ({
          name: p.name,
          required: p.required === true,
          label: p.schema ? labelOf(p.schema) : 'any',
          notes: [`in ${p.in}`, ...(p.example === undefined ? [] : [`e.g. ${display(p.example)}`])],
          values: p.schema ? valuesOf(p.schema) : [],
          description: p.description ?? p.schema?.description ?? null,
          nested: null,
        })),
        requestBody: body
          ? { required: op.requestBody?.required === true, contentType: body[0], schema: body[1].schema ? schemaView(body[1].schema) : null }
          : null,
        responses: Object.entries(op.responses ?? {})
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([status, response]) => responseView(status, response, codes, shared)),
      });
    }
  }
  return operations;
}

function responseView(status: string, response: ResponseObject, codes: NonNullable<OpenApiDoc['x-error-codes']>, shared: Map<string, { id: string }>): ResponseView {
  const media = mediaOf(response);
  const contentType = Object.keys(response.content ?? {})[0] ?? null;
  return {
    status,
    description: response.description ?? '',
    contentType,
    schema: media ? schemaView(media[1]) : null,
    sharedBody: media ? (shared.get(bodyKey(media))?.id ?? null) : null,
    headers: Object.entries(response.headers ?? {}).map(([name, header]) => ({
      name,
      value: header.schema?.const !== undefined ? String(header.schema.const) : (header.description ?? (header.schema ? labelOf(header.schema) : '')),
    })),
    codes:
      contentType !== 'application/problem+json'
        ? []
        : response['x-codes']
          ? response['x-codes'].filter((code) => code in codes)
          : Object.entries(codes)
            .filter(([, c]) => String(c.status) === status)
            .map(([code]) => code),
  };
}

/** An HTTP auth scheme as RFC 9110 spells it in prose (`Bearer`, `Basic`); names are case-insensitive. */
const capitalized = (scheme: string) => scheme.charAt(0).toUpperCase() + scheme.slice(1);

export function securitySchemesOf(doc: OpenApiDoc): SecuritySchemeView[] {
  return Object.entries(doc.components?.securitySchemes ?? {}).map(([name, s]) => ({
    name,
    title: SCHEME_TITLES[name] ?? name,
    label:
      s.type === 'http' ? `HTTP ${capitalized(s.scheme ?? '')}`.trim() : s.type === 'apiKey' ? `${s.in ?? ''} ${s.name ?? ''}`.trim() : s.type,
    description: s.description ?? null,
  }));
}

export function errorCodesOf(doc: OpenApiDoc): ErrorCodeView[] {
  return Object.entries(doc['x-error-codes'] ?? {})
    .map(([code, { status, title, hint }]) => ({ code, status, title, hint: hint ?? '' }))
    .sort((a, b) => a.status - b.status);
}

export function schemaView(schema: JsonSchema): SchemaView {
  const description = schema.description ?? null;
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) return { kind: 'union', description, variants: variants.map(schemaView) };
  if (isObject(schema)) {
    const required = new Set(schema.required ?? []);
    return {
      kind: 'object',
      description,
      closed: schema.additionalProperties === false,
      fields: Object.entries(schema.properties ?? {}).map(([name, field]) => fieldView(name, field, required.has(name))),
    };
  }
  if (isArray(schema)) {
    const items = schema.items && (isObject(schema.items) || schema.items.anyOf) ? schemaView(schema.items) : null;
    return { kind: 'array', description, label: labelOf(schema), notes: notesOf(schema), items };
  }
  return { kind: 'value', description, label: labelOf(schema), notes: notesOf(schema), values: valuesOf(schema) };
}

function fieldView(name: string, schema: JsonSchema, required: boolean): FieldView {
  const nestedSource = isArray(schema) && schema.items ? schema.items : schema;
  const nested = isObject(nestedSource) || nestedSource.anyOf || nestedSource.oneOf ? schemaView(nestedSource) : null;
  return { name, required, label: labelOf(schema), notes: notesOf(schema), values: valuesOf(schema), description: schema.description ?? null, nested };
}

/** A short type label: `string (date-time)`, `integer`, `"ES256"`, `array of object`, `["ES256"]`. */
export function labelOf(schema: JsonSchema): string {
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) return variants.map(labelOf).join(' | ');
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (isArray(schema)) {
    if (schema.prefixItems) return `[${schema.prefixItems.map(labelOf).join(', ')}]`;
    return schema.items ? `array of ${labelOf(schema.items)}` : 'array';
  }
  const type = Array.isArray(schema.type) ? schema.type.join(' | ') : (schema.type ?? (schema.properties ? 'object' : 'any'));
  return schema.format ? `${type} (${schema.format})` : type;
}

function notesOf(schema: JsonSchema): string[] {
  const notes: string[] = [];
  const range = (min: number | undefined, max: number | undefined, unit: string) => {
    const lo = min !== undefined && Math.abs(min) < SAFE ? min : undefined;
    const hi = max !== undefined && Math.abs(max) < SAFE ? max : undefined;
    if (lo !== undefined && hi !== undefined) notes.push(`${lo}–${hi}${unit}`);
    else if (lo !== undefined) notes.push(`≥ ${lo}${unit}`);
    else if (hi !== undefined) notes.push(`≤ ${hi}${unit}`);
  };
  range(schema.minLength, schema.maxLength, ' characters');
  range(schema.minimum, schema.maximum, '');
  if (!schema.prefixItems) range(schema.minItems, schema.maxItems, ' items');
  if (schema.pattern && !schema.format) notes.push(`matches ${schema.pattern}`);
  if (schema.example !== undefined) notes.push(`e.g. ${display(schema.example)}`);
  return notes;
}

function valuesOf(schema: JsonSchema): string[] {
  return schema.enum ? schema.enum.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))) : [];
}

function isObject(schema: JsonSchema): boolean {
  return schema.type === 'object' || (schema.type === undefined && schema.properties !== undefined);
}

function isArray(schema: JsonSchema): boolean {
  return schema.type === 'array';
}

function display(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}
