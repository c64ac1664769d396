// The parts of an OpenAPI 3.1 document the reference renders, and the views it renders them as.

export interface JsonSchema {
  type?: string | string[];
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema | false;
  prefixItems?: JsonSchema[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  example?: unknown;
}

interface MediaObject {
  schema?: JsonSchema;
}
export interface ResponseObject {
  description?: string;
  /** The problem `code`s this response can carry. */
  'x-codes'?: string[];
  headers?: Record<string, { description?: string; schema?: JsonSchema }>;
  content?: Record<string, MediaObject>;
}
interface ParameterObject {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  schema?: JsonSchema;
  example?: unknown;
}
interface OperationObject {
  operationId?: string;
  summary?: string;
  description?: string;
  security?: Array<Record<string, string[]>>;
  parameters?: ParameterObject[];
  requestBody?: { required?: boolean; content?: Record<string, MediaObject> };
  responses?: Record<string, ResponseObject>;
}
interface SecurityScheme {
  type: string;
  scheme?: string;
  in?: string;
  name?: string;
  description?: string;
}

/** The parts of an OpenAPI 3.1 document the reference page reads. */
export interface OpenApiDoc {
  openapi: string;
  info: { title: string; version: string; description?: string };
  servers?: Array<{ url: string }>;
  security?: Array<Record<string, string[]>>;
  components?: { securitySchemes?: Record<string, SecurityScheme> };
  paths: Record<string, Partial<Record<string, OperationObject>>>;
  'x-error-codes'?: Record<string, { status: number; title: string; hint?: string }>;
}

export type SchemaView =
  | { kind: 'object'; description: string | null; fields: FieldView[]; closed: boolean }
  | { kind: 'union'; description: string | null; variants: SchemaView[] }
  | { kind: 'array'; description: string | null; label: string; notes: string[]; items: SchemaView | null }
  | { kind: 'value'; description: string | null; label: string; notes: string[]; values: string[] };

export interface FieldView {
  name: string;
  required: boolean;
  label: string;
  notes: string[];
  /** Allowed values of an enum, each shown as code. */
  values: string[];
  description: string | null;
  /** An object (or array of objects, or union) inside this field. */
  nested: SchemaView | null;
}

export interface ResponseView {
  status: string;
  description: string;
  contentType: string | null;
  schema: SchemaView | null;
  headers: Array<{ name: string; value: string }>;
  /** Problem `code`s answered with this status (problem+json responses only). */
  codes: string[];
  /** The id of the shared body (`SharedBodyView`) this response's body is, shown once on the page; null for a body of its own. */
  sharedBody: string | null;
}

/** A response body many operations answer with (the problem object, the SCIM error, …): the page shows it once and links to it. */
export interface SharedBodyView {
  id: string;
  contentType: string;
  /** Its top-level field names, which name it on the page. */
  fieldNames: string[];
  schema: SchemaView;
  /** How many responses answer with it. */
  uses: number;
}

export interface OperationView {
  id: string;
  method: string;
  path: string;
  summary: string;
  description: string | null;
  /** Names of the accepted security schemes; empty = no authentication. */
  security: string[];
  /** Path and query parameters, shown like body fields. */
  parameters: FieldView[];
  requestBody: { required: boolean; contentType: string; schema: SchemaView | null } | null;
  responses: ResponseView[];
}

export interface SecuritySchemeView {
  name: string;
  title: string;
  label: string;
  description: string | null;
}

export interface ErrorCodeView {
  code: string;
  status: number;
  title: string;
  hint: string;
}
