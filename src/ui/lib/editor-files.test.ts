import { describe, expect, it } from 'vitest';
import { applyCommand, defaultFiles, loadFiles, saveFiles } from './editor-files';

function mem() {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v) };
}

describe('editor files', () => {
  it('starts with the seed files in ~/myproject/k8s, YAML and JSON', () => {
    const f = defaultFiles();
    expect(f.map((x) => [x.name, x.language])).toEqual([
      ['backend-deployment.yaml', 'yaml'],
      ['graphite.yaml', 'yaml'],
      ['patch.json', 'json'],
    ]);
    expect(f[0]!.path).toBe('/home/learner/myproject/k8s/backend-deployment.yaml');
    expect(f[0]!.content).toContain('MY_POD_NAME');
    expect(JSON.parse(f[2]!.content)).toHaveProperty(['spec', 'template', 'spec', '$setElementOrder/containers']);
  });

  it('edits survive a reload through storage; junk is ignored', () => {
    const s = mem();
    const f = defaultFiles();
    f[1]!.content = 'kind: Edited\n';
    saveFiles(s, f);
    expect(loadFiles(s)[1]!.content).toBe('kind: Edited\n');
    expect(loadFiles(s)[0]!.content).toBe(f[0]!.content);
    s.setItem('mp.editor.files.v1', '[[');
    expect(loadFiles(s)[1]!.content).toBe(defaultFiles()[1]!.content);
  });

  it('Apply runs kubectl on the file path', () => {
    const f = defaultFiles();
    expect(applyCommand(f[0]!)).toBe('kubectl apply -f /home/learner/myproject/k8s/backend-deployment.yaml');
    expect(applyCommand(f[2]!)).toBe('kubectl patch deployment backend --patch-file /home/learner/myproject/k8s/patch.json');
  });
});
