/**
 * Lessons for the page: every lessons/*.md is bundled as text at build time (the site is static and
 * offline), parsed with the same parser the unit tests use, and ordered by file number. A file that fails to
 * parse is reported in the console and in the lesson list, not thrown.
 */
import { parseLesson, sortLessons } from '../../lessons/parse';
import type { Lesson } from '../../lessons/types';

const files = import.meta.glob('../../../lessons/*.md', { query: '?raw', import: 'default', eager: true }) as Record<
  string,
  string
>;

export const lessonErrors: string[] = [];

export const lessons: Lesson[] = sortLessons(
  Object.entries(files).flatMap(([file, text]) => {
    const r = parseLesson(file.split('/').pop()!, text);
    if (r.ok) return [r.lesson];
    lessonErrors.push(...r.errors);
    console.error(r.errors.join('\n'));
    return [];
  }),
);

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
