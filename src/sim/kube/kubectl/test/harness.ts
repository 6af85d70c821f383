/** Test helpers: a world with the cluster, the course's files, and kubectl run like the shell would run it. */
import { World } from '../../../world';
import { getCluster, type Cluster } from '../../cluster/cluster';
import { kubectlProgram } from '../../kubectl/kubectl';
import { runProgram, startProgram, settle } from '../../../programs/testing';
import { shlexSplit } from '../../../gunicorn/argparse';
import { K8S_FILES } from '../../../k8s-files';

export function boot(): { w: World; c: Cluster } {
  const w = new World();
  // No pip install on the laptop: a pod's image ships flask and gunicorn (src/sim/programs/pyenv.ts).
  const fs = w.fs('laptop');
  for (const [p, t] of Object.entries(K8S_FILES)) fs.write(p, t);
  const c = getCluster(w);
  return { w, c };
}

export async function kubectl(w: World, line: string, stdin: string | null = null) {
  const words = shlexSplit(line);
  if (!words) throw new Error('bad quoting in test line');
  return runProgram(kubectlProgram, w, words[0] === 'kubectl' ? words : ['kubectl', ...words], { stdin });
}

export function startKubectl(w: World, line: string) {
  return startProgram(kubectlProgram, w, ['kubectl', ...(shlexSplit(line) ?? [])]);
}

/** Let simulated time pass in small steps so that pods start and servers boot. */
export async function pass(w: World, ms: number, step = 100): Promise<void> {
  for (let t = 0; t < ms; t += step) {
    w.clock.advance(step);
    await settle();
  }
}
