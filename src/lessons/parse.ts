/**
 * Parse a lesson file: `---` YAML frontmatter `---` markdown body. Returns the lesson or a list of problems,
 * each naming the file and, where it can, the line — a broken lesson must be reported, not crash the site.
 */
import { parse as parseYaml, YAMLParseError } from 'yaml';
import type { Check, Lesson, LessonStep, SolutionAction } from './types';

export type ParseResult = { ok: true; lesson: Lesson } | { ok: false; errors: string[] };

const CHECK_KINDS = new Set([
  'all', 'any', 'listening', 'notListening', 'http', 'fact', 'statsd', 'graphite', 'kube', 'podEnv', 'file', 'process',
]);

export function parseLesson(fileName: string, text: string): ParseResult {
  const errors: string[] = [];
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(text);
  if (!m) return { ok: false, errors: [`${fileName}: missing '---' frontmatter at the top`] };
  let front: unknown;
  try {
    front = parseYaml(m[1]!);
  } catch (e) {
    const line = e instanceof YAMLParseError && e.linePos ? ` line ${e.linePos[0].line + 1}` : '';
    return { ok: false, errors: [`${fileName}:${line} frontmatter is not valid YAML: ${(e as Error).message}`] };
  }
  if (!front || typeof front !== 'object') return { ok: false, errors: [`${fileName}: frontmatter must be a mapping`] };
  const f = front as Record<string, unknown>;
  const order = Number(/^(\d+)/.exec(fileName.split('/').pop() ?? '')?.[1] ?? NaN);
  for (const k of ['id', 'title', 'summary'] as const) {
    if (typeof f[k] !== 'string' || !f[k]) errors.push(`${fileName}: '${k}' is required (a string)`);
  }
  if (!Number.isFinite(order)) errors.push(`${fileName}: file name must start with the lesson number (e.g. 05-statsd.md)`);
  const rawSteps = f.steps;
  if (!Array.isArray(rawSteps) || rawSteps.length < 2 || rawSteps.length > 5) {
    errors.push(`${fileName}: 'steps' must list 2 to 5 steps`);
  }
  const steps: LessonStep[] = [];
  const ids = new Set<string>();
  (Array.isArray(rawSteps) ? rawSteps : []).forEach((s: unknown, i: number) => {
    const where = `${fileName}: step ${i + 1}`;
    if (!s || typeof s !== 'object') {
      errors.push(`${where} must be a mapping`);
      return;
    }
    const st = s as Record<string, unknown>;
    for (const k of ['id', 'title', 'text', 'goal', 'hint'] as const) {
      if (typeof st[k] !== 'string' || !(st[k] as string).trim()) errors.push(`${where}: '${k}' is required`);
    }
    if (typeof st.id === 'string') {
      if (ids.has(st.id)) errors.push(`${where}: duplicate step id '${st.id}'`);
      ids.add(st.id);
    }
    const checkErr = validateCheck(st.check);
    if (checkErr) errors.push(`${where}: check ${checkErr}`);
    const sol = st.solution;
    if (!Array.isArray(sol) || sol.length === 0) errors.push(`${where}: 'solution' must list at least one action`);
    else
      sol.forEach((a: unknown, j: number) => {
        const e = validateAction(a);
        if (e) errors.push(`${where}: solution ${j + 1} ${e}`);
      });
    steps.push(st as unknown as LessonStep);
  });
  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    lesson: {
      id: f.id as string,
      order,
      title: f.title as string,
      summary: f.summary as string,
      panels: f.panels as Lesson['panels'],
      speed: typeof f.speed === 'number' ? f.speed : undefined,
      graphs: Array.isArray(f.graphs) ? (f.graphs as string[]) : undefined,
      body: m[2]!.trim(),
      steps,
    },
  };
}

/** Returns a problem description, or null when the check is well formed. */
export function validateCheck(c: unknown): string | null {
  if (!c || typeof c !== 'object' || Array.isArray(c)) return 'must be a mapping with one kind';
  const keys = Object.keys(c);
  if (keys.length !== 1) return `must have exactly one kind, found: ${keys.join(', ') || 'none'}`;
  const kind = keys[0]!;
  if (!CHECK_KINDS.has(kind)) return `has unknown kind '${kind}' (known: ${[...CHECK_KINDS].join(', ')})`;
  const v = (c as Record<string, unknown>)[kind];
  if (kind === 'all' || kind === 'any') {
    if (!Array.isArray(v) || v.length === 0) return `'${kind}' must list checks`;
    for (const sub of v) {
      const e = validateCheck(sub);
      if (e) return e;
    }
    return null;
  }
  if (!v || typeof v !== 'object') return `'${kind}' needs its fields`;
  const need: Record<string, string[]> = {
    listening: ['port'], notListening: ['port'], fact: ['key'], graphite: ['path'], kube: ['kind'],
    podEnv: ['label', 'name'], file: ['path'], process: ['cmd'], http: [], statsd: [],
  };
  for (const k of need[kind] ?? []) if (!(k in (v as object))) return `'${kind}' needs '${k}'`;
  return null;
}

function validateAction(a: unknown): string | null {
  if (!a || typeof a !== 'object') return 'must be a mapping';
  const act = a as SolutionAction;
  if (act.run === undefined && act.edit === undefined && act.open === undefined && act.graph === undefined) {
    return "needs one of 'run', 'edit', 'open', 'graph'";
  }
  if (act.run !== undefined && typeof act.run !== 'string') return "'run' must be a string";
  return null;
}

export function sortLessons(lessons: Lesson[]): Lesson[] {
  return [...lessons].sort((a, b) => a.order - b.order);
}

export type { Check };
