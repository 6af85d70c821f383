/**
 * Build a fully wired world: the laptop's programs and files, the laptop's statsd + Graphite on
 * 127.0.0.1:8125, and a Kubernetes cluster with kubectl. The worker and the integration tests both start here.
 */
import { World, HOME } from './world';
import { registerBasicPrograms } from './shell';
import { registerLaptopPrograms, seedLaptopFiles } from './programs';
import { startMetricsBackend } from './metrics';
import { K8S_FILES } from './k8s-files';
import { registerKubectl, getCluster } from './kube';

export interface BootOptions {
  /** Simulated start time (ms since the epoch); a fixed default keeps tests repeatable. */
  startMs?: number;
  seed?: string;
}

export function bootWorld(opts: BootOptions = {}): World {
  const world = new World(opts.startMs);
  registerBasicPrograms(world.programs);
  registerLaptopPrograms(world.programs);
  registerKubectl(world.programs);
  recordProgramsRun(world);

  const fs = world.fs('laptop');
  fs.write(HOME + '/.bashrc', '# ~/.bashrc\nexport PS1="\\u@\\h:\\w\\$ "\n');
  seedLaptopFiles(fs);
  for (const [path, content] of Object.entries(K8S_FILES)) fs.write(path, content);

  startMetricsBackend(world, 'laptop', 'local', { label: 'laptop (127.0.0.1:8125)', web: true });
  getCluster(world);
  return world;
}

/**
 * Lesson checks may ask "did the learner run `ss`?" (a fact about the session, not about typed text): every
 * program run adds its name to the `ran` fact.
 */
function recordProgramsRun(world: World): void {
  const ran = new Set<string>();
  world.facts.set('ran', ran);
  for (const spec of world.programs.all()) {
    const run = spec.run;
    spec.run = (ctx) => {
      ran.add(spec.name);
      return run(ctx);
    };
  }
}
