/** Test helpers: a World with the basic programs and a shell that records its output. */
import { World } from '../world';
import { Shell } from './interpreter';
import { registerBasicPrograms } from './programs/index';

export function makeShell(setup?: (w: World) => void) {
  const world = new World();
  registerBasicPrograms(world.programs);
  setup?.(world);
  const rec = { out: '', err: '' };
  const sh = new Shell(world, { out: (t) => (rec.out += t), err: (t) => (rec.err += t) });
  const run = async (src: string) => {
    rec.out = '';
    rec.err = '';
    const code = await sh.run(src);
    return { code, out: rec.out, err: rec.err };
  };
  return { world, sh, run, rec };
}
