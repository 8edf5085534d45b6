/**
 * `node deploy/validate.mjs`: checks the Kubernetes manifests without a cluster. Parses every YAML
 * document, cross-checks the references between them (labels, ports, probes, Secret and ConfigMap
 * keys, mounted files), and feeds the ConfigMap + Secret to the gateway's own config loader
 * (dist/config/app-config.js; run `npm run build` first) so a setting it would refuse fails here.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { parseAllDocuments } = require('yaml');
const here = join(dirname(fileURLToPath(import.meta.url)), 'kubernetes');
const root = join(here, '..', '..');
const problems = [];
const check = (ok, message) => {
  if (!ok) problems.push(message);
};

// 1. Every file parses, every document is a named Kubernetes object.
const docs = [];
const files = readdirSync(here).filter((f) => f.endsWith('.yaml'));
for (const file of files) {
  for (const doc of parseAllDocuments(readFileSync(join(here, file), 'utf8'))) {
    for (const err of doc.errors) problems.push(`${file}: ${err.message}`);
    const obj = doc.toJSON(); // yaml 1.x and 2.x both have toJSON
    if (!obj) continue;
    check(typeof obj.apiVersion === 'string' && typeof obj.kind === 'string', `${file}: apiVersion/kind missing`);
    if (obj.kind !== 'Kustomization') check(obj.metadata?.name, `${file}: ${obj.kind} without metadata.name`);
    docs.push({ file, ...obj });
  }
}
const find = (kind, name) => docs.find((d) => d.kind === kind && d.metadata?.name === name);

const kustomization = docs.find((d) => d.kind === 'Kustomization');
check(kustomization, 'kustomization.yaml missing');
for (const file of files.filter((f) => f !== 'kustomization.yaml')) {
  check(kustomization?.resources?.includes(file), `kustomization.yaml does not list ${file}`);
}

// 2. The gateway Deployment and what it refers to.
const deployment = find('Deployment', 'fortirest');
const pod = deployment?.spec.template.spec;
const container = pod?.containers.find((c) => c.name === 'fortirest');
check(container, 'Deployment fortirest with container fortirest missing');
const podLabels = deployment?.spec.template.metadata.labels ?? {};
const matches = (selector) => Object.entries(selector ?? {}).every(([k, v]) => podLabels[k] === v);
check(matches(deployment?.spec.selector.matchLabels), 'Deployment selector does not match its pod labels');
check(pod?.securityContext?.runAsNonRoot === true, 'pod must run as non-root');
check(container?.securityContext?.readOnlyRootFilesystem === true, 'root filesystem must be read-only');
check(container?.securityContext?.allowPrivilegeEscalation === false, 'privilege escalation must be off');
check(container?.resources?.requests?.cpu && container?.resources?.limits?.memory, 'resources: cpu request and memory limit');
const portNames = new Set((container?.ports ?? []).map((p) => p.name));
const probe = (name, path) => {
  const p = container?.[name]?.httpGet;
  check(p?.path === path, `${name} must GET ${path}`);
  check(portNames.has(p?.port) || (container?.ports ?? []).some((x) => x.containerPort === p?.port), `${name} port unknown`);
};
probe('livenessProbe', '/health/live');
probe('readinessProbe', '/health/ready');

const service = find('Service', 'fortirest');
check(service && matches(service.spec.selector), 'Service fortirest must select the gateway pods');
for (const port of service?.spec.ports ?? []) check(portNames.has(port.targetPort), `Service targetPort ${port.targetPort} unknown`);
const hpa = find('HorizontalPodAutoscaler', 'fortirest');
check(hpa?.spec.scaleTargetRef.name === deployment?.metadata.name, 'HPA must target the Deployment');
check(hpa?.spec.metrics?.some((m) => m.resource?.name === 'cpu'), 'HPA must scale on CPU');
const pdb = find('PodDisruptionBudget', 'fortirest');
check(!pdb || matches(pdb.spec.selector.matchLabels), 'PDB must select the gateway pods');

const secret = find('Secret', 'fortirest');
const secretKeys = new Set(Object.keys({ ...secret?.stringData, ...secret?.data }));
for (const env of container?.env ?? []) {
  const ref = env.valueFrom?.secretKeyRef;
  if (ref) check(ref.name === 'fortirest' && secretKeys.has(ref.key), `env ${env.name}: Secret key ${ref.key} missing`);
}
const configMaps = new Map(docs.filter((d) => d.kind === 'ConfigMap').map((d) => [d.metadata.name, d.data ?? {}]));
for (const from of container?.envFrom ?? []) {
  check(configMaps.has(from.configMapRef?.name), `envFrom ConfigMap ${from.configMapRef?.name} missing`);
}

// Files the config points at must be mounted: path → { volume, key } through the volume mounts.
const volumes = new Map((pod?.volumes ?? []).map((v) => [v.name, v]));
function mountedKey(path) {
  for (const m of container?.volumeMounts ?? []) {
    if (!path.startsWith(`${m.mountPath}/`)) continue;
    const volume = volumes.get(m.name);
    const file = posix.relative(m.mountPath, path);
    if (volume?.secret) {
      const item = volume.secret.items?.find((i) => i.path === file);
      return { kind: 'secret', key: item ? item.key : file };
    }
    if (volume?.configMap) return { kind: 'configMap', name: volume.configMap.name, key: file };
  }
  return undefined;
}
for (const m of container?.volumeMounts ?? []) check(volumes.has(m.name), `volumeMount ${m.name} has no volume`);
const config = configMaps.get('fortirest') ?? {};
const env = {};
for (const e of container?.env ?? []) env[e.name] = e.value ?? (e.valueFrom?.secretKeyRef ? secret?.stringData?.[e.valueFrom.secretKeyRef.key] : undefined);
Object.assign(env, config);

// 3. The gateway's own config loader accepts the result (files materialised in a temp dir).
const tmp = mkdtempSync(join(tmpdir(), 'fortirest-deploy-'));
try {
  for (const [name, value] of Object.entries(env)) {
    if (!name.endsWith('_FILE')) continue;
    const source = mountedKey(value);
    check(source, `${name}=${value} is not under any volume mount`);
    if (!source) continue;
    const content = source.kind === 'secret' ? secret?.stringData?.[source.key] : configMaps.get(source.name)?.[source.key];
    check(content !== undefined, `${name}: key ${source.key} missing in the ${source.kind}`);
    const file = join(tmp, basename(value));
    writeFileSync(file, content ?? '');
    env[name] = file;
  }
  let loadConfig;
  try {
    ({ loadConfig } = require(join(root, 'dist/config/app-config.js')));
  } catch {
    problems.push('dist/config/app-config.js not found: run `npm run build` first');
  }
  if (loadConfig) {
    try {
      const loaded = loadConfig(env);
      check(loaded.upstreams.fmg?.url === config.FMG_URL, 'FMG upstream not configured from the ConfigMap');
      check(loaded.redis?.url === env.REDIS_URL, 'REDIS_URL not picked up');
      check(loaded.auth.mode === 'jwt' && !loaded.auth.demo, 'client authentication must be configured');
    } catch (err) {
      problems.push(`the gateway refuses this configuration: ${err.message}`);
    }
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

if (problems.length > 0) {
  console.error(`deploy/kubernetes: ${problems.length} problem(s)\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`deploy/kubernetes: ${docs.length} documents in ${files.length} files parse, reference each other correctly, and the gateway accepts the configuration.`);
