#!/usr/bin/env node
// The import graph of src/ stays a layered DAG: no import runs up the layers, no cycle between the
// top-level folders of src/, none between files. Run by `npm run check:imports` (and so by CI).
// Usage: node scripts/check-imports.mjs [--report]   (--report prints the figures even when clean)
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');

/**
 * The layers, lowest first. A file may import from its own layer's folders or from lower ones;
 * `(root)` is src/ itself (main.ts, app.module.ts, configure-app.ts). A folder missing here fails the check.
 */
export const LAYERS = [
  ['config', 'common'],
  ['shared-state'],
  ['upstream'],
  ['auth', 'audit', 'rate-limit', 'idempotency'],
  ['translator'],
  // The one way to declare a resource: operation decorators, the CRUD controller factories.
  ['resources'],
  [
    'adoms',
    'analyzer',
    'devices',
    'fortigates',
    'firmware',
    'generic-objects',
    'health',
    'objects',
    'packages',
    'policies',
    'provisioning',
    'revisions',
    'rpc',
    'schema',
    'scripts',
    'system',
    'tasks',
    'upstreams',
    'workspace',
    'observability',
  ],
  ['openapi'],
  // The composition root (main.ts, app.module.ts, configure-app.ts), then the command-line entry points.
  ['(root)'],
  ['cli'],
];

/** The emulator is its own application: only the composition root starts it (demo mode). */
const EMULATOR = 'emulator';
const MAY_START_EMULATOR = new Set(['(root)']);

/**
 * The emulator's own layers: the JSON-RPC machinery, then the FortiManager url families, then the
 * FortiAnalyzer ones (a FortiAnalyzer serves the device DB too), then the server, dispatch and control API.
 */
const EMULATOR_LAYERS = [['core'], ['fmg'], ['faz'], ['(top)']];

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return walk(path);
    // Specs exercise a layer from above (they may start the whole app): only production code is layered.
    return name.endsWith('.ts') && !name.endsWith('.d.ts') && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

function folderOf(file) {
  const parts = relative(src, file).split(sep);
  return parts.length === 1 ? '(root)' : parts[0];
}

const IMPORT =
  /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|\n)\s*import\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

function resolveImport(from, spec) {
  if (!spec.startsWith('.')) return undefined;
  const base = resolve(dirname(from), spec.replace(/\.js$/, ''));
  for (const candidate of [`${base}.ts`, join(base, 'index.ts')]) {
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not this one
    }
  }
  return undefined;
}

const emulatorRank = new Map(EMULATOR_LAYERS.flatMap((folders, i) => folders.map((f) => [f, i])));

function emulatorLayerOf(file) {
  const parts = relative(join(src, EMULATOR), file).split(sep);
  return parts.length === 1 ? '(top)' : parts[0];
}

export function buildGraph(files) {
  const edges = new Map();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const targets = new Set();
    for (const match of text.matchAll(IMPORT)) {
      const target = resolveImport(file, match[1] ?? match[2] ?? match[3]);
      // Specs may use test/support; only src/ is layered.
      if (target && !relative(src, target).startsWith(`..${sep}`)) targets.add(target);
    }
    edges.set(file, targets);
  }
  return edges;
}

/** Tarjan's strongly connected components; the ones with more than one node are cycles. */
function cycles(nodes, next) {
  let index = 0;
  const stack = [];
  const state = new Map();
  const found = [];
  const visit = (node) => {
    const s = { index, low: index, onStack: true };
    index++;
    state.set(node, s);
    stack.push(node);
    for (const to of next(node)) {
      const t = state.get(to);
      if (!t) {
        visit(to);
        s.low = Math.min(s.low, state.get(to).low);
      } else if (t.onStack) {
        s.low = Math.min(s.low, t.index);
      }
    }
    if (s.low === s.index) {
      const component = [];
      let n;
      do {
        n = stack.pop();
        state.get(n).onStack = false;
        component.push(n);
      } while (n !== node);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const node of nodes) if (!state.has(node)) visit(node);
  return found;
}

export function analyse() {
  const files = walk(src);
  const graph = buildGraph(files);
  const rank = new Map(LAYERS.flatMap((folders, i) => folders.map((f) => [f, i])));
  const unknown = new Set();
  const upward = [];
  const folderEdges = new Map();
  for (const [from, targets] of graph) {
    const a = folderOf(from);
    for (const to of targets) {
      const b = folderOf(to);
      if (a === EMULATOR && b === EMULATOR) {
        const [x, y] = [emulatorLayerOf(from), emulatorLayerOf(to)];
        if (!emulatorRank.has(x) || !emulatorRank.has(y))
          unknown.add(`emulator/${emulatorRank.has(x) ? y : x}`);
        else if (emulatorRank.get(y) > emulatorRank.get(x))
          upward.push(`${relative(root, from)} → ${relative(root, to)}`);
        continue;
      }
      if (a === b) continue;
      if (!folderEdges.has(a)) folderEdges.set(a, new Set());
      folderEdges.get(a).add(b);
      if (a === EMULATOR || b === EMULATOR) {
        if (!(b === EMULATOR && MAY_START_EMULATOR.has(a)))
          upward.push(`${relative(root, from)} → ${relative(root, to)}`);
        continue;
      }
      for (const f of [a, b]) if (!rank.has(f)) unknown.add(f);
      if ((rank.get(b) ?? 0) > (rank.get(a) ?? 0)) {
        upward.push(`${relative(root, from)} → ${relative(root, to)}`);
      }
    }
  }
  const folderCycles = cycles([...folderEdges.keys()], (f) => folderEdges.get(f) ?? []);
  const fileCycles = cycles([...graph.keys()], (f) => graph.get(f)).map((c) =>
    c.map((f) => relative(root, f)),
  );
  return { upward, folderCycles, fileCycles, unknown: [...unknown] };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { upward, folderCycles, fileCycles, unknown } = analyse();
  const report = process.argv.includes('--report');
  const problems = upward.length + folderCycles.length + fileCycles.length + unknown.length;
  if (report || problems) {
    console.log(`upward imports: ${upward.length}`);
    for (const u of upward) console.log(`  ${u}`);
    console.log(`folder cycles: ${folderCycles.length}`);
    for (const c of folderCycles) console.log(`  ${c.join(' ↔ ')}`);
    console.log(`file cycles: ${fileCycles.length}`);
    for (const c of fileCycles) console.log(`  ${c.join(' ↔ ')}`);
    if (unknown.length) console.log(`folders missing from LAYERS: ${unknown.join(', ')}`);
  }
  if (problems) process.exit(1);
}
