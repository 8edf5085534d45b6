import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';

/**
 * Named upstreams (issue #18): `FMG_EAST_URL`, `FAZ_LAB_API_KEY` … and/or `UPSTREAMS_FILE`. Each source is
 * the same variables as the plain `FMG_*` / `FAZ_*` (without prefix), validated by the same rules; this file
 * only finds and groups them. The plain variables stay the upstream named `default`.
 */
export interface UpstreamSource {
  product: 'fmg' | 'faz';
  /** Public name: `/managers/{label}`. */
  label: string;
  /** Internal key: `fmg:east`. */
  name: string;
  vars: Record<string, unknown>;
  /** How messages name the settings: `FMG_EAST_` or `UPSTREAMS_FILE managers.east.`. */
  prefix: string;
}

/** Every variable an upstream has (UpstreamEnv); longest first so `…_API_KEY_FILE` wins over `…_FILE`. */
const VARIABLES = [
  'SESSION_MAX_INFLIGHT',
  'FORTICLOUD_TOKEN_URL',
  'BREAKER_HALF_OPEN_MS',
  'BREAKER_THRESHOLD',
  'QUEUE_TIMEOUT_MS',
  'MAX_CONCURRENCY',
  'SESSION_IDLE_MS',
  'PASSWORD_FILE',
  'API_KEY_FILE',
  'MAX_SESSIONS',
  'INSECURE_TLS',
  'TIMEOUT_MS',
  'MAX_QUEUE',
  'USERNAME',
  'PASSWORD',
  'CA_FILE',
  'API_KEY',
  'RETRIES',
  'AUTH',
  'URL',
];

/** Lower-case, URL-safe, short: it is a path segment, a metrics label and part of Redis keys. */
export const UPSTREAM_LABEL = /^[a-z][a-z0-9-]{0,31}$/;

const PRODUCTS = [
  { product: 'fmg', env: 'FMG_', file: 'managers' },
  { product: 'faz', env: 'FAZ_', file: 'analyzers' },
] as const;

type Fail = (message: string) => never;

function checkLabel(label: string, setting: string, fail: Fail): void {
  if (label === 'default') fail(`${setting}: "default" is the upstream of the plain variables`);
  if (!UPSTREAM_LABEL.test(label)) {
    fail(`${setting}: upstream names are a letter then letters, digits or "-" (at most 32)`);
  }
}

function fromEnv(env: NodeJS.ProcessEnv, fail: Fail): UpstreamSource[] {
  const found = new Map<string, UpstreamSource>();
  for (const { product, env: prefix } of PRODUCTS) {
    for (const [key, value] of Object.entries(env)) {
      if (!key.startsWith(prefix)) continue;
      const rest = key.slice(prefix.length);
      if (VARIABLES.includes(rest)) continue; // the default upstream
      const variable = VARIABLES.find((v) => rest.endsWith(`_${v}`) && rest.length > v.length + 1);
      if (!variable) continue; // not an upstream setting, as before
      const upper = rest.slice(0, -variable.length - 1);
      // FMG_EAST_URL → east; FMG_US_EAST_URL → us-east (variables cannot hold "-").
      const label = upper.toLowerCase().replace(/_/g, '-');
      checkLabel(label, `${prefix}${upper}_${variable}`, fail);
      const name = `${product}:${label}`;
      const source = found.get(name) ?? {
        product,
        label,
        name,
        vars: {},
        prefix: `${prefix}${upper}_`,
      };
      source.vars[variable] = value;
      found.set(name, source);
    }
  }
  return [...found.values()];
}

function readFile(path: string, fail: Fail): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return fail('UPSTREAMS_FILE: file cannot be read');
  }
  try {
    // YAML is a superset of JSON, but JSON is parsed as JSON so its errors read as JSON errors.
    return /\.json$/i.test(path) ? JSON.parse(text) : parseYaml(text);
  } catch {
    return fail('UPSTREAMS_FILE: not valid JSON or YAML');
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * `{ managers: { east: { URL: …, USERNAME: …, PASSWORD_FILE: … } }, analyzers: { … } }`: the keys of an entry
 * are the variable names without prefix, so the file and the environment cannot drift apart.
 */
function fromFile(path: string, fail: Fail): UpstreamSource[] {
  const doc = readFile(path, fail);
  if (!isRecord(doc)) fail('UPSTREAMS_FILE: must hold an object with "managers" and/or "analyzers"');
  const unknown = Object.keys(doc).filter((k) => k !== 'managers' && k !== 'analyzers');
  if (unknown.length > 0) fail(`UPSTREAMS_FILE: unknown key "${unknown[0]}" (managers, analyzers)`);
  return PRODUCTS.flatMap(({ product, file }) => {
    const entries = doc[file];
    if (entries === undefined) return [];
    if (!isRecord(entries)) fail(`UPSTREAMS_FILE ${file}: must map names to settings`);
    return Object.entries(entries).map(([label, vars]) => {
      const setting = `UPSTREAMS_FILE ${file}.${label}`;
      checkLabel(label, setting, fail);
      if (!isRecord(vars)) fail(`${setting}: must be an object of settings`);
      const extra = Object.keys(vars).filter((k) => !VARIABLES.includes(k));
      if (extra.length > 0) fail(`${setting}.${extra[0]}: not an upstream setting`);
      return { product, label, name: `${product}:${label}`, vars, prefix: `${setting}.` };
    });
  });
}

/** Named upstreams from the environment and the file; a name given twice stops the start. */
export function namedUpstreamSources(
  env: NodeJS.ProcessEnv,
  file: string | undefined,
  fail: Fail,
): UpstreamSource[] {
  const sources = [...fromEnv(env, fail), ...(file ? fromFile(file, fail) : [])];
  const seen = new Set<string>();
  for (const s of sources) {
    if (seen.has(s.name)) fail(`${s.prefix}URL: the upstream "${s.label}" is configured twice`);
    seen.add(s.name);
  }
  return sources;
}
