import { describe, expect, it } from 'vitest';
import { World } from '../world';
import { isInstalled, markInstalled, pyFrame } from './pyenv';

describe('installed packages per machine', () => {
  it('the laptop starts with pip only; a container from the app image already has flask and gunicorn', () => {
    const w = new World();
    expect(isInstalled(w, 'pip')).toBe(true);
    expect(isInstalled(w, 'flask')).toBe(false);
    expect(isInstalled(w, 'flask', 'backend-abc-x2z4q')).toBe(true);
    expect(isInstalled(w, 'gunicorn', 'backend-abc-x2z4q')).toBe(true);
  });

  it('installing on the laptop does not change a pod, and is recorded as the pip.installed fact', () => {
    const w = new World();
    markInstalled(w, 'Flask');
    expect(isInstalled(w, 'flask')).toBe(true);
    expect((w.facts.get('pip.installed') as Set<string>).has('flask')).toBe(true);
    expect(w.facts.get('pip.installed@pod-a')).toBeUndefined();
  });
});

describe('pyFrame (CPython 3.12 traceback.py carets)', () => {
  it('underlines only the failing expression, and prints no carets when it is the whole line', () => {
    expect(pyFrame('/a.py', 1, 'f', 'worker.init_process()')).toEqual(['  File "/a.py", line 1, in f', '    worker.init_process()']);
    // Flask 3.1.2 app.py:902 as CPython prints it: 65 carets under the call, none under the comment.
    const call = 'self.ensure_sync(self.view_functions[rule.endpoint])(**view_args)';
    expect(pyFrame('/a.py', 902, 'dispatch_request', `return ${call}  # type: ignore[no-any-return]`, call)[2]).toBe(`    ${' '.repeat(7)}${'^'.repeat(65)}`);
  });
});
