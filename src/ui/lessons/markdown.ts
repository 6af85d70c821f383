/**
 * Markdown for lesson text. Lessons are our own files, bundled at build time, so their HTML is trusted;
 * fenced shell blocks get "Run" and "Copy" buttons (added by the `codeButtons` action).
 */
import { Marked } from 'marked';

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

export interface CodeActions {
  run(command: string): void;
  copy(text: string): void;
}

/** Svelte action: add Run/Copy buttons to every <pre><code> in the node. */
export function codeButtons(node: HTMLElement, actions: CodeActions) {
  let current = actions;
  const decorate = () => {
    for (const pre of node.querySelectorAll('pre')) {
      if (pre.dataset.decorated) continue;
      pre.dataset.decorated = '1';
      const code = pre.querySelector('code');
      const text = (code?.textContent ?? pre.textContent ?? '').replace(/\n$/, '');
      const isShell = /language-(sh|bash|shell)/.test(code?.className ?? '');
      const bar = document.createElement('div');
      bar.className = 'code-actions';
      if (isShell) {
        const run = document.createElement('button');
        run.type = 'button';
        run.textContent = 'Run';
        run.title = 'Type this into the terminal and run it';
        run.setAttribute('aria-label', 'Run in terminal: ' + text.split('\n')[0]);
        run.addEventListener('click', () => current.run(text));
        bar.append(run);
      }
      const copy = document.createElement('button');
      copy.type = 'button';
      copy.textContent = 'Copy';
      copy.setAttribute('aria-label', 'Copy: ' + text.split('\n')[0]);
      copy.addEventListener('click', () => {
        current.copy(text);
        copy.textContent = 'Copied';
        setTimeout(() => (copy.textContent = 'Copy'), 1200);
      });
      bar.append(copy);
      pre.prepend(bar);
    }
  };
  decorate();
  const mo = new MutationObserver(decorate);
  mo.observe(node, { childList: true, subtree: true });
  return {
    update(a: CodeActions) {
      current = a;
    },
    destroy() {
      mo.disconnect();
    },
  };
}
