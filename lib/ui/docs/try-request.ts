// Browser-safe helpers of the "Try it" panel of the bearer-token operations on /docs/api (the
// management API): which fields to offer, an example body drawn from the request's schema, the
// request's address, and the equivalent curl command.

import type { JsonSchema, OpenApiDoc } from './openapi-types';
import { shellQuote } from './try-mint';

type TryParam = { name: string; in: 'path' | 'query'; required: boolean; example: string; description: string | null };

export type TryRequestSpec = {
  method: string;
  path: string;
  params: TryParam[];
  /** The body's media type and an example to start from; null when the operation takes none. */
  body: { contentType: string; example: string } | null;
  /** The scopes the operation needs, from its security requirement. */
  scopes: string[];
};

const METHODS = ['get', 'put', 'post', 'patch', 'delete'] as const;

/** What the try-it of `operationId` offers, or null when it is no operation of the document. */
export function tryRequestOf(doc: OpenApiDoc, operationId: string): TryRequestSpec | null {
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (op?.operationId !== operationId) continue;
      const media = op.requestBody?.content ? Object.entries(op.requestBody.content)[0] : undefined;
      return {
        method: method.toUpperCase(),
        path,
        params: (op.parameters ?? [])
          .filter((p) => p.in === 'path' || p.in === 'query')
          .map((p) => ({
            name: p.name,
            in: p.in as 'path' | 'query',
            required: p.required === true,
            example: p.example !== undefined ? String(p.example) : '',
            description: p.description ?? null,
          })),
        body: media ? { contentType: media[0], example: JSON.stringify(exampleOf(media[1].schema ?? {}), null, 2) } : null,
        scopes: (op.security ?? []).flatMap((requirement) => Object.values(requirement).flat()),
      };
    }
  }
  return null;
}

/** A value that fits the schema: its example, default, const or first enum value; else one of its type. */
export function exampleOf(schema: JsonSchema, depth = 0): unknown {
  const s = schema as JsonSchema & { default?: unknown; examples?: unknown[] };
  if (s.example !== undefined) return s.example;
  if (s.examples?.length) return s.examples[0];
  if (s.default !== undefined) return s.default;
  if (s.const !== undefined) return s.const;
  if (s.enum?.length) return s.enum[0];
  const variants = s.anyOf ?? s.oneOf;
  if (variants?.length) return exampleOf(variants.find((v) => v.type !== 'null') ?? variants[0]!, depth + 1);
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  if (depth > 6) return null;
  if (type === 'object' || (type === undefined && s.properties)) {
    const required = new Set(s.required ?? []);
    const entries = Object.entries(s.properties ?? {}).filter(([name]) => required.has(name) || depth === 0);
    return Object.fromEntries(entries.map(([name, field]) => [name, exampleOf(field, depth + 1)]));
  }
  if (type === 'array') return [];
  if (type === 'integer' || type === 'number') return s.minimum !== undefined && Math.abs(s.minimum) < Number.MAX_SAFE_INTEGER ? s.minimum : 1;
  if (type === 'boolean') return false;
  if (type === 'null') return null;
  return 'string';
}

/** The request's address: path parameters filled in (encoded), the query's non-empty values appended. */
export function requestPath(spec: TryRequestSpec, values: Record<string, string>): string {
  const path = spec.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent((values[name] ?? '').trim()));
  const query = new URLSearchParams();
  for (const p of spec.params) if (p.in === 'query' && (values[p.name] ?? '').trim() !== '') query.set(p.name, values[p.name]!.trim());
  const q = query.toString();
  return q ? `${path}?${q}` : path;
}

/** The path parameters still empty: the request cannot be sent without them. */
export function missingPathParams(spec: TryRequestSpec, values: Record<string, string>): string[] {
  return spec.params.filter((p) => p.in === 'path' && (values[p.name] ?? '').trim() === '').map((p) => p.name);
}

/** The same call from a shell, with the token left as a placeholder (never the pasted one). */
export function requestCurl(origin: string, spec: TryRequestSpec, values: Record<string, string>, body: string | null, token = 'agw_sa_YOUR_TOKEN'): string {
  const lines = [`curl -sS -X ${spec.method} ${shellQuote(`${origin.replace(/\/+$/, '')}${requestPath(spec, values)}`)}`, `  -H ${shellQuote(`Authorization: Bearer ${token}`)}`];
  if (spec.body && body !== null) lines.push(`  -H ${shellQuote(`Content-Type: ${spec.body.contentType}`)}`, `  -d ${shellQuote(compactJson(body))}`);
  return lines.join(' \\\n');
}

/** The body on one line when it is JSON; as typed otherwise. */
function compactJson(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body));
  } catch {
    return body;
  }
}
