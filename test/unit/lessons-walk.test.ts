/**
 * Every lesson, played with its own "show me" solutions against a fully booted world, reaches every goal —
 * and no goal is already reached before its solution runs (a check that cannot fail would be worthless).
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseLesson } from '../../src/lessons/parse';
import { evaluateCheck } from '../../src/lessons/checks';
import { bootWorld } from '../../src/sim/boot';
import { Shell } from '../../src/sim/shell';
import type { Lesson } from '../../src/lessons/types';
import type { World } from '../../src/sim/world';

const dir = path.resolve(__dirname, '../../lessons');
const lessons: Lesson[] = readdirSync(dir)
  .filter((f) => f.endsWith('.md'))
  .sort()
  .map((f) => {
    const r = parseLesson(f, readFileSync(path.join(dir, f), 'utf8'));
    if (!r.ok) throw new Error(r.errors.join('\n'));
    return r.lesson;
  });

async function play(world: World, shell: Shell, lesson: Lesson, log: string[]) {
  for (const step of lesson.steps) {
    expect(evaluateCheck(world, step.check), `${lesson.id}/${step.id} must not be done before its solution`).toBe(false);
    for (const a of step.solution) {
      if (a.edit) world.fs().write(a.edit.file, a.edit.content);
      if (a.run !== undefined) {
        log.push(`$ ${a.run}`);
        await shell.run(a.run);
      }
    }
    // Let a little simulated time pass (pods start, a flush happens), as it would while the learner reads.
    for (let i = 0; i < 40 && !evaluateCheck(world, step.check); i++) {
      world.clock.advance(500);
      await new Promise((r) => setTimeout(r, 0));
    }
    expect(evaluateCheck(world, step.check), `${lesson.id}/${step.id}: goal "${step.goal}" not reached.\n${log.slice(-40).join('')}`).toBe(true);
  }
}

describe('every lesson can be completed with its own solutions', () => {
  for (const lesson of lessons) {
    it(`lesson ${lesson.order}: ${lesson.id}`, async () => {
      const world = bootWorld();
      const log: string[] = [];
      const shell = new Shell(world, {
        host: 'laptop',
        cwd: '/home/learner/myproject',
        out: (t) => log.push(t),
        err: (t) => log.push(t),
      });
      world.events.terminal = (t) => log.push(t);
      await play(world, shell, lesson, log);
    });
  }
});
