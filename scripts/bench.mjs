#!/usr/bin/env node
// `npm run bench`: runs every bench/*.bench.ts with tsx, one after another in fresh Node processes, each
// printing its own figures. Set BENCH=name to run only bench/name.bench.ts.
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const only = process.env.BENCH;
const files = readdirSync('bench')
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => !only || f === `${only}.bench.ts`)
  .sort();
let failed = 0;
for (const f of files) {
  console.log(`\n== ${f} ==`);
  const r = spawnSync('npx', ['tsx', `bench/${f}`], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
