/**
 * Graphite path-expression matching, node by node, as graphite-web's finders do it
 * (graphite-project/graphite-web webapp/graphite/finders/__init__.py: expand_braces + fnmatch.filter):
 * the pattern is split on '.', each node's `{a,b}` alternatives are expanded, then each variant is an
 * fnmatch glob (`*`, `?`, `[0-9]`, `[a-z]`, `[!x]`) that must match the whole node.
 */

const BRACES = /\{([^{}]*)\}/;

/** graphite-web finders.expand_braces: innermost-first, recursively, de-duplicated. */
export function expandBraces(s: string): string[] {
  const m = BRACES.exec(s);
  if (!m) return [s];
  const out = new Set<string>();
  for (const alt of m[1].split(',')) {
    for (const r of expandBraces(s.slice(0, m.index) + alt + s.slice(m.index + m[0].length))) out.add(r);
  }
  return [...out];
}

/** Python's fnmatch.translate for one variant, anchored. */
function fnmatchSource(pat: string): string {
  let re = '';
  let i = 0;
  while (i < pat.length) {
    const c = pat[i++];
    if (c === '*') re += '.*';
    else if (c === '?') re += '.';
    else if (c === '[') {
      let j = i;
      if (j < pat.length && pat[j] === '!') j++;
      if (j < pat.length && pat[j] === ']') j++;
      while (j < pat.length && pat[j] !== ']') j++;
      if (j >= pat.length) re += '\\[';
      else {
        let stuff = pat.slice(i, j).replace(/\\/g, '\\\\');
        i = j + 1;
        if (stuff[0] === '!') stuff = '^' + stuff.slice(1);
        else if (stuff[0] === '^') stuff = '\\' + stuff;
        re += '[' + stuff + ']';
      }
    } else re += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return re;
}

export const hasWildcard = (s: string): boolean => /[*?[{]/.test(s);

/** A matcher for one node pattern (one dot-separated part of a path expression). */
export function nodeMatcher(part: string): (name: string) => boolean {
  // Graphite escapes: `\(` etc. in a target stand for the literal character.
  const unescaped = part.replace(/\\(.)/g, '$1');
  if (!hasWildcard(unescaped)) return (name) => name === unescaped;
  const variants = expandBraces(unescaped);
  if (variants.every((v) => !hasWildcard(v))) {
    const set = new Set(variants);
    return (name) => set.has(name);
  }
  const re = new RegExp('^(?:' + variants.map(fnmatchSource).join('|') + ')$', 's');
  return (name) => re.test(name);
}

export function compilePattern(pattern: string): ((name: string) => boolean)[] {
  return pattern.split('.').map(nodeMatcher);
}
