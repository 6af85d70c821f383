/**
 * A syntax error, returned (never thrown) by tokenize/parse. `message` is bash's own text without the
 * "bash: " prefix, e.g. "syntax error near unexpected token `|'".
 */
export class ShellSyntaxError {
  readonly name = 'ShellSyntaxError';
  constructor(
    readonly message: string,
    /** Offset in the source where bash noticed the problem. */
    readonly pos: number,
    /** 1-based line of `pos`. */
    readonly line: number,
    /** True when more input could complete the command (open quote, trailing |, open `for` ...). */
    readonly incomplete: boolean,
    /** Our own explanation lines, printed after bash's message (e.g. the `<<EOF>>` note). */
    readonly notes: string[] = [],
    /** Warnings bash prints before the error (unterminated heredoc). */
    readonly warnings: string[] = [],
  ) {}

  /** The lines bash prints, warnings first, then our notes. */
  lines(): string[] {
    return [...this.warnings.map((w) => `bash: warning: ${w}`), `bash: ${this.message}`, ...this.notes];
  }

  toString(): string {
    return this.lines().join('\n');
  }
}

export function lineAt(src: string, pos: number): number {
  let n = 1;
  for (let i = 0; i < pos && i < src.length; i++) if (src.charCodeAt(i) === 10) n++;
  return n;
}
