import type { INestApplication } from '@nestjs/common';
import type { OpenAPIObject, SchemaObject } from '@nestjs/swagger';
import { badRequest } from '../common/errors/gateway-error';
import { SchemaService, type SchemaDatabase } from '../schema/schema.service';
import type { AttributeRule, CompiledTable } from '../schema/table-schema';

/**
 * The OpenAPI document of one connected FortiManager: the static document plus, for every table its
 * firmware describes (`option: syntax`), a typed schema and the generic operations on that table's own
 * path. Built at runtime (the committed openapi/openapi.json stays firmware-independent).
 */
interface TypedFamily {
  db: SchemaDatabase;
  /** The generic collection path of the static document, with `{table}`. */
  path: string;
  /** Component and operation id prefix. */
  prefix: string;
}

const FAMILIES: TypedFamily[] = [
  // The ADOM object schema is the same for every ADOM of one version; `root` always exists.
  { db: { scope: 'adom', adom: 'root' }, path: '/adoms/{adom}/objects/{table}', prefix: 'Adom' },
  { db: { scope: 'global' }, path: '/global/objects/{table}', prefix: 'Global' },
];

const ident = (table: string) => table.replace(/[^a-zA-Z0-9]+/g, '_');
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

function valueSchema(rule: AttributeRule, child: (table: string) => string | undefined): SchemaObject {
  const description = `${rule.help ? `${rule.help} ` : ''}(FMG type \`${rule.type}\`)`;
  let one: SchemaObject;
  switch (rule.kind) {
    case 'enum':
      one = { type: 'string', enum: rule.enum };
      break;
    case 'integer':
      one = { type: 'integer', minimum: rule.minimum, maximum: rule.maximum };
      break;
    case 'string':
      one = { type: 'string', maxLength: rule.maxLength };
      break;
    case 'reference':
      one = {
        type: 'string',
        description: `Name of an object of ${(rule.references ?? []).join(', ') || 'another table'}.`,
      };
      break;
    case 'table': {
      const name = rule.table ? child(rule.table) : undefined;
      return { type: 'array', items: name ? ref(name) : { type: 'object' }, description };
    }
    case 'address':
    case 'other':
      return { description };
  }
  for (const k of Object.keys(one) as (keyof SchemaObject)[]) if (one[k] === undefined) delete one[k];
  if (!rule.list) return { ...one, description };
  return { anyOf: [one, { type: 'array', items: one, maxItems: rule.maxItems }], description };
}

function tableSchema(table: CompiledTable, child: (table: string) => string | undefined): SchemaObject {
  return {
    type: 'object',
    description: `\`${table.table}\`${table.key ? `, key \`${table.key}\`` : ''}, as the connected firmware describes it.`,
    additionalProperties: false,
    properties: Object.fromEntries(table.attributes.map((a) => [a.name, valueSchema(a, child)])),
  };
}

/** Replaces the free-form FMG object (and page of them) in a copied operation by the typed ones. */
function typed(node: unknown, object: string, page: SchemaObject): unknown {
  if (Array.isArray(node)) return node.map((n) => typed(n, object, page));
  if (node === null || typeof node !== 'object') return node;
  const o = node as Record<string, unknown>;
  if (o.$ref === '#/components/schemas/FmgObjectPage') return page;
  if (o.type === 'object' && o.additionalProperties === true) return ref(object);
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, typed(v, object, page)]));
}

/**
 * The problem responses and parameters every copied operation repeats, stored once under
 * `components` and referenced: they would otherwise make up most of the document (~25 KB per table).
 */
class SharedComponents {
  private readonly names = new Map<string, string>();
  constructor(private readonly doc: OpenAPIObject) {}

  ref(kind: 'parameters' | 'responses', value: unknown): { $ref: string } {
    const json = JSON.stringify(value);
    let name = this.names.get(`${kind}|${json}`);
    if (!name) {
      name = `Typed${this.names.size + 1}`;
      this.names.set(`${kind}|${json}`, name);
      const components = (this.doc.components ??= {}) as Record<string, Record<string, unknown>>;
      (components[kind] ??= {})[name] = value;
    }
    return { $ref: `#/components/${kind}/${name}` };
  }
}

export async function buildUpstreamDocument(
  base: OpenAPIObject,
  schema: SchemaService,
): Promise<OpenAPIObject> {
  const doc = structuredClone(base);
  const version = await schema.currentVersion(true);
  doc.info = {
    ...doc.info,
    title: `${doc.info.title} for FortiManager ${version}`,
    description: `${doc.info.description ?? ''}\n\nTyped from the connected FortiManager's own schema (\`option: syntax\`, firmware ${version}).`,
  };
  const schemas = ((doc.components ??= {}).schemas ??= {});
  const pageSchema = schemas.FmgObjectPage as SchemaObject | undefined;
  const shared = new SharedComponents(doc);
  for (const family of FAMILIES) {
    const { tables } = await schema.database(family.db);
    const names = new Map([...tables.keys()].map((t) => [t, `${family.prefix}_${ident(t)}`]));
    const child = (t: string) => names.get(t);
    const collection = doc.paths[family.path];
    const member = doc.paths[`${family.path}/{name}`];
    for (const table of [...tables.values()].sort((a, b) => a.table.localeCompare(b.table))) {
      const name = names.get(table.table)!;
      schemas[name] = tableSchema(table, child);
      const page: SchemaObject = {
        ...(pageSchema ?? { type: 'object' }),
        properties: { ...(pageSchema?.properties ?? {}), items: { type: 'array', items: ref(name) } },
      };
      const encoded = table.table.replace(/\//g, '%2F');
      for (const [template, item] of [
        [family.path, collection],
        [`${family.path}/{name}`, member],
      ] as const) {
        if (!item) continue;
        const copy = typed(structuredClone(item), name, page) as Record<string, Record<string, unknown>>;
        // Path-level `servers` (the /managers/{manager} form) is not an operation.
        for (const [key, op] of Object.entries(copy)) {
          if (key === 'servers' || key === 'parameters') continue;
          op.operationId = `${String(op.operationId)}_${ident(table.table)}`;
          const parameters = (op.parameters as { name?: string }[] | undefined) ?? [];
          op.parameters = parameters
            .filter((p) => p.name !== 'table')
            .map((p) => shared.ref('parameters', p));
          const responses = op.responses as Record<string, unknown>;
          for (const status of Object.keys(responses)) {
            if (Number(status) >= 400) responses[status] = shared.ref('responses', responses[status]);
          }
        }
        doc.paths[template.replace('{table}', encoded)] = copy;
      }
    }
  }
  return doc;
}

/** Names `?upstream=` takes: the FortiManager upstream's registry name, or `default` for it. */
const FMG_UPSTREAM_NAMES = new Set(['fmg', 'default']);

/**
 * `GET /docs/openapi.json?upstream=fmg` (or `default`): the typed document of the connected
 * FortiManager; without `upstream` the static document is served as before.
 */
export function installUpstreamDocument(app: INestApplication, base: () => OpenAPIObject): void {
  const fastify = (app.getHttpAdapter() as unknown as { getInstance(): FastifyLike }).getInstance();
  const schema = app.get(SchemaService, { strict: false });
  fastify.addHook('preHandler', async (request, reply) => {
    if (request.routeOptions.url !== '/docs/openapi.json') return;
    const upstream = (request.query as Record<string, unknown> | undefined)?.upstream;
    if (upstream === undefined) return;
    if (typeof upstream !== 'string' || !FMG_UPSTREAM_NAMES.has(upstream)) {
      throw badRequest(`upstream must be "fmg" or "default" (the FortiManager upstream).`, {
        parameter: 'upstream',
      });
    }
    return reply.type('application/json').send(await buildUpstreamDocument(base(), schema));
  });
}

interface FastifyLike {
  addHook(
    name: 'preHandler',
    hook: (
      request: { routeOptions: { url?: string }; query: unknown },
      reply: { type(t: string): { send(body: unknown): unknown } },
    ) => Promise<unknown>,
  ): void;
}
