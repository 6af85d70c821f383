/**
 * The programs the learner runs on the laptop (issue 3 "Programs"): pip, python (Flask dev server),
 * gunicorn, curl, hey, nc, ss, ps. Register them after the shell's own programs so these win.
 */
import type { ProgramRegistry } from '../shell/program';
import { gunicornProgram } from '../gunicorn/program';
import { pipProgram, pip3Program } from './pip';
import { pythonProgram, python3Program } from './python';
import { curlProgram } from './curl';
import { heyProgram } from './hey';
import { ncProgram } from './nc';
import { ssProgram, psProgram } from './ss';

export { seedLaptopFiles, PROJECT_DIR, MYPROJECT_PY, WSGI_PY } from './seed';
export { isInstalled, installedSet, markInstalled } from './pyenv';
export { FlaskApp, parseFlaskApp, errorPage } from './flaskapp';
export { importApp } from './pyimport';

export const LAPTOP_PROGRAMS = [
  pipProgram, pip3Program, pythonProgram, python3Program, gunicornProgram, curlProgram, heyProgram, ncProgram, ssProgram, psProgram,
];

export function registerLaptopPrograms(reg: ProgramRegistry): void {
  for (const p of LAPTOP_PROGRAMS) reg.register(p);
}
