#!/usr/bin/env node
// Browser tests: make sure Debian's Chromium is there (install it when we are root, e.g. in CI), then run
// the Playwright tests under Vitest's e2e config.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    console.error(`Chromium is missing at ${chromium}. Install it with: sudo apt-get update && sudo apt-get install -y chromium`);
    process.exit(1);
  }
  console.log('Chromium is missing: installing Debian package chromium ...');
  for (const cmd of [['apt-get', ['update']], ['apt-get', ['install', '-y', 'chromium']]]) {
    const r = spawnSync(cmd[0], cmd[1], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (r.status !== 0) {
      console.error(`'${cmd[0]} ${cmd[1].join(' ')}' failed (${r.status}).`);
      process.exit(1);
    }
  }
}
const r = spawnSync('npx', ['vitest', 'run', '--config', 'vitest.e2e.config.ts', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(r.status ?? 1);
