// Kubernetes' $(VAR) expansion: a port of k8s.io/kubernetes third_party/forked/golang/expansion/expand.go
// (Expand, MappingFuncFor, tryReadVariableName). Byte-wise like the Go original.

const operator = '$';
const referenceOpener = '(';
const referenceCloser = ')';

/** MappingFuncFor: the first context holding the name wins; unknown names stay as `$(NAME)`. */
export function mappingFuncFor(...context: Record<string, string>[]): (name: string) => string {
  return (input) => {
    for (const vars of context) {
      if (Object.prototype.hasOwnProperty.call(vars, input)) return vars[input];
    }
    return operator + referenceOpener + input + referenceCloser;
  };
}

export function expand(input: string, mapping: (name: string) => string): string {
  let buf = '';
  let checkpoint = 0;
  for (let cursor = 0; cursor < input.length; cursor++) {
    if (input[cursor] === operator && cursor + 1 < input.length) {
      buf += input.slice(checkpoint, cursor);
      const [read, isVar, advance] = tryReadVariableName(input.slice(cursor + 1));
      buf += isVar ? mapping(read) : read; // not a variable: copy what was read (`$$` → `$`)
      cursor += advance;
      checkpoint = cursor + 1;
    }
  }
  return buf + input.slice(checkpoint);
}

function tryReadVariableName(input: string): [string, boolean, number] {
  switch (input[0]) {
    case operator:
      return [input.slice(0, 1), false, 1]; // `$$` escapes to `$`
    case referenceOpener:
      for (let i = 1; i < input.length; i++) {
        if (input[i] === referenceCloser) return [input.slice(1, i), true, i + 1];
      }
      return [operator + referenceOpener, false, 1]; // incomplete reference: kept as written
    default:
      return [operator + input[0], false, 1];
  }
}

/** Expands `$(VAR)` references in `input` using `vars` (Kubernetes rules: `$$` → `$`, unknown kept). */
export function expandVars(input: string, vars: Record<string, string>): string {
  if (typeof input !== 'string') return '';
  return expand(input, mappingFuncFor(vars ?? {}));
}
