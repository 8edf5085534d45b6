import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/**
 * The committed OpenAPI document as data, for contract tests: its operations, a sample of each
 * schema, and a validator of responses against what the document promises.
 */
// JSON schemas are loosely typed on purpose; the document itself is what the tests check.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Schema = Record<string, any>;

export interface OpenApiParameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema?: Schema;
  example?: unknown;
}

export interface OpenApiOperation {
  operationId: string;
  parameters?: OpenApiParameter[];
  requestBody?: { required?: boolean; content: Record<string, { schema: Schema; example?: unknown }> };
  responses: Record<string, { description?: string; content?: Record<string, { schema?: Schema }> }>;
  security?: unknown[];
  tags?: string[];
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas: Record<string, Schema> };
}

export interface Operation {
  method: string;
  path: string;
  op: OpenApiOperation;
}

/** The committed document; OPENAPI_FILE points elsewhere (e.g. a freshly generated one) when set. */
export const OPENAPI_FILE = process.env.OPENAPI_FILE ?? join(__dirname, '../../openapi/openapi.json');

export function loadOpenApi(file = OPENAPI_FILE): OpenApiDocument {
  return JSON.parse(readFileSync(file, 'utf8')) as OpenApiDocument;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

/** Every operation, in document order. */
export function operationsOf(doc: OpenApiDocument): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, op]) => ({ method: method.toUpperCase(), path, op })),
  );
}

export function resolve(doc: OpenApiDocument, schema: Schema | undefined): Schema | undefined {
  let s = schema;
  for (let i = 0; s?.$ref && i < 20; i++) s = doc.components.schemas[String(s.$ref).split('/').pop()!];
  return s;
}

/** OpenAPI 3.0 → JSON Schema for Ajv: `nullable`, refs into one registered document. */
function toJsonSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(toJsonSchema);
  if (!schema || typeof schema !== 'object') return schema;
  const out: Schema = {};
  for (const [key, value] of Object.entries(schema as Schema)) {
    if (key === '$ref') out.$ref = `openapi#${String(value).slice(1)}`;
    else if (key === 'example' || key === 'examples' || key === 'nullable') continue;
    else if (key === 'properties' && value && typeof value === 'object') {
      out.properties = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJsonSchema(v)]));
    } else out[key] = toJsonSchema(value);
  }
  if ((schema as Schema).nullable === true) {
    if (out.type) out.type = [...(Array.isArray(out.type) ? out.type : [out.type]), 'null'];
    else return { anyOf: [out, { type: 'null' }] };
  }
  return out;
}

export interface ResponseCheck {
  status: number;
  contentType: string;
  body: unknown;
  /** Raw text, for bodies that are not JSON. */
  text: string;
}

/** Checks responses against the document: the status is declared and the body matches its schema. */
export class ResponseValidator {
  private readonly ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
  private readonly cache = new Map<string, ValidateFunction>();

  constructor(private readonly doc: OpenApiDocument) {
    addFormats(this.ajv);
    this.ajv.addSchema(
      { $id: 'openapi', components: { schemas: toJsonSchema(doc.components.schemas) } },
      'openapi',
    );
  }

  /** Problems with one response, empty when it is what the document promises. */
  check(operation: Operation, res: ResponseCheck): string[] {
    const declared = operation.op.responses[String(res.status)] ?? operation.op.responses.default;
    if (!declared) {
      return [`status ${res.status} is not documented (${Object.keys(operation.op.responses).join(',')})`];
    }
    const media = res.contentType.split(';')[0].trim().toLowerCase();
    const content = declared.content ?? {};
    if (Object.keys(content).length === 0) {
      return res.text.length > 0 && res.status === 204 ? ['204 with a body'] : [];
    }
    // Documented media types may carry parameters (`text/plain; version=0.0.4`): compare the type only.
    const entry = Object.entries(content).find(
      ([type]) => type.split(';')[0].trim().toLowerCase() === media,
    )?.[1];
    if (!entry) {
      return [
        `content-type "${media}" for ${res.status} is not documented (${Object.keys(content).join(',')})`,
      ];
    }
    if (!entry.schema || !/json/.test(media)) return [];
    if (res.body === undefined) return [`${res.status} ${media} body is not JSON: ${res.text.slice(0, 120)}`];
    const key = `${operation.method} ${operation.path} ${res.status} ${media}`;
    let validate = this.cache.get(key);
    if (!validate) {
      validate = this.ajv.compile(toJsonSchema(entry.schema) as Schema);
      this.cache.set(key, validate);
    }
    if (validate(res.body)) return [];
    return (validate.errors ?? []).map(
      (e) => `body of ${res.status}: ${e.instancePath || '/'} ${e.message ?? 'invalid'}`,
    );
  }
}

/**
 * A plausible value for a schema: its example, default or first enum member, else the simplest
 * value of its type. Objects get their required properties and every property with an example.
 */
export function sample(doc: OpenApiDocument, schema: Schema | undefined, depth = 0): unknown {
  const s = resolve(doc, schema);
  if (!s || depth > 8) return undefined;
  if (s.example !== undefined) return s.example;
  if (s.default !== undefined) return s.default;
  if (Array.isArray(s.enum) && s.enum.length > 0) return s.enum[0];
  if (s.allOf) {
    return Object.assign({}, ...s.allOf.map((part: Schema) => sample(doc, part, depth + 1)));
  }
  if (s.anyOf ?? s.oneOf) return sample(doc, (s.anyOf ?? s.oneOf)[0], depth + 1);
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  if (type === 'object' || s.properties) {
    const required = new Set<string>(s.required ?? []);
    const out: Record<string, unknown> = {};
    for (const [name, prop] of Object.entries<Schema>(s.properties ?? {})) {
      const resolved = resolve(doc, prop) ?? {};
      if (required.has(name) || resolved.example !== undefined || prop.example !== undefined) {
        out[name] = prop.example ?? sample(doc, prop, depth + 1);
      }
    }
    return out;
  }
  if (type === 'array') {
    const item = sample(doc, s.items, depth + 1);
    return item === undefined ? [] : [item];
  }
  if (type === 'integer' || type === 'number') return s.minimum ?? 1;
  if (type === 'boolean') return false;
  if (type === 'string') return 'x'.repeat(Math.max(1, s.minLength ?? 1));
  return undefined;
}
