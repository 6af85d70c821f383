/**
 * Lessons are compiled when the site is built: each lessons/*.md is parsed (YAML frontmatter, checks) and its
 * markdown rendered to HTML here, in Node, so the page ships plain data — no YAML parser or markdown renderer in
 * the initial bundle. The Vite plugin in vite.config.ts serves the result as the module `virtual:lessons`.
 */
import { Marked } from 'marked';
import { parseLesson, sortLessons } from './parse';
import type { CompiledLessons, CompiledLesson } from './types';

// Lesson prose sits under the lesson's <h2>, beside steps that are <h3>: a markdown `#` becomes <h3>, `##` <h4>…
// so the page's heading outline never skips a level (axe-core heading-order).
const HEADING_OFFSET = 2;
const md = new Marked({
  gfm: true,
  breaks: false,
  renderer: {
    heading({ tokens, depth }) {
      const level = Math.min(6, depth + HEADING_OFFSET);
      return `<h${level}>${this.parser.parseInline(tokens)}</h${level}>\n`;
    },
  },
});

export function renderMarkdown(src: string): string {
  return md.parse(src, { async: false }) as string;
}
const html = renderMarkdown;

export function compileLessons(files: { name: string; text: string }[]): CompiledLessons {
  const errors: string[] = [];
  const compiled: CompiledLesson[] = [];
  for (const f of files) {
    const r = parseLesson(f.name, f.text);
    if (!r.ok) {
      errors.push(...r.errors);
      continue;
    }
    const l = r.lesson;
    compiled.push({
      ...l,
      html: html(l.body),
      steps: l.steps.map((s) => ({ ...s, html: html(s.text), hintHtml: html(s.hint) })),
    });
  }
  return { lessons: sortLessons(compiled) as CompiledLesson[], errors };
}
