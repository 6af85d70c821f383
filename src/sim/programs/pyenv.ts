/**
 * The laptop's Python installation: interpreter version, site-packages, and which distributions pip has
 * installed (world.facts 'pip.installed': Set<string> of lower-case project names, plus
 * 'pip.installed.<name>' = version for lesson checks).
 *
 * Versions are the releases current on the simulated date (January 2026): Flask 3.1.2 (2025-08-19),
 * Werkzeug 3.1.4 (2025-11-28), click 8.3.1 (2025-11-15) — tags in pallets/flask, pallets/werkzeug,
 * pallets/click —, gunicorn 23.0.0 (benoitc/gunicorn tag 23.0.0; 24.0.0 came out 2026-01-23), and their
 * dependencies from flask's pyproject.toml (blinker, click, itsdangerous, jinja2, markupsafe, werkzeug) and
 * gunicorn's (packaging).
 */
import type { World } from '../world';

export const PYTHON_VERSION = '3.12.3';
export const PY_MINOR = '3.12';
export const SITE_PACKAGES = `/usr/local/lib/python${PY_MINOR}/site-packages`;
export const PIP_VERSION = '25.3';

/**
 * One traceback frame as CPython 3.12 prints it: the File line, the source line, and `^` under the failing
 * expression `expr` (a substring of `code`); traceback.py omits the carets when they would cover the whole line.
 */
export function pyFrame(file: string, line: number, func: string, code: string, expr = code): string[] {
  const head = [`  File "${file}", line ${line}, in ${func}`, `    ${code}`];
  const at = code.indexOf(expr);
  return expr === code || at < 0 ? head : [...head, `    ${' '.repeat(at)}${'^'.repeat(expr.length)}`];
}

export interface Dist {
  name: string; // canonical display name as pip prints it in "Successfully installed"
  version: string;
  wheel: string;
  metadataKb: string;
  sizeKb: string;
  requires: string[]; // "blinker>=1.9.0" style requirement specifiers
  summary: string;
}

const MANYLINUX = 'cp312-cp312-manylinux2014_x86_64.manylinux_2_17_x86_64.manylinux_2_28_x86_64';

export const CATALOG: Record<string, Dist> = {
  flask: {
    name: 'flask', version: '3.1.2', wheel: 'flask-3.1.2-py3-none-any.whl', metadataKb: '3.2 kB', sizeKb: '103 kB',
    requires: ['blinker>=1.9.0', 'click>=8.1.3', 'itsdangerous>=2.2.0', 'jinja2>=3.1.2', 'markupsafe>=2.1.1', 'werkzeug>=3.1.0'],
    summary: 'A simple framework for building complex web applications.',
  },
  gunicorn: {
    name: 'gunicorn', version: '23.0.0', wheel: 'gunicorn-23.0.0-py3-none-any.whl', metadataKb: '4.4 kB', sizeKb: '85 kB',
    requires: ['packaging'], summary: 'WSGI HTTP Server for UNIX',
  },
  blinker: { name: 'blinker', version: '1.9.0', wheel: 'blinker-1.9.0-py3-none-any.whl', metadataKb: '1.6 kB', sizeKb: '8.5 kB', requires: [], summary: 'Fast, simple object-to-object and broadcast signaling' },
  click: { name: 'click', version: '8.3.1', wheel: 'click-8.3.1-py3-none-any.whl', metadataKb: '2.6 kB', sizeKb: '108 kB', requires: [], summary: 'Composable command line interface toolkit' },
  itsdangerous: { name: 'itsdangerous', version: '2.2.0', wheel: 'itsdangerous-2.2.0-py3-none-any.whl', metadataKb: '1.9 kB', sizeKb: '16 kB', requires: [], summary: 'Safely pass data to untrusted environments and back.' },
  jinja2: { name: 'jinja2', version: '3.1.6', wheel: 'jinja2-3.1.6-py3-none-any.whl', metadataKb: '2.9 kB', sizeKb: '134 kB', requires: ['MarkupSafe>=2.0'], summary: 'A very fast and expressive template engine.' },
  markupsafe: { name: 'markupsafe', version: '3.0.3', wheel: `markupsafe-3.0.3-${MANYLINUX}.whl`, metadataKb: '2.7 kB', sizeKb: '22 kB', requires: [], summary: 'Safely add untrusted strings to HTML/XML markup.' },
  werkzeug: { name: 'werkzeug', version: '3.1.4', wheel: 'werkzeug-3.1.4-py3-none-any.whl', metadataKb: '4.0 kB', sizeKb: '224 kB', requires: ['markupsafe>=2.1.1'], summary: 'The comprehensive WSGI web application library.' },
  packaging: { name: 'packaging', version: '25.0', wheel: 'packaging-25.0-py3-none-any.whl', metadataKb: '3.3 kB', sizeKb: '66 kB', requires: [], summary: 'Core utilities for Python packages' },
  statsd: { name: 'statsd', version: '4.0.1', wheel: 'statsd-4.0.1-py2.py3-none-any.whl', metadataKb: '2.9 kB', sizeKb: '13 kB', requires: [], summary: 'A simple statsd client.' },
  pip: { name: 'pip', version: PIP_VERSION, wheel: `pip-${PIP_VERSION}-py3-none-any.whl`, metadataKb: '4.7 kB', sizeKb: '1.8 MB', requires: [], summary: 'The PyPA recommended tool for installing Python packages.' },
};

/** PEP 503 normalisation: Flask, flask, FLASK, Jinja2 → flask, jinja2. */
export function canonical(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** Packages a container image for the app ships with (its Dockerfile ran `pip install -r requirements.txt`). */
const IMAGE_PACKAGES = ['pip', 'flask', 'werkzeug', 'jinja2', 'markupsafe', 'itsdangerous', 'click', 'blinker', 'gunicorn', 'packaging'];

/**
 * Installed packages per machine: the laptop starts with only pip (the learner installs the rest); any other host
 * is a container built from the app's image, which already has its requirements. The laptop's set is the
 * `pip.installed` fact lesson checks read.
 */
export function installedSet(world: World, host = 'laptop'): Set<string> {
  const key = host === 'laptop' ? 'pip.installed' : `pip.installed@${host}`;
  let s = world.facts.get(key) as Set<string> | undefined;
  if (!s) {
    // pip itself ships with Python.
    s = new Set(host === 'laptop' ? ['pip'] : IMAGE_PACKAGES);
    world.facts.set(key, s);
  }
  return s;
}

export function isInstalled(world: World, name: string, host = 'laptop'): boolean {
  return installedSet(world, host).has(canonical(name));
}

export function markInstalled(world: World, name: string, host = 'laptop'): void {
  const c = canonical(name);
  installedSet(world, host).add(c);
  if (host === 'laptop') world.facts.set(`pip.installed.${c}`, CATALOG[c]?.version ?? true);
  world.notify('pip');
}

export function markUninstalled(world: World, name: string, host = 'laptop'): void {
  const c = canonical(name);
  installedSet(world, host).delete(c);
  if (host === 'laptop') world.facts.delete(`pip.installed.${c}`);
  world.notify('pip');
}
