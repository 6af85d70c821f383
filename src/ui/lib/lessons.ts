/**
 * Lessons for the page, compiled at build time from lessons/*.md (parsed, checked and rendered to HTML by
 * src/lessons/compile.ts through the `virtual:lessons` module of vite.config.ts). A file that failed to
 * compile is listed in `lessonErrors` and shown on the page, not thrown.
 */
import compiled from 'virtual:lessons';
import type { CompiledLesson as Lesson } from '../../lessons/types';

export const lessonErrors: string[] = compiled.errors;
export const lessons: Lesson[] = compiled.lessons;
if (lessonErrors.length) console.error(lessonErrors.join('\n'));

export function lessonById(id: string | undefined): Lesson | undefined {
  return lessons.find((l) => l.id === id);
}

/** Deep links: #/lesson/<lessonId>/<stepId> */
export function parseRoute(hash: string): { lesson?: string; step?: string } {
  const m = /^#?\/?lesson\/([^/]+)(?:\/([^/?]+))?/.exec(hash);
  return m ? { lesson: decodeURIComponent(m[1]!), step: m[2] ? decodeURIComponent(m[2]) : undefined } : {};
}

export function routeFor(lessonId: string, stepId?: string): string {
  return `#/lesson/${encodeURIComponent(lessonId)}${stepId ? '/' + encodeURIComponent(stepId) : ''}`;
}

const PROGRESS_KEY = 'mp.progress.v1';

/** Completed steps as "lessonId/stepId", kept in localStorage. */
export function loadProgress(): Set<string> {
  try {
    const raw = localStorage.getItem(PROGRESS_KEY);
    const arr = raw ? (JSON.parse(raw) as unknown) : [];
    return new Set(Array.isArray(arr) ? arr.filter((x): x is string => typeof x === 'string') : []);
  } catch {
    return new Set();
  }
}

export function saveProgress(done: Set<string>): void {
  try {
    localStorage.setItem(PROGRESS_KEY, JSON.stringify([...done]));
  } catch {
    /* storage full or blocked: progress lives for this page only */
  }
}

export function lessonProgress(lesson: Lesson, done: Set<string>): number {
  return lesson.steps.filter((s) => done.has(`${lesson.id}/${s.id}`)).length;
}
