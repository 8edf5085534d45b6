#!/usr/bin/env node
// `npm run token`: runs dist/cli/token.js, building it first only when it is missing or older than a
// source file (one `nest build`, not one per token), so minting a token takes a fraction of a second.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = join(root, 'dist/cli/token.js');

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

let builtAt = 0;
try {
  builtAt = statSync(built).mtimeMs;
} catch {
  // not built yet
}
if (builtAt < newestSource(join(root, 'src'))) {
  const nest = join(root, 'node_modules/.bin/nest');
  const build = spawnSync(nest, ['build'], { cwd: root, stdio: ['ignore', 2, 2] });
  if (build.status !== 0) {
    process.stderr.write('token: `nest build` failed\n');
    process.exit(1);
  }
}
// In this process (no second Node start-up); it reads process.argv itself.
await import(pathToFileURL(built).href);
