// Converts openapi/openapi.json into a Postman collection (clients/postman/fortirest.postman_collection.json).
// The converter assigns random ids; they are replaced by ids derived from each item's place in the
// collection, so the committed file changes only when the API does.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

// The converter fakes values for schemas without an example using Math.random: seed it, so the
// same document always gives the same collection.
let seed = 0x5eed;
Math.random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const Converter = require('openapi-to-postmanv2');

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const input = process.argv[2] ?? join(root, 'openapi/openapi.json');
const output = process.argv[3] ?? join(root, 'clients/postman/fortirest.postman_collection.json');

/** A UUID-shaped id from a stable key. */
function stableId(key) {
  const h = createHash('sha256').update(key).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Replaces every `id` / `_postman_id` with one derived from the JSON path of the object. */
function stabilise(node, path) {
  if (Array.isArray(node)) return node.map((child, i) => stabilise(child, `${path}/${i}`));
  if (!node || typeof node !== 'object') return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if ((key === 'id' || key === '_postman_id') && typeof value === 'string') out[key] = stableId(`${path}/${key}`);
    else out[key] = stabilise(value, `${path}/${key}`);
  }
  return out;
}

const spec = readFileSync(input, 'utf8');
const options = {
  folderStrategy: 'Tags',
  requestNameSource: 'Fallback',
  parametersResolution: 'Example',
  includeAuthInfoInExample: false,
  enableOptionalParameters: false,
  alwaysInheritAuthentication: true,
};

/** Saved examples: the success responses only (every error is the same problem+json shape). */
function successExamplesOnly(node) {
  if (Array.isArray(node)) return node.map(successExamplesOnly);
  if (!node || typeof node !== 'object') return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    out[key] =
      key === 'response' && Array.isArray(value)
        ? value.filter((r) => r.code >= 200 && r.code < 300).map(successExamplesOnly)
        : successExamplesOnly(value);
  }
  return out;
}

Converter.convert({ type: 'string', data: spec }, options, (err, result) => {
  if (err || !result.result) {
    console.error('openapi-to-postmanv2 failed:', err ?? result.reason);
    process.exit(1);
  }
  const collection = result.output[0].data;
  collection.info.name = 'FortiREST';
  // One place to set the gateway and the token: collection variables, used by every request.
  collection.auth = { type: 'bearer', bearer: [{ key: 'token', value: '{{bearerToken}}', type: 'string' }] };
  collection.variable = [
    { key: 'baseUrl', value: 'http://127.0.0.1:3000', type: 'string' },
    { key: 'bearerToken', value: '', type: 'string' },
  ];
  writeFileSync(output, `${JSON.stringify(stabilise(successExamplesOnly(collection), ''), null, 2)}\n`);
  console.log(`Postman collection written to ${output}`);
});
