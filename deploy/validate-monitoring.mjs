/**
 * `node deploy/validate-monitoring.mjs [--metrics-url URL]`: checks the Grafana dashboard and the Prometheus
 * alert rules against the metrics the gateway really exports.
 *
 *  - prometheus/alerts.yaml: parses, every rule is a named alert with an expression, a `for`, a severity and
 *    a summary; with `promtool` on PATH (or $PROMTOOL) also `promtool check rules` and, if present,
 *    `promtool test rules prometheus/alerts.test.yaml`.
 *  - grafana/fortirest-dashboard.json: a dashboard with a uid, unique panel ids, panels that do not overlap,
 *    every query on the `${datasource}` variable.
 *  - every metric the rules and the dashboard name appears in a live /metrics scrape, and every label they
 *    match on or group by is one that metric carries. Without --metrics-url the script starts the demo
 *    gateway from dist/ (run `npm run build` first), sends it one request so that upstream series exist,
 *    and scrapes it.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const require = createRequire(import.meta.url);
const YAML = require('yaml');
const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const RULES = join(here, 'prometheus/alerts.yaml');
const RULE_TESTS = join(here, 'prometheus/alerts.test.yaml');
const DASHBOARD = join(here, 'grafana/fortirest-dashboard.json');
/** Series Prometheus makes itself, not the gateway; and labels it adds to every scraped series. */
const PROMETHEUS_SERIES = new Set(['up']);
const TARGET_LABELS = new Set(['job', 'instance']);
const SEVERITIES = new Set(['critical', 'warning', 'info']);

const { values: args } = parseArgs({ options: { 'metrics-url': { type: 'string' } } });
const problems = [];
const check = (ok, message) => {
  if (!ok) problems.push(message);
};

// ---------------------------------------------------------------- the rules file

const rules = YAML.parse(readFileSync(RULES, 'utf8'));
const exprs = []; // { where, expr }
check(Array.isArray(rules?.groups) && rules.groups.length > 0, 'alerts.yaml: no groups');
for (const group of rules?.groups ?? []) {
  check(typeof group.name === 'string', 'alerts.yaml: a group without a name');
  for (const rule of group.rules ?? []) {
    const where = `alerts.yaml ${group.name}/${rule.alert ?? rule.record ?? '?'}`;
    check(typeof rule.alert === 'string', `${where}: not an alert`);
    check(typeof rule.expr === 'string' && rule.expr.trim(), `${where}: no expr`);
    check(/^\d+[smh]$/.test(rule.for ?? ''), `${where}: no 'for' duration`);
    check(
      SEVERITIES.has(rule.labels?.severity),
      `${where}: severity must be one of ${[...SEVERITIES].join(', ')}`,
    );
    check(rule.annotations?.summary, `${where}: no summary annotation`);
    if (typeof rule.expr === 'string') exprs.push({ where, expr: rule.expr });
  }
}

const promtool = process.env.PROMTOOL ?? 'promtool';
const hasPromtool = spawnSync(promtool, ['--version'], { stdio: 'ignore' }).status === 0;
const runPromtool = (...argv) => {
  const run = spawnSync(promtool, argv, { encoding: 'utf8' });
  check(run.status === 0, `promtool ${argv.join(' ')} failed:\n${run.stdout}${run.stderr}`);
  return run.status === 0;
};
let promtoolSaid = 'promtool not found: syntax checked by this script only';
if (hasPromtool) {
  const checked = runPromtool('check', 'rules', RULES);
  let tested = false;
  try {
    readFileSync(RULE_TESTS);
    tested = runPromtool('test', 'rules', RULE_TESTS);
  } catch {
    // no rule tests shipped
  }
  promtoolSaid = `promtool check rules${tested ? ' and promtool test rules' : ''}: ${checked ? 'ok' : 'FAILED'}`;
}

// ---------------------------------------------------------------- the dashboard

const dashboard = JSON.parse(readFileSync(DASHBOARD, 'utf8'));
check(typeof dashboard.uid === 'string' && dashboard.uid, 'dashboard: no uid');
check(typeof dashboard.title === 'string' && dashboard.title, 'dashboard: no title');
check(Number.isInteger(dashboard.schemaVersion), 'dashboard: no schemaVersion');
const variables = new Set((dashboard.templating?.list ?? []).map((v) => v.name));
check(variables.has('datasource'), 'dashboard: no datasource variable');
const ids = new Set();
const cells = new Map();
for (const panel of dashboard.panels ?? []) {
  const where = `dashboard panel ${panel.id} "${panel.title}"`;
  check(Number.isInteger(panel.id) && !ids.has(panel.id), `${where}: id missing or repeated`);
  ids.add(panel.id);
  const { x, y, w, h } = panel.gridPos ?? {};
  check(
    [x, y, w, h].every(Number.isInteger) && x >= 0 && x + w <= 24,
    `${where}: gridPos outside the 24-column grid`,
  );
  for (let r = y; r < y + h; r++) {
    for (let c = x; c < x + w; c++) {
      const other = cells.get(`${r},${c}`);
      check(!other, `${where}: overlaps panel ${other}`);
      cells.set(`${r},${c}`, panel.id);
    }
  }
  if (panel.type === 'row') continue;
  check(panel.datasource?.uid === '${datasource}', `${where}: not on the \${datasource} variable`);
  check((panel.targets ?? []).length > 0, `${where}: no queries`);
  for (const target of panel.targets ?? []) {
    check(typeof target.expr === 'string' && target.expr, `${where} ${target.refId}: no expr`);
    if (target.expr) exprs.push({ where: `${where} ${target.refId}`, expr: target.expr });
  }
}
for (const v of dashboard.templating?.list ?? []) {
  const query = typeof v.query === 'string' ? v.query : v.query?.query;
  // label_values(selector, label): the selector is PromQL, the label one of the target's.
  const labelValues = /^label_values\((.*),\s*(\w+)\)$/.exec(query ?? '');
  if (v.type === 'query')
    check(
      labelValues && TARGET_LABELS.has(labelValues[2]),
      `dashboard variable ${v.name}: not label_values(…, job|instance)`,
    );
  if (labelValues) exprs.push({ where: `dashboard variable ${v.name}`, expr: labelValues[1] });
}
// Every $variable a query uses is defined (Grafana's own ones start with __).
for (const { where, expr } of exprs) {
  for (const [, name] of expr.matchAll(/\$\{?(\w+)/g)) {
    check(name.startsWith('__') || variables.has(name), `${where}: unknown variable $${name}`);
  }
}

// ---------------------------------------------------------------- metric and label names in PromQL

const KEYWORDS = new Set(
  'and or unless by without on ignoring group_left group_right offset bool inf nan le'.split(' '),
);

/** Metric names and, per metric, the labels an expression matches on; plus the labels it groups by. */
function namesIn(expr) {
  const text = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""') // string literals (label values, humanize templates)
    .replace(/\$\{?\w+\}?/g, '1m') // Grafana variables: only inside ranges and label values here
    .replace(/\[[^\]]*\]/g, ''); // range selectors
  const metrics = new Map();
  const grouped = new Set();
  for (const m of text.matchAll(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\(([^)]*)\)/g)) {
    m[1]
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .forEach((l) => grouped.add(l));
  }
  const stripped = text.replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, '');
  for (const m of stripped.matchAll(/([a-zA-Z_:][a-zA-Z0-9_:]*)\s*(\{[^}]*\})?\s*(\()?/g)) {
    const [, name, matchers, call] = m;
    if (call && !matchers) continue; // a function
    if (KEYWORDS.has(name)) continue;
    const labels = [...(matchers ?? '').matchAll(/([a-zA-Z_]\w*)\s*(?:=~|!~|!=|=)/g)].map((x) => x[1]);
    metrics.set(name, [...(metrics.get(name) ?? []), ...labels]);
  }
  return { metrics, grouped };
}

/** Metric family name → label names seen in the scrape (histogram series under their family name too). */
function parseScrape(text) {
  const families = new Map();
  const types = new Map();
  for (const line of text.split('\n')) {
    const type = /^# TYPE (\S+) (\S+)/.exec(line);
    if (type) {
      types.set(type[1], type[2]);
      families.set(type[1], new Set());
      continue;
    }
    const sample = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? /.exec(line);
    if (!sample) continue;
    const labels = [...(sample[2] ?? '').matchAll(/([a-zA-Z_]\w*)="/g)].map((x) => x[1]);
    const family = [sample[1], sample[1].replace(/_(bucket|sum|count)$/, '')].find((n) => families.has(n));
    if (family) labels.forEach((l) => families.get(family).add(l));
  }
  const series = new Map();
  for (const [name, labels] of families) {
    series.set(name, labels);
    if (types.get(name) === 'histogram' || types.get(name) === 'summary') {
      for (const suffix of ['_bucket', '_sum', '_count']) series.set(name + suffix, labels);
    }
  }
  return series;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** The demo gateway from dist/, one request through to its emulator, then a scrape. */
async function scrapeDemo() {
  const port = await freePort();
  const env = { ...process.env, PORT: String(port), HOST: '127.0.0.1' };
  for (const name of Object.keys(env)) if (/^(FMG|FAZ|AUTH)_/.test(name)) delete env[name];
  const gateway = spawn(process.execPath, [join(root, 'dist/main.js')], { env, stdio: 'ignore' });
  const base = `http://127.0.0.1:${port}`;
  try {
    for (let i = 0; ; i++) {
      if (
        await fetch(`${base}/health/live`).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      if (i > 120 || gateway.exitCode !== null)
        throw new Error('the demo gateway did not start (run `npm run build`)');
      await new Promise((r) => setTimeout(r, 250));
    }
    const token = spawnSync(process.execPath, [join(root, 'dist/cli/token.js'), '--scope', 'read'], {
      env,
      encoding: 'utf8',
    });
    await fetch(`${base}/adoms/root/firewall/addresses?limit=1`, {
      headers: { authorization: `Bearer ${token.stdout.trim()}` },
    });
    return await (await fetch(`${base}/metrics`)).text();
  } finally {
    gateway.kill('SIGTERM');
  }
}

const source = args['metrics-url'] ?? 'the demo gateway from dist/';
const scrape = args['metrics-url'] ? await (await fetch(args['metrics-url'])).text() : await scrapeDemo();
const exported = parseScrape(scrape);
check(exported.has('http_requests_total'), `${source}: no http_requests_total in the scrape`);
const used = new Set();
for (const { where, expr } of exprs) {
  const { metrics, grouped } = namesIn(expr);
  const labelsOf = new Set(TARGET_LABELS);
  for (const [metric, labels] of metrics) {
    used.add(metric);
    if (PROMETHEUS_SERIES.has(metric)) continue;
    const known = exported.get(metric);
    check(known, `${where}: metric ${metric} is not exported by the gateway`);
    if (!known) continue;
    known.forEach((l) => labelsOf.add(l));
    // A labelled counter with no samples yet (retries, rejections) shows no labels: nothing to compare.
    if (known.size === 0) continue;
    for (const label of labels) {
      check(TARGET_LABELS.has(label) || known.has(label), `${where}: ${metric} has no label ${label}`);
    }
  }
  for (const label of grouped) {
    check(
      label === 'le' || labelsOf.has(label) || labelsOf.size === TARGET_LABELS.size,
      `${where}: groups by unknown label ${label}`,
    );
  }
}

if (problems.length > 0) {
  console.error(`deploy monitoring: ${problems.length} problem(s)\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(
  `deploy monitoring: ${rules.groups.reduce((n, g) => n + g.rules.length, 0)} alert rules and ${ids.size} dashboard panels parse; ` +
    `the ${used.size} metrics they use are all in the /metrics of ${source}; ${promtoolSaid}.`,
);
