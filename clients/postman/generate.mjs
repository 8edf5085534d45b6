// Generates the Postman collection (clients/postman/fortirest.postman_collection.json) from
// openapi/openapi.json, so that it runs as shipped (`newman run`, see .ci/run):
// * path variables, required query parameters and bodies come from the document's `example` values
//   (bodies: the required properties, built from their examples, `$ref`s and `allOf`s resolved),
//   never from placeholders such as `<string>`;
// * every request has a status test: the status the demo gateway answers for that example (the
//   documented success status unless EXPECTED below says otherwise, with the reason);
// * the order is creates, then reads and changes, then every DELETE last (in reverse), so no DELETE
//   removes what a later request reads.
// Deterministic: ids derive from each request's method and path, so the file changes only with the API.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const input = process.argv[2] ?? join(root, 'openapi/openapi.json');
const output = process.argv[3] ?? join(root, 'clients/postman/fortirest.postman_collection.json');
const doc = JSON.parse(readFileSync(input, 'utf8'));

/**
 * Requests whose example cannot succeed against the demo gateway, and the status they do get: each is
 * still a real test (the documented problem status, never a 5xx).
 */
const EXPECTED = {
  'GET /adoms/{adom}/alerts/{id}': { status: 404, reason: 'the example alert id is not in the demo data' },
  'PATCH /adoms/{adom}/alerts/{id}': { status: 404, reason: 'the example alert id is not in the demo data' },
  'GET /adoms/{adom}/incidents/{id}': { status: 404, reason: 'the example incident id is not in the demo data' },
  'PATCH /adoms/{adom}/incidents/{id}': { status: 404, reason: 'the example incident id is not in the demo data' },
  'POST /adoms/{adom}/device-groups/{group}/members': { status: 400, reason: 'the example body names no members' },
  'POST /adoms/{adom}/devices/install': { status: 400, reason: 'the example body names no scope' },
  'GET /adoms/{adom}/device-groups/{group}': { status: 404, reason: 'the example group is created in another ADOM' },
  'PATCH /adoms/{adom}/device-groups/{group}': { status: 404, reason: 'the example group is created in another ADOM' },
  'DELETE /adoms/{adom}/device-groups/{group}': { status: 404, reason: 'the example group is created in another ADOM' },
  'DELETE /adoms/{adom}/device-groups/{group}/members/{device}': { status: 404, reason: 'the example group is created in another ADOM' },
  'POST /adoms/{adom}/device-groups/{group}/firmware/upgrade': { status: 404, reason: 'the example group is created in another ADOM' },
  'POST /adoms/{adom}/firewall/address-groups': { status: 409, reason: 'the example group is in the demo data already' },
  'PUT /adoms/{adom}/firewall/address-groups/{name}': { status: 422, reason: 'the example member does not exist' },
  'PATCH /adoms/{adom}/firewall/address-groups/{name}': { status: 422, reason: 'the example member does not exist' },
  'DELETE /adoms/{adom}/firewall/address-groups/{name}': { status: 409, reason: 'a demo policy uses the group' },
  'POST /adoms/{adom}/firewall/schedules/recurring': { status: 409, reason: 'the example schedule is in the demo data already' },
  'DELETE /adoms/{adom}/firewall/schedules/recurring/{name}': { status: 409, reason: 'a demo policy uses the schedule' },
  'POST /adoms/{adom}/packages/{pkg}/install': { status: 422, reason: 'the example package has no installation targets' },
  'POST /adoms/{adom}/packages/{pkg}/previews': { status: 422, reason: 'the example package has no installation targets' },
  'GET /adoms/{adom}/packages/{pkg}/previews/{taskId}': { status: 404, reason: 'no preview task with the example id' },
  'PATCH /adoms/{adom}/packages/{pkg}': { status: 400, reason: 'the example body changes nothing' },
  'GET /adoms/{adom}/reports/runs/{id}/download': { status: [200, 409], reason: '409 while the report is still generated' },
  'POST /adoms/{adom}/scripts/{name}/execute': { status: 404, reason: 'the example targets are not in that ADOM' },
  'GET /adoms/{adom}/scripts/{name}/output/{device}': { status: 404, reason: 'the example script has not run on that device' },
  'POST /adoms/{adom}/workspace/lock': { status: 409, reason: 'the example ADOM is not in workspace mode' },
  'POST /adoms/{adom}/workspace/commit': { status: 409, reason: 'the example ADOM is not in workspace mode' },
  'POST /adoms/{adom}/workspace/unlock': { status: 409, reason: 'the example ADOM is not in workspace mode' },
  'POST /devices/{device}/global-config/{table}': { status: 404, reason: 'the example table is not a global device table' },
  'GET /devices/{device}/global-config/{table}': { status: 404, reason: 'the example table is not a global device table' },
  'GET /devices/{device}/global-config/{table}/{name}': { status: 404, reason: 'the example table is not a global device table' },
  'PUT /devices/{device}/global-config/{table}/{name}': { status: 404, reason: 'the example table is not a global device table' },
  'PATCH /devices/{device}/global-config/{table}/{name}': { status: 404, reason: 'the example table is not a global device table' },
  'DELETE /devices/{device}/global-config/{table}/{name}': { status: 404, reason: 'the example table is not a global device table' },
  'GET /devices/{device}/global-schema/{table}': { status: 404, reason: 'the example table is not a global device table' },
  'GET /devices/{device}/vdoms/{vdom}/config/{table}/{name}': { status: 404, reason: 'the example object is not in the device DB' },
  'GET /global/objects/{table}/{name}': { status: 404, reason: 'the example object is not a global object' },
  'POST /tasks/{id}/cancel': { status: 404, reason: 'no task with the example id' },
  'GET /tasks/{id}': { status: 404, reason: 'no task with the example id' },
  'DELETE /adoms/{adom}/objects/{table}/{name}': { status: 409, reason: 'a demo policy uses the example address' },
};

/** Requests left out of the run, with the reason (they would change what the others rely on). */
const SKIPPED = {};

/** A UUID-shaped id from a stable key. */
function stableId(key) {
  const h = createHash('sha256').update(key).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function resolve(node) {
  let n = node;
  for (let i = 0; n && n.$ref && i < 20; i++) {
    n = n.$ref
      .slice(2)
      .split('/')
      .reduce((o, k) => o[k], doc);
  }
  return n ?? {};
}

/** A value for a schema: its example, else default, else the first enum value, else by type. */
function sample(schema, depth = 0) {
  const s = resolve(schema);
  if (s.example !== undefined) return s.example;
  if (s.default !== undefined) return s.default;
  if (Array.isArray(s.enum) && s.enum.length > 0) return s.enum[0];
  if (Array.isArray(s.allOf)) return Object.assign({}, ...s.allOf.map((part) => sample(part, depth + 1)));
  if (Array.isArray(s.oneOf) || Array.isArray(s.anyOf)) return sample((s.oneOf ?? s.anyOf)[0], depth + 1);
  if (depth > 8) return undefined;
  switch (s.type) {
    case 'object':
      return objectSample(s, depth);
    case 'array': {
      const item = sample(s.items ?? {}, depth + 1);
      return item === undefined ? [] : [item];
    }
    case 'integer':
    case 'number':
      return s.minimum ?? 1;
    case 'boolean':
      return false;
    case 'string':
      return s.format === 'date-time' ? '2025-01-05T00:00:00Z' : 'example';
    default:
      return s.properties ? objectSample(s, depth) : undefined;
  }
}

/** The required properties, and at the top level the optional ones the document gives an example for. */
function objectSample(s, depth) {
  const props = s.properties ?? {};
  const required = new Set(s.required ?? []);
  const names = Object.keys(props).filter(
    (name) => required.has(name) || (depth === 0 && resolve(props[name]).example !== undefined),
  );
  const out = {};
  for (const name of names) {
    const value = sample(props[name], depth + 1);
    if (value !== undefined) out[name] = value;
  }
  return out;
}

function parametersOf(pathItem, operation) {
  return [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])].map(resolve);
}

function exampleOf(parameter) {
  return parameter.example ?? parameter.schema?.example ?? sample(parameter.schema ?? {});
}

/** Documented success statuses, or the one EXPECTED names. */
function expectedStatuses(key, operation) {
  if (EXPECTED[key]) return [EXPECTED[key].status].flat();
  return Object.keys(operation.responses ?? {})
    .filter((code) => /^2\d\d$/.test(code))
    .map(Number);
}

/**
 * A member path `C/{p}` whose collection `C` has a POST: the POST's test stores the created member's
 * key in a collection variable, and every request under `C/{p}` uses it (the example until then).
 */
function chainVariable(path, name) {
  // Packages stay the demo's: policies, installs and previews need one with policies and targets.
  if (name === 'pkg') return undefined;
  const at = path.indexOf(`/{${name}}`);
  if (at < 0) return undefined;
  const collection = path.slice(0, at);
  const post = doc.paths[collection]?.post;
  if (!post || SKIPPED[`POST ${collection}`]) return undefined;
  return { collection, variable: `${collection.replace(/\W+/g, '_').replace(/^_/, '')}_${name}`, post };
}

/** The created member's key in a POST answer: the path parameter's name, else `id`, else `name`. */
function createdKeyOf(post, name) {
  const ok = Object.entries(post.responses ?? {}).find(([code]) => /^20[12]$/.test(code))?.[1];
  const schema = resolve(ok?.content?.['application/json']?.schema ?? {});
  const props = schema.properties ?? {};
  return [name, 'id', 'path', 'policyid', 'name'].find((k) => k in props);
}

/** What the POST on the collection creates under `name`, by its example body, when it has one. */
function createdExample(post, name, key) {
  const body = post.requestBody?.content?.['application/json']?.schema;
  const sampled = body ? sample(body) : undefined;
  return sampled && typeof sampled === 'object' ? (sampled[name] ?? sampled[key]) : undefined;
}

const chains = new Map();

function request(path, method, pathItem, operation) {
  const key = `${method.toUpperCase()} ${path}`;
  const params = parametersOf(pathItem, operation);
  const variables = [];
  const url = path.replace(/\{([^}]+)\}/g, (_m, name) => {
    const p = params.find((x) => x.in === 'path' && x.name === name);
    const chain = chainVariable(path, name);
    const createdKey = chain && createdKeyOf(chain.post, name);
    if (chain && createdKey) {
      const initial = createdExample(chain.post, name, createdKey) ?? (p ? exampleOf(p) : 'example');
      chains.set(chain.collection, { variable: chain.variable, key: createdKey, initial: String(initial) });
      variables.push({ key: name, value: `{{${chain.variable}}}` });
      return `:${name}`;
    }
    variables.push({ key: name, value: encodeURIComponent(String(p ? exampleOf(p) : 'example')) });
    return `:${name}`;
  });
  const query = params
    .filter((p) => p.in === 'query' && p.required)
    .map((p) => ({ key: p.name, value: String(exampleOf(p)) }));
  const segments = url.split('/').filter(Boolean);
  const raw = `{{baseUrl}}${url}${query.length ? `?${query.map((q) => `${q.key}=${q.value}`).join('&')}` : ''}`;
  const item = {
    id: stableId(key),
    name: operation.summary ?? key,
    request: {
      method: method.toUpperCase(),
      header: [],
      url: { raw, host: ['{{baseUrl}}'], path: segments, ...(query.length ? { query } : {}), variable: variables },
      description: `${key}${operation.description ? `\n\n${operation.description}` : ''}`,
    },
  };
  const bodySchema = operation.requestBody?.content?.['application/json']?.schema;
  if (bodySchema) {
    item.request.header.push({ key: 'Content-Type', value: 'application/json' });
    const body = EXPECTED[key]?.body ?? sample(bodySchema) ?? {};
    item.request.body = { mode: 'raw', raw: JSON.stringify(body, null, 2), options: { raw: { language: 'json' } } };
  }
  const statuses = expectedStatuses(key, operation);
  const why = EXPECTED[key]?.reason ? ` (${EXPECTED[key].reason})` : '';
  item.event = [
    {
      listen: 'test',
      script: {
        type: 'text/javascript',
        exec: [
          `pm.test('${key} answers ${statuses.join(' or ')}${why.replace(/'/g, '’')}', function () {`,
          `  pm.expect(pm.response.code).to.be.oneOf(${JSON.stringify(statuses)});`,
          '});',
        ],
      },
    },
  ];
  item.path = path;
  item.method = method;
  return item;
}

/** The POST on a chained collection stores the created key for the requests under it. */
function addChainScript(item) {
  const chain = item.method === 'post' ? chains.get(item.path) : undefined;
  if (chain) {
    item.event[0].script.exec.push(
      `if (pm.response.code < 300 && pm.response.json()[${JSON.stringify(chain.key)}] !== undefined) {`,
      `  pm.collectionVariables.set(${JSON.stringify(chain.variable)}, encodeURIComponent(String(pm.response.json()[${JSON.stringify(chain.key)}])));`,
      '}',
    );
  }
  delete item.path;
  delete item.method;
  return item;
}

const METHOD_ORDER = { post: 0, get: 1, put: 2, patch: 3 };
const main = [];
const deletes = [];
for (const [path, pathItem] of Object.entries(doc.paths)) {
  for (const method of ['get', 'post', 'put', 'patch', 'delete']) {
    const operation = pathItem[method];
    if (!operation) continue;
    const key = `${method.toUpperCase()} ${path}`;
    if (SKIPPED[key]) continue;
    const entry = { path, method, tag: operation.tags?.[0] ?? 'Other', item: request(path, method, pathItem, operation) };
    (method === 'delete' ? deletes : main).push(entry);
  }
}

// Folders by tag, in the document's order; inside a folder creates first, then reads, then changes.
const folders = new Map();
for (const entry of main) {
  if (!folders.has(entry.tag)) folders.set(entry.tag, []);
  folders.get(entry.tag).push(entry);
}
const item = [...folders].map(([tag, entries]) => ({
  id: stableId(`folder ${tag}`),
  name: tag,
  item: entries
    .map((e, i) => ({ ...e, i }))
    .sort((a, b) => METHOD_ORDER[a.method] - METHOD_ORDER[b.method] || a.i - b.i)
    .map((e) => addChainScript(e.item)),
}));
// Every DELETE last, deepest paths first (members before their collections' parents).
item.push({
  id: stableId('folder deletes'),
  name: 'Deletes (run last)',
  item: deletes.reverse().map((e) => addChainScript(e.item)),
});

const collection = {
  info: {
    _postman_id: stableId('collection'),
    name: 'FortiREST',
    description:
      `${doc.info?.description ?? ''}\n\nGenerated from openapi/openapi.json by clients/postman/generate.mjs. ` +
      'Set `baseUrl` and `bearerToken` (an admin token: `npm run -s token -- --scope admin`).',
    schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json',
  },
  item,
  auth: { type: 'bearer', bearer: [{ key: 'token', value: '{{bearerToken}}', type: 'string' }] },
  variable: [
    { key: 'baseUrl', value: 'http://127.0.0.1:3000', type: 'string' },
    { key: 'bearerToken', value: '', type: 'string' },
    // Keys of created members (set by the POSTs' tests; the document's examples until then).
    ...[...chains.values()].map((c) => ({
      key: c.variable,
      value: encodeURIComponent(c.initial),
      type: 'string',
    })),
  ],
};
writeFileSync(output, `${JSON.stringify(collection, null, 2)}\n`);
console.log(`Postman collection written to ${output}`);
