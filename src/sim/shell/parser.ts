/**
 * Recursive-descent parser over the lexer's tokens, for the subset of bash's grammar (bash: parse.y) the
 * playground needs: lists, && ||, pipelines, simple commands with assignments and redirections, if / for /
 * while / until, { } groups, ( ) subshells and name() functions. Errors use bash's exact texts.
 */
import type { AndOr, Assign, Command, List, Pipeline, Redir, RedirOp, Script, SimpleCommand, Word, WordPart } from './ast';
import { ShellSyntaxError } from './errors';
import { lex, type Token } from './lexer';

const REDIR_OPS = new Set(['>', '>>', '<', '>&', '<&', '<<', '<<-', '<<<', '&>', '&>>', '>|', '<>']);
const RESERVED = new Set(['if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'for', 'while', 'until', '{', '}', '!', 'in', 'function']);
/** Reserved words that may not start a command. */
const MISPLACED = new Set(['then', 'else', 'elif', 'fi', 'do', 'done', '}']);

class ParseFail {
  constructor(readonly err: ShellSyntaxError) {}
}

class Parser {
  private k = 0;
  constructor(
    private readonly src: string,
    private readonly toks: Token[],
    private readonly warnings: string[],
  ) {}

  private peek(off = 0): Token {
    return this.toks[Math.min(this.k + off, this.toks.length - 1)];
  }

  private next(): Token {
    const t = this.peek();
    if (this.k < this.toks.length - 1) this.k++;
    return t;
  }

  private fail(t: Token, notes: string[] = []): never {
    if (t.type === 'eof') {
      throw new ParseFail(new ShellSyntaxError('syntax error: unexpected end of file', t.pos, t.line, true, [], this.warnings));
    }
    const name = t.type === 'newline' ? 'newline' : t.text;
    throw new ParseFail(new ShellSyntaxError(`syntax error near unexpected token \`${name}'`, t.pos, t.line, false, notes, this.warnings));
  }

  private isKw(t: Token, kw: string): boolean {
    return t.type === 'word' && t.text === kw;
  }

  private skipNewlines(): void {
    while (this.peek().type === 'newline') this.next();
  }

  parseScript(): Script {
    const list = this.parseList([], false);
    const t = this.peek();
    if (t.type !== 'eof') this.fail(t);
    return { items: list.items, warnings: this.warnings };
  }

  /** A list of and-or lists; stops before a reserved word in `terms`, a `)` (when `inParen`) or the end. */
  private parseList(terms: string[], inParen: boolean): List {
    const items: AndOr[] = [];
    this.skipNewlines();
    for (;;) {
      const t = this.peek();
      if (t.type === 'eof') break;
      if (t.type === 'word' && terms.includes(t.text)) break;
      if (inParen && t.type === 'op' && t.text === ')') break;
      const ao = this.parseAndOr();
      items.push(ao);
      const sep = this.peek();
      if (sep.type === 'op' && (sep.text === ';' || sep.text === '&')) {
        this.next();
        if (sep.text === '&') ao.background = true;
        this.skipNewlines();
        continue;
      }
      if (sep.type === 'newline') {
        this.skipNewlines();
        continue;
      }
      break;
    }
    return { items };
  }

  private parseAndOr(): AndOr {
    const startTok = this.peek();
    const first = this.parsePipeline();
    const rest: AndOr['rest'] = [];
    for (;;) {
      const t = this.peek();
      if (t.type === 'op' && (t.text === '&&' || t.text === '||')) {
        this.next();
        this.skipNewlines();
        rest.push({ op: t.text, pipeline: this.parsePipeline() });
        continue;
      }
      break;
    }
    return { first, rest, background: false, text: this.src.slice(startTok.pos, this.prevEnd()) };
  }

  private prevEnd(): number {
    return this.toks[Math.max(0, this.k - 1)].end;
  }

  private parsePipeline(): Pipeline {
    const startTok = this.peek();
    let bang = false;
    if (this.isKw(startTok, '!')) {
      this.next();
      bang = true;
    }
    const cmds: Command[] = [this.parseCommand()];
    for (;;) {
      const t = this.peek();
      if (t.type === 'op' && (t.text === '|' || t.text === '|&')) {
        this.next();
        if (t.text === '|&') {
          const prev = cmds[cmds.length - 1];
          prev.redirs.push({ fd: 2, op: '>&', target: { raw: '1', parts: [{ k: 'lit', v: '1', quoted: false }] } });
        }
        this.skipNewlines();
        cmds.push(this.parseCommand());
        continue;
      }
      break;
    }
    return { bang, cmds, text: this.src.slice(startTok.pos, this.prevEnd()) };
  }

  private parseCommand(): Command {
    const t = this.peek();
    const start = t.pos;
    if (t.type === 'eof') this.fail(t);
    if (t.type === 'newline') this.fail(t);
    if (t.type === 'op') {
      if (t.text === '(') {
        this.next();
        const body = this.parseList([], true);
        const close = this.peek();
        if (!(close.type === 'op' && close.text === ')')) this.fail(close);
        if (body.items.length === 0) this.fail(close);
        this.next();
        return this.withRedirs({ type: 'subshell', body, redirs: [], text: '' }, start);
      }
      if (!REDIR_OPS.has(t.text)) this.fail(t);
      return this.parseSimple();
    }
    if (t.type === 'word') {
      if (MISPLACED.has(t.text)) this.fail(t);
      switch (t.text) {
        case 'if':
          return this.parseIf();
        case 'for':
          return this.parseFor();
        case 'while':
        case 'until':
          return this.parseWhile();
        case '{': {
          this.next();
          const body = this.parseList(['}'], false);
          if (body.items.length === 0) this.fail(this.peek());
          this.expectKw('}');
          return this.withRedirs({ type: 'group', body, redirs: [], text: '' }, start);
        }
        case 'function': {
          this.next();
          const name = this.next();
          if (name.type !== 'word') this.fail(name);
          if (this.peek().type === 'op' && this.peek().text === '(') {
            this.next();
            const close = this.next();
            if (!(close.type === 'op' && close.text === ')')) this.fail(close);
          }
          return this.parseFunctionBody(name.text, start);
        }
      }
      const n1 = this.peek(1);
      const n2 = this.peek(2);
      if (n1.type === 'op' && n1.text === '(' && n2.type === 'op' && n2.text === ')' && /^[A-Za-z_][\w.-]*$/.test(t.text)) {
        this.next();
        this.next();
        this.next();
        return this.parseFunctionBody(t.text, start);
      }
    }
    return this.parseSimple();
  }

  private parseFunctionBody(name: string, start: number): Command {
    this.skipNewlines();
    const body = this.parseCommand();
    if (body.type === 'simple') this.fail(this.peek());
    return { type: 'function', name, body, redirs: [], text: this.src.slice(start, this.prevEnd()) };
  }

  private withRedirs<C extends Command>(cmd: C, start: number): C {
    for (;;) {
      const r = this.tryRedir();
      if (!r) break;
      cmd.redirs.push(r);
    }
    cmd.text = this.src.slice(start, this.prevEnd());
    return cmd;
  }

  private expectKw(kw: string): void {
    const t = this.peek();
    if (this.isKw(t, kw)) {
      this.next();
      return;
    }
    this.fail(t);
  }

  private parseIf(): Command {
    const start = this.next().pos;
    const clauses: { cond: List; body: List }[] = [];
    let elseBody: List | null = null;
    for (;;) {
      const cond = this.nonEmptyList(['then']);
      this.expectKw('then');
      const body = this.nonEmptyList(['elif', 'else', 'fi']);
      clauses.push({ cond, body });
      const t = this.peek();
      if (this.isKw(t, 'elif')) {
        this.next();
        continue;
      }
      if (this.isKw(t, 'else')) {
        this.next();
        elseBody = this.nonEmptyList(['fi']);
      }
      this.expectKw('fi');
      break;
    }
    return this.withRedirs({ type: 'if', clauses, elseBody, redirs: [], text: '' }, start);
  }

  private nonEmptyList(terms: string[]): List {
    const l = this.parseList(terms, false);
    if (l.items.length === 0) this.fail(this.peek());
    return l;
  }

  private parseFor(): Command {
    const start = this.next().pos;
    const nameTok = this.next();
    if (nameTok.type !== 'word') this.fail(nameTok);
    let items: Word[] | null = null;
    this.skipNewlines();
    if (this.isKw(this.peek(), 'in')) {
      this.next();
      items = [];
      while (this.peek().type === 'word') items.push(this.word(this.next()));
      const sep = this.peek();
      if (sep.type === 'op' && sep.text === ';') this.next();
      else if (sep.type !== 'newline') this.fail(sep);
    } else if (this.peek().type === 'op' && this.peek().text === ';') {
      this.next();
    }
    this.skipNewlines();
    this.expectKw('do');
    const body = this.nonEmptyList(['done']);
    this.expectKw('done');
    return this.withRedirs({ type: 'for', name: nameTok.text, items, body, redirs: [], text: '' }, start);
  }

  private parseWhile(): Command {
    const kw = this.next();
    const cond = this.nonEmptyList(['do']);
    this.expectKw('do');
    const body = this.nonEmptyList(['done']);
    this.expectKw('done');
    return this.withRedirs({ type: 'while', until: kw.text === 'until', cond, body, redirs: [], text: '' }, kw.pos);
  }

  private tryRedir(): Redir | null {
    let t = this.peek();
    let fd: number | null = null;
    if (t.type === 'ionumber') {
      fd = Number(t.text);
      this.next();
      t = this.peek();
    }
    if (!(t.type === 'op' && REDIR_OPS.has(t.text))) return null;
    const opTok = this.next();
    const target = this.peek();
    if (target.type !== 'word') {
      // bash reports a missing redirection target at the end of the line as `newline'.
      const shown = target.type === 'eof' ? { ...target, type: 'newline' as const } : target;
      this.fail(shown, this.seedHeredocNotes(opTok));
    }
    this.next();
    const r: Redir = { fd, op: opTok.text as RedirOp, target: this.word(target) };
    if (opTok.heredoc) {
      r.heredoc = opTok.heredoc;
      r.heredoc.parts = this.resolveParts(r.heredoc.parts);
    }
    return r;
  }

  /**
   * The course material writes `kubectl apply -f - <<EOF>>`. bash reads that as the heredoc `<<EOF` followed by
   * `>>`, an append redirection whose file name is missing, hence "unexpected token `newline'". Explain it.
   */
  private seedHeredocNotes(op: Token): string[] {
    if (op.text !== '>>' && op.text !== '>') return [];
    const delim = this.toks[this.k - 2];
    const heredocOp = this.toks[this.k - 3];
    if (!delim || !heredocOp || delim.type !== 'word' || heredocOp.type !== 'op' || !heredocOp.heredoc) return [];
    if (delim.end !== op.pos) return [];
    const d = heredocOp.heredoc.delim;
    const lineStart = this.src.lastIndexOf('\n', heredocOp.pos) + 1;
    const lineEnd = this.src.indexOf('\n', op.end);
    const cmdLine = this.src.slice(lineStart, lineEnd === -1 ? undefined : lineEnd);
    const fixed = cmdLine.slice(0, op.pos - lineStart) + cmdLine.slice(op.end - lineStart);
    return [
      `note: bash reads \`${heredocOp.text}${delim.text}${op.text}' as the here-document \`${heredocOp.text}${delim.text}' followed by \`${op.text}',`,
      `      a redirection (append to a file) whose file name is missing, so it stops at the end of the line.`,
      `      The closing line of a here-document must be the word alone: \`${d}', not \`${d}${op.text}'.`,
      `fix:  ${fixed.trim()}`,
      `      ...`,
      `      ${d}`,
    ];
  }

  private parseSimple(): SimpleCommand {
    const start = this.peek().pos;
    const assigns: Assign[] = [];
    const words: Word[] = [];
    const redirs: Redir[] = [];
    for (;;) {
      const r = this.tryRedir();
      if (r) {
        redirs.push(r);
        continue;
      }
      const t = this.peek();
      if (t.type !== 'word') break;
      this.next();
      if (words.length === 0) {
        const a = asAssign(this.word(t));
        if (a) {
          assigns.push(a);
          continue;
        }
      }
      words.push(this.word(t));
    }
    if (!assigns.length && !words.length && !redirs.length) this.fail(this.peek());
    return { type: 'simple', assigns, words, redirs, text: this.src.slice(start, this.prevEnd()) };
  }

  private word(t: Token): Word {
    const w = t.word ?? { raw: t.text, parts: [{ k: 'lit', v: t.text, quoted: false }] };
    return { raw: w.raw, parts: this.resolveParts(w.parts) };
  }

  /** Parse the commands inside $( ) and backticks now, so their syntax errors are reported up front. */
  private resolveParts(parts: WordPart[]): WordPart[] {
    return parts.map((p): WordPart => {
      if (p.k === 'cmd' && !p.script) {
        const inner = parse(p.src);
        if (inner instanceof ShellSyntaxError) {
          throw new ParseFail(new ShellSyntaxError(inner.message, inner.pos, inner.line, false, inner.notes, this.warnings));
        }
        return { ...p, script: inner };
      }
      if (p.k === 'dq') return { k: 'dq', parts: this.resolveParts(p.parts) };
      if (p.k === 'param' && p.arg) return { ...p, arg: this.resolveParts(p.arg) };
      return p;
    });
  }
}

function asAssign(w: Word): Assign | null {
  const first = w.parts[0];
  if (!first || first.k !== 'lit' || first.quoted) return null;
  const m = /^([A-Za-z_][A-Za-z0-9_]*)(\+?)=/.exec(first.v);
  if (!m) return null;
  const rest = first.v.slice(m[0].length);
  const parts: WordPart[] = rest ? [{ k: 'lit', v: rest, quoted: false }, ...w.parts.slice(1)] : w.parts.slice(1);
  return { name: m[1], append: m[2] === '+', value: { raw: w.raw.slice(m[0].length), parts } };
}

/** Parse a whole input (may hold several lines). Returns the script or bash's syntax error; never throws. */
export function parse(src: string): Script | ShellSyntaxError {
  const text = String(src ?? '');
  const r = lex(text);
  if (r instanceof ShellSyntaxError) return r;
  try {
    return new Parser(text, r.tokens, r.warnings).parseScript();
  } catch (e) {
    if (e instanceof ParseFail) return e.err;
    return new ShellSyntaxError(`syntax error: ${String(e)}`, 0, 1, false);
  }
}

/**
 * Would bash ask for another line (PS2 `> `)? Open quotes, an unfinished heredoc, a trailing | && || or
 * backslash, an open if/for/while/{/(. The course's `<<EOF>>` ... `EOF>>` counts as complete so that the
 * learner sees bash's error and our explanation instead of an endless `> ` prompt.
 */
export function isIncomplete(src: string): boolean {
  const text = String(src ?? '');
  const r = lex(text);
  if (r instanceof ShellSyntaxError) return r.incomplete;
  if (r.trailingContinuation) return true;
  if (r.unterminated.length && !r.unterminated.some((u) => u.seedStyleEnd)) return true;
  const p = parse(text);
  return p instanceof ShellSyntaxError ? p.incomplete : false;
}

export { RESERVED };
