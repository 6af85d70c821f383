import { describe, expect, it } from 'vitest';
import { tokenize } from './lexer';
import { parse, isIncomplete } from './parser';
import { ShellSyntaxError } from './errors';
import type { Script, SimpleCommand } from './ast';

function simple(src: string, i = 0): SimpleCommand {
  const s = parse(src) as Script;
  expect(s).not.toBeInstanceOf(ShellSyntaxError);
  return s.items[i].first.cmds[0] as SimpleCommand;
}
function err(src: string): ShellSyntaxError {
  const e = parse(src);
  expect(e).toBeInstanceOf(ShellSyntaxError);
  return e as ShellSyntaxError;
}

describe('tokenize', () => {
  it('splits words and longest-match operators, with IO numbers', () => {
    const t = tokenize('echo a|b 2>&1 >>f && x') as ReturnType<typeof tokenize> & { type: string; text: string }[];
    expect(t.map((x) => `${x.type}:${x.text}`)).toEqual(['word:echo', 'word:a', 'op:|', 'word:b', 'ionumber:2', 'op:>&', 'word:1', 'op:>>', 'word:f', 'op:&&', 'word:x', 'eof:']);
  });
  it('keeps quoting structure: single quotes literal, double quotes expand', () => {
    const w = simple(`echo 'a $b' "c $d" e\\ f`).words;
    expect(w[1].parts).toEqual([{ k: 'lit', v: 'a $b', quoted: true }]);
    expect(w[2].parts).toEqual([{ k: 'dq', parts: [{ k: 'lit', v: 'c ', quoted: true }, { k: 'param', name: 'd', quoted: true }] }]);
    expect(w[3].parts).toEqual([{ k: 'lit', v: 'e', quoted: false }, { k: 'lit', v: ' ', quoted: true }, { k: 'lit', v: 'f', quoted: false }]);
  });
  it('reports an open quote as bash does', () => {
    expect(err('echo "abc').message).toBe('unexpected EOF while looking for matching `"\'');
    expect(err("echo 'abc").message).toBe("unexpected EOF while looking for matching `''");
  });
  it('never throws on garbage', () => {
    for (const s of ['$(', '${', '`', '\\', '"$(', '<<', '$((', ')))', '${#}', '$\'\\x']) expect(() => tokenize(s)).not.toThrow();
  });
});

describe('parse', () => {
  it('parses assignments, words and redirections', () => {
    const c = simple('A=1 B=$x cmd arg >out 2>&1 <in');
    expect(c.assigns.map((a) => a.name)).toEqual(['A', 'B']);
    expect(c.words.map((w) => w.raw)).toEqual(['cmd', 'arg']);
    expect(c.redirs.map((r) => `${r.fd ?? ''}${r.op}${r.target.raw}`)).toEqual(['>out', '2>&1', '<in']);
  });
  it('parses pipelines, && || and background', () => {
    const s = parse('a | b && c || d & e') as Script;
    expect(s.items[0].first.cmds).toHaveLength(2);
    expect(s.items[0].rest.map((r) => r.op)).toEqual(['&&', '||']);
    expect(s.items[0].background).toBe(true);
    expect(s.items[0].text).toBe('a | b && c || d');
    expect(s.items[1].background).toBe(false);
  });
  it('parses command substitution into a script', () => {
    const w = simple('echo $(echo a | wc -c) `date`').words;
    expect(w[1].parts[0]).toMatchObject({ k: 'cmd', src: 'echo a | wc -c' });
    expect((w[1].parts[0] as { script: Script }).script.items[0].first.cmds).toHaveLength(2);
    expect(w[2].parts[0]).toMatchObject({ k: 'cmd', src: 'date' });
  });
  it('reads the three heredoc kinds', () => {
    const a = simple('cat <<EOF\nhi $x\nEOF\n').redirs[0].heredoc!;
    expect(a).toMatchObject({ delim: 'EOF', body: 'hi $x\n', expand: true });
    const b = simple("cat <<'EOF'\nhi $x\nEOF\n").redirs[0].heredoc!;
    expect(b).toMatchObject({ body: 'hi $x\n', expand: false });
    const c = simple('cat <<-EOF\n\t\thi\n\tEOF\n').redirs[0].heredoc!;
    expect(c.body).toBe('hi\n');
  });
  it('parses if / for / while / until / groups / subshells / functions', () => {
    const s = parse('if a; then b; elif c; then d; else e; fi\nfor x in 1 2; do echo $x; done\nwhile false; do :; done\nuntil true; do :; done\n{ a; b; }\n(c)\nf() { echo; }') as Script;
    expect(s.items.map((i) => i.first.cmds[0].type)).toEqual(['if', 'for', 'while', 'while', 'group', 'subshell', 'function']);
  });
  it("uses bash's exact error texts", () => {
    expect(err('echo a | | b').message).toBe("syntax error near unexpected token `|'");
    expect(err('cat <').message).toBe("syntax error near unexpected token `newline'");
    expect(err(') x').message).toBe("syntax error near unexpected token `)'");
    expect(err('echo a ;; b').message).toBe("syntax error near unexpected token `;;'");
    expect(err('fi').message).toBe("syntax error near unexpected token `fi'");
    expect(err('if then fi').message).toBe("syntax error near unexpected token `then'");
    expect(err('echo a |').message).toBe('syntax error: unexpected end of file');
    expect(err('for x in a; do echo').message).toBe('syntax error: unexpected end of file');
  });
  it('warns about an unterminated heredoc with bash\'s text', () => {
    const s = parse('cat <<EOF\nhi') as Script;
    expect(s.warnings).toEqual(["here-document at line 1 delimited by end-of-file (wanted `EOF')"]);
  });
  it('explains the course material\'s <<EOF>> (bash 5.2: heredoc warning, then `newline\' error)', () => {
    const e = err('kubectl apply -f - <<EOF>>\napiVersion: v1\nEOF>>\n');
    expect(e.lines().slice(0, 2)).toEqual([
      "bash: warning: here-document at line 1 delimited by end-of-file (wanted `EOF')",
      "bash: syntax error near unexpected token `newline'",
    ]);
    expect(e.notes.join('\n')).toContain("`<<EOF' followed by `>>'");
    expect(e.notes).toContain('fix:  kubectl apply -f - <<EOF');
    expect(e.notes[e.notes.length - 1].trim()).toBe('EOF');
    // A plain missing target is not explained as a heredoc problem.
    expect(err('echo hi >>').notes).toEqual([]);
  });
});

describe('isIncomplete', () => {
  it.each([
    ['echo "abc', true],
    ["echo 'a", true],
    ['echo a |', true],
    ['a &&', true],
    ['a ||', true],
    ['echo a \\', true],
    ['echo a \\\n', true],
    ['cat <<EOF\nhi', true],
    ['cat <<EOF\nhi\nEOF', false],
    ['for x in a b; do', true],
    ['while true', true],
    ['if true; then echo', true],
    ['{ echo', true],
    ['(echo', true],
    ['echo $(date', true],
    ['echo ok', false],
    ['echo | | x', false],
    ['kubectl apply -f - <<EOF>>', true],
    ['kubectl apply -f - <<EOF>>\na: 1\nEOF>>', false],
  ])('%j → %s', (src, want) => {
    expect(isIncomplete(src)).toBe(want);
  });
});
