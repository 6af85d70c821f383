/**
 * Tokenizer for the shell language, following bash's lexer where it matters (bash: parse.y read_token,
 * shell_getc and gather_here_documents): words keep their quoting as parts, operators are the longest match,
 * a run of digits directly before < or > is an IO number, and here-document bodies are read when the lexer
 * reaches the end of the line that holds the `<<` operator.
 */
import type { Heredoc, Word, WordPart } from './ast';
import { ShellSyntaxError, lineAt } from './errors';

export type TokenType = 'word' | 'op' | 'ionumber' | 'newline' | 'eof';

export interface Token {
  type: TokenType;
  text: string;
  pos: number;
  end: number;
  line: number;
  word?: Word;
  /** On `<<`/`<<-` operators: the body read after the end of the line. */
  heredoc?: Heredoc;
}

const OPS = ['&>>', '<<-', '<<<', '&&', '||', ';;', '|&', '<<', '>>', '<&', '>&', '<>', '>|', '&>', '|', '&', ';', '(', ')', '<', '>'];
const META = new Set([' ', '\t', '\n', ';', '&', '|', '<', '>', '(', ')']);

/** Thrown inside the lexer only; converted to a returned ShellSyntaxError at the public boundary. */
class LexFail {
  constructor(readonly err: ShellSyntaxError) {}
}

interface PendingHeredoc {
  op: Token;
  delim: string;
  quoted: boolean;
  strip: boolean;
}

export interface LexResult {
  tokens: Token[];
  warnings: string[];
  /** Heredocs that hit end of input before their delimiter line. */
  unterminated: { delim: string; line: number; seedStyleEnd: boolean }[];
  /** Input ends with a backslash-newline continuation (bash asks for more). */
  trailingContinuation: boolean;
}

export class Lexer {
  i: number;
  tokens: Token[] = [];
  warnings: string[] = [];
  unterminated: LexResult['unterminated'] = [];
  trailingContinuation = false;
  private pending: PendingHeredoc[] = [];
  private delimFor: Token | null = null;

  constructor(
    readonly src: string,
    start = 0,
    /** Inside $( ... ): stop at the unmatched `)` and return its offset. */
    readonly stopAtParen = false,
    /** Line offset of `src` within the outer input, for messages. */
    readonly lineBase = 0,
  ) {
    this.i = start;
  }

  line(pos: number): number {
    return lineAt(this.src, pos) + this.lineBase;
  }

  fail(message: string, pos: number, incomplete: boolean): never {
    throw new LexFail(new ShellSyntaxError(message, pos, this.line(pos), incomplete, [], [...this.warnings]));
  }

  eofIn(what: string): never {
    return this.fail(`unexpected EOF while looking for matching \`${what}'`, this.src.length, true);
  }

  /** Lex to the end (or to the `)` closing a command substitution). Returns that `)` offset or src.length. */
  run(): number {
    const src = this.src;
    let depth = 0;
    for (;;) {
      while (src[this.i] === ' ' || src[this.i] === '\t') this.i++;
      const c = src[this.i];
      if (c === undefined) {
        this.finishHeredocsAtEof();
        if (this.stopAtParen) this.eofIn(')');
        this.push('eof', '', this.i, this.i);
        return src.length;
      }
      if (c === '\\' && src[this.i + 1] === '\n') {
        this.i += 2;
        if (this.i >= src.length) this.trailingContinuation = true;
        continue;
      }
      if (c === '#') {
        while (this.i < src.length && src[this.i] !== '\n') this.i++;
        continue;
      }
      if (c === '\n') {
        this.push('newline', '\n', this.i, this.i + 1);
        this.i++;
        this.readHeredocBodies();
        continue;
      }
      const op = OPS.find((o) => src.startsWith(o, this.i));
      if (op) {
        if (op === '(') depth++;
        if (op === ')') {
          if (this.stopAtParen && depth === 0) return this.i;
          depth--;
        }
        const t = this.push('op', op, this.i, this.i + op.length);
        this.i += op.length;
        if (op === '<<' || op === '<<-') this.delimFor = t;
        continue;
      }
      const digits = /^[0-9]+(?=[<>])/.exec(src.slice(this.i, this.i + 12));
      if (digits) {
        this.push('ionumber', digits[0], this.i, this.i + digits[0].length);
        this.i += digits[0].length;
        continue;
      }
      const start = this.i;
      const parts = this.readWord();
      const t = this.push('word', src.slice(start, this.i), start, this.i);
      t.word = { raw: t.text, parts };
      if (this.delimFor) {
        const quoted = /['"\\]/.test(t.text);
        this.pending.push({ op: this.delimFor, delim: t.text.replace(/['"\\]/g, ''), quoted, strip: this.delimFor.text === '<<-' });
        this.delimFor = null;
      }
    }
  }

  private push(type: TokenType, text: string, pos: number, end: number): Token {
    if (type !== 'word') this.delimFor = null;
    const t: Token = { type, text, pos, end, line: this.line(pos) };
    this.tokens.push(t);
    return t;
  }

  /** bash gathers here-document bodies right after the newline that ends the command line. */
  private readHeredocBodies(): void {
    const src = this.src;
    for (const h of this.pending.splice(0)) {
      let body = '';
      let found = false;
      let seedStyleEnd = false;
      while (this.i < src.length) {
        const nl = src.indexOf('\n', this.i);
        const lineEnd = nl === -1 ? src.length : nl;
        let text = src.slice(this.i, lineEnd);
        this.i = nl === -1 ? src.length : nl + 1;
        if (h.strip) text = text.replace(/^\t+/, '');
        if (text === h.delim) {
          found = true;
          break;
        }
        if (text === h.delim + '>>' || text === h.delim + '>') seedStyleEnd = true;
        body += text + '\n';
      }
      if (!found) this.noteUnterminated(h, seedStyleEnd);
      this.attach(h, body);
    }
  }

  private finishHeredocsAtEof(): void {
    for (const h of this.pending.splice(0)) {
      this.noteUnterminated(h, false);
      this.attach(h, '');
    }
  }

  private noteUnterminated(h: PendingHeredoc, seedStyleEnd: boolean): void {
    this.warnings.push(`here-document at line ${h.op.line} delimited by end-of-file (wanted \`${h.delim}')`);
    this.unterminated.push({ delim: h.delim, line: h.op.line, seedStyleEnd });
  }

  private attach(h: PendingHeredoc, body: string): void {
    h.op.heredoc = { delim: h.delim, body, expand: !h.quoted, parts: h.quoted ? [] : lexHeredocBody(body) };
  }

  /** A word: everything up to an unquoted metacharacter. */
  readWord(): WordPart[] {
    const src = this.src;
    const parts: WordPart[] = [];
    let lit = '';
    const flush = () => {
      if (lit) parts.push({ k: 'lit', v: lit, quoted: false });
      lit = '';
    };
    if (src[this.i] === '~') {
      const m = /^~([A-Za-z0-9_.-]*)(?=$|[/\s;&|<>()])/.exec(src.slice(this.i));
      if (m) {
        parts.push({ k: 'tilde', user: m[1] });
        this.i += m[0].length;
      }
    }
    for (;;) {
      const c = src[this.i];
      if (c === undefined || META.has(c)) break;
      if (c === '\\') {
        const escaped = this.readBackslash();
        if (escaped) {
          flush();
          parts.push(escaped);
        }
        continue;
      }
      const quotedOrExpansion = this.readQuotedOrExpansion(c);
      if (quotedOrExpansion) {
        flush();
        parts.push(quotedOrExpansion);
        continue;
      }
      lit += c;
      this.i++;
    }
    flush();
    return parts;
  }

  /**
   * At an unquoted backslash (in a word or a `${...}` argument): backslash-newline is a line continuation and
   * vanishes (null); a lone backslash at the end of the input waits for the continued line; otherwise the next
   * character, quoted.
   */
  private readBackslash(): WordPart | null {
    const n = this.src[this.i + 1];
    if (n === '\n') {
      this.i += 2;
      if (this.i >= this.src.length) this.trailingContinuation = true;
      return null;
    }
    if (n === undefined) {
      this.trailingContinuation = true;
      this.i++;
      return { k: 'lit', v: '\\', quoted: true };
    }
    this.i += 2;
    return { k: 'lit', v: n, quoted: true };
  }

  /**
   * At an unquoted `'`, `"`, `$` or backtick inside a word: read the quoted text or the expansion and return it
   * as a part; null when `c` starts neither (a `$` that starts no expansion is a literal `$`).
   */
  private readQuotedOrExpansion(c: string): WordPart | null {
    if (c === "'") {
      const end = this.src.indexOf("'", this.i + 1);
      if (end === -1) this.eofIn("'");
      const part: WordPart = { k: 'lit', v: this.src.slice(this.i + 1, end), quoted: true };
      this.i = end + 1;
      return part;
    }
    if (c === '"') {
      this.i++;
      return { k: 'dq', parts: this.readQuoted('"') };
    }
    if (c === '$') return this.readDollar(false);
    if (c === '`') return this.readBacktick(false);
    return null;
  }

  /**
   * Text inside double quotes (term '"'), or a heredoc body (term null): only $, ` and \ are special, and
   * backslash only escapes $ ` \ newline (and " inside double quotes).
   */
  readQuoted(term: '"' | null): WordPart[] {
    const src = this.src;
    const parts: WordPart[] = [];
    let lit = '';
    const flush = () => {
      if (lit) parts.push({ k: 'lit', v: lit, quoted: true });
      lit = '';
    };
    for (;;) {
      const c = src[this.i];
      if (c === undefined) {
        if (term) this.eofIn('"');
        break;
      }
      if (c === term) {
        this.i++;
        break;
      }
      if (c === '\\') {
        const n = src[this.i + 1];
        if (n === '\n') {
          this.i += 2;
          continue;
        }
        if (n === '$' || n === '`' || n === '\\' || (term && n === term)) {
          lit += n;
          this.i += 2;
          continue;
        }
        lit += '\\';
        this.i++;
        continue;
      }
      if (c === '$') {
        const p = this.readDollar(true);
        if (p) {
          flush();
          parts.push(p);
          continue;
        }
        lit += '$';
        this.i++;
        continue;
      }
      if (c === '`') {
        flush();
        parts.push(this.readBacktick(true));
        continue;
      }
      lit += c;
      this.i++;
    }
    flush();
    return parts;
  }

  /** At a `$`: returns the expansion part and advances, or null for a literal `$`. */
  readDollar(quoted: boolean): WordPart | null {
    const src = this.src;
    const n = src[this.i + 1];
    if (n === '(' && src[this.i + 2] === '(') {
      const start = this.i + 3;
      let depth = 0;
      for (let j = start; j < src.length; j++) {
        if (src[j] === '(') depth++;
        else if (src[j] === ')') {
          if (depth === 0 && src[j + 1] === ')') {
            this.i = j + 2;
            return { k: 'arith', expr: src.slice(start, j), quoted };
          }
          if (depth === 0) break; // `$((a) ...)`: a subshell inside a command substitution
          depth--;
        }
      }
      // not arithmetic after all: fall through to a command substitution
    }
    if (n === '(') {
      const sub = new Lexer(src, this.i + 2, true, this.lineBase);
      const end = sub.run();
      this.warnings.push(...sub.warnings);
      const inner = src.slice(this.i + 2, end);
      this.i = end + 1;
      return { k: 'cmd', src: inner, script: null, quoted };
    }
    if (n === '{') return this.readBrace(quoted);
    if (n !== undefined && /[A-Za-z_]/.test(n)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(this.i + 1))!;
      this.i += 1 + m[0].length;
      return { k: 'param', name: m[0], quoted };
    }
    if (n !== undefined && /[0-9?$!#@*\-]/.test(n)) {
      this.i += 2;
      return { k: 'param', name: n, quoted };
    }
    if (!quoted && n === "'") {
      const { text, end } = ansiC(src, this.i + 2);
      if (end === -1) this.eofIn("'");
      this.i = end + 1;
      return { k: 'lit', v: text, quoted: true };
    }
    if (!quoted && n === '"') {
      this.i += 2;
      return { k: 'dq', parts: this.readQuoted('"') };
    }
    return null;
  }

  private readBrace(quoted: boolean): WordPart {
    const src = this.src;
    const open = this.i;
    let j = this.i + 2;
    let length = false;
    if (src[j] === '#' && src[j + 1] !== '}' ) {
      length = true;
      j++;
    }
    const m = /^([A-Za-z_][A-Za-z0-9_]*|[0-9]+|[?$!#@*\-])/.exec(src.slice(j));
    const bad = (): WordPart => {
      const close = src.indexOf('}', j);
      if (close === -1) this.eofIn('}');
      this.i = close + 1;
      return { k: 'bad', text: src.slice(open, close + 1) };
    };
    if (!m) return bad();
    const name = m[1];
    j += name.length;
    if (src[j] === '}') {
      this.i = j + 1;
      return { k: 'param', name, length, quoted };
    }
    if (length) return bad();
    const op = [':-', ':=', ':+', ':?', '##', '%%', '-', '=', '+', '?', '#', '%'].find((o) => src.startsWith(o, j));
    if (!op) return bad();
    this.i = j + op.length;
    const arg = this.readBraceArg();
    return { k: 'param', name, op, arg, quoted };
  }

  /** The word after `${name:-`: quotes and expansions allowed, ends at the matching `}`. */
  private readBraceArg(): WordPart[] {
    const src = this.src;
    const parts: WordPart[] = [];
    let lit = '';
    const flush = () => {
      if (lit) parts.push({ k: 'lit', v: lit, quoted: false });
      lit = '';
    };
    for (;;) {
      const c = src[this.i];
      if (c === undefined) this.eofIn('}');
      if (c === '}') {
        this.i++;
        break;
      }
      if (c === '\\') {
        const escaped = this.readBackslash();
        if (escaped) {
          flush();
          parts.push(escaped);
        }
        continue;
      }
      const quotedOrExpansion = this.readQuotedOrExpansion(c);
      if (quotedOrExpansion) {
        flush();
        parts.push(quotedOrExpansion);
        continue;
      }
      lit += c;
      this.i++;
    }
    flush();
    return parts;
  }

  private readBacktick(quoted: boolean): WordPart {
    const src = this.src;
    let j = this.i + 1;
    let inner = '';
    for (;;) {
      const c = src[j];
      if (c === undefined) this.eofIn('`');
      if (c === '`') break;
      if (c === '\\' && (src[j + 1] === '`' || src[j + 1] === '\\' || src[j + 1] === '$')) {
        inner += src[j + 1];
        j += 2;
        continue;
      }
      inner += c;
      j++;
    }
    // Validate the inner command now so errors surface at parse time.
    const sub = new Lexer(inner, 0, false, this.line(this.i) - 1);
    try {
      sub.run();
    } catch (e) {
      if (e instanceof LexFail && e.err.incomplete) this.eofIn('`');
      throw e;
    }
    this.i = j + 1;
    return { k: 'cmd', src: inner, script: null, quoted };
  }
}

/** $'...' (ANSI-C quoting): returns the decoded text and the offset of the closing quote (-1 if none). */
function ansiC(src: string, start: number): { text: string; end: number } {
  let text = '';
  let j = start;
  const map: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', v: '\v', '\\': '\\', "'": "'", '"': '"', '?': '?' };
  while (j < src.length) {
    const c = src[j];
    if (c === "'") return { text, end: j };
    if (c === '\\' && j + 1 < src.length) {
      const n = src[j + 1];
      if (map[n] !== undefined) {
        text += map[n];
        j += 2;
        continue;
      }
      const hex = /^x([0-9a-fA-F]{1,2})/.exec(src.slice(j + 1));
      if (hex) {
        text += String.fromCharCode(parseInt(hex[1], 16));
        j += 1 + hex[0].length;
        continue;
      }
      const oct = /^[0-7]{1,3}/.exec(src.slice(j + 1));
      if (oct) {
        text += String.fromCharCode(parseInt(oct[0], 8));
        j += 1 + oct[0].length;
        continue;
      }
      text += '\\' + n;
      j += 2;
      continue;
    }
    text += c;
    j++;
  }
  return { text, end: -1 };
}

/** Parts of an expanding heredoc body (only $, ` and \ are special). */
export function lexHeredocBody(body: string): WordPart[] {
  const lx = new Lexer(body);
  try {
    return lx.readQuoted(null);
  } catch {
    // An unmatched $( in a heredoc body: keep the text as it is.
    return [{ k: 'lit', v: body, quoted: true }];
  }
}

/** Run the lexer; never throws. */
export function lex(src: string): LexResult | ShellSyntaxError {
  const lx = new Lexer(src);
  try {
    lx.run();
  } catch (e) {
    if (e instanceof LexFail) return e.err;
    return new ShellSyntaxError(`syntax error: ${String(e)}`, lx.i, lineAt(src, lx.i), false);
  }
  return { tokens: lx.tokens, warnings: lx.warnings, unterminated: lx.unterminated, trailingContinuation: lx.trailingContinuation };
}

/** Public tokenizer: the token list (ending with an `eof` token) or the syntax error. */
export function tokenize(src: string): Token[] | ShellSyntaxError {
  const r = lex(String(src ?? ''));
  return r instanceof ShellSyntaxError ? r : r.tokens;
}
