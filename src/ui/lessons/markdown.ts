/**
 * Lesson HTML is rendered from our own markdown at build time (src/lessons/compile.ts), so it is trusted;
 * here fenced shell blocks get "Run" and "Copy" buttons (the `codeButtons` action).
 */
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
