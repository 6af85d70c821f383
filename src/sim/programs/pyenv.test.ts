import { describe, expect, it } from 'vitest';
import { World } from '../world';
import { isInstalled, markInstalled } from './pyenv';

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
