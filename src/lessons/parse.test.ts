import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseLesson } from './parse';

const dir = path.resolve(__dirname, '../../lessons');
const files = readdirSync(dir).filter((f) => f.endsWith('.md')).sort();

describe('lesson files', () => {
  it('there are 11 lessons, numbered 1..11 in file names', () => {
    expect(files.map((f) => Number(f.slice(0, 2)))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  });

  for (const f of files) {
    it(`${f} parses and every step has a goal, a check, a hint and a solution`, () => {
      const r = parseLesson(f, readFileSync(path.join(dir, f), 'utf8'));
      if (!r.ok) throw new Error(r.errors.join('\n'));
      expect(r.lesson.steps.length).toBeGreaterThanOrEqual(2);
      expect(r.lesson.steps.length).toBeLessThanOrEqual(5);
      for (const s of r.lesson.steps) {
        expect(s.goal.length).toBeGreaterThan(5);
        expect(s.hint.length).toBeGreaterThan(5);
        expect(s.solution.length).toBeGreaterThan(0);
      }
    });
  }

  it('lesson ids are unique', () => {
    const ids = files.map((f) => {
      const r = parseLesson(f, readFileSync(path.join(dir, f), 'utf8'));
      return r.ok ? r.lesson.id : f;
    });
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('parseLesson errors', () => {
  it('reports a YAML error with its line', () => {
    const r = parseLesson('09-x.md', '---\nid: x\ntitle: [unclosed\n---\nbody');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatch(/09-x\.md: line \d+ frontmatter is not valid YAML/);
  });

  it('reports missing fields and unknown check kinds per step', () => {
    const src = `---
id: x
title: X
summary: s
steps:
  - id: a
    title: A
    text: t
    goal: g
    hint: h
    check: { bogus: {} }
    solution: [{ run: ls }]
  - id: a
    title: B
    text: t
    goal: g
    check: { listening: { proto: tcp } }
    solution: []
---
`;
    const r = parseLesson('01-x.md', src);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toContain("01-x.md: step 1: check has unknown kind 'bogus' (known: all, any, listening, notListening, http, fact, statsd, graphite, kube, podEnv, file, process)");
    expect(r.errors).toContain("01-x.md: step 2: 'hint' is required");
    expect(r.errors).toContain("01-x.md: step 2: duplicate step id 'a'");
    expect(r.errors).toContain("01-x.md: step 2: check 'listening' needs 'port'");
    expect(r.errors).toContain("01-x.md: step 2: 'solution' must list at least one action");
  });
});
