import { describe, expect, it } from 'vitest';
import { compileLessons } from './compile';

const lesson = (id: string, n: string) => `---
id: ${id}
title: T ${id}
summary: S
steps:
  - id: a
    title: A
    text: "Run \`ls\`:\\n\\n\`\`\`sh\\nls\\n\`\`\`"
    goal: g
    hint: "**Look** here"
    check: { fact: { key: ran, includes: ls } }
    solution: [{ run: ls }]
  - id: b
    title: B
    text: t
    goal: g
    hint: h
    check: { listening: { port: 1 } }
    solution: [{ run: ls }]
---
# Body ${n}
`;

describe('compileLessons (build time)', () => {
  it('parses, orders by file number and renders markdown to HTML', () => {
    const r = compileLessons([
      { name: '02-b.md', text: lesson('b', 'two') },
      { name: '01-a.md', text: lesson('a', 'one') },
    ]);
    expect(r.errors).toEqual([]);
    expect(r.lessons.map((l) => l.id)).toEqual(['a', 'b']);
    expect(r.lessons[0]!.html).toBe('<h3>Body one</h3>\n'); // under the lesson's <h2>
    expect(r.lessons[0]!.steps[0]!.html).toContain('<pre><code class="language-sh">ls\n</code></pre>');
    expect(r.lessons[0]!.steps[0]!.hintHtml).toBe('<p><strong>Look</strong> here</p>\n');
  });

  it('keeps going past a broken file and reports it', () => {
    const r = compileLessons([
      { name: '01-a.md', text: lesson('a', 'one') },
      { name: '02-bad.md', text: 'no frontmatter' },
    ]);
    expect(r.lessons.map((l) => l.id)).toEqual(['a']);
    expect(r.errors).toEqual(["02-bad.md: missing '---' frontmatter at the top"]);
  });
});
