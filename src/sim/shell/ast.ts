/**
 * The shell's syntax tree. Words keep their quoting structure (parts) so expansion can follow bash's rules:
 * only unquoted expansions are field-split and globbed, and "" is an (empty) word while an unquoted empty
 * expansion is no word at all.
 */

export type WordPart =
  | { k: 'lit'; v: string; quoted: boolean }
  | { k: 'tilde'; user: string }
  | { k: 'param'; name: string; op?: string; arg?: WordPart[]; length?: boolean; quoted: boolean }
  | { k: 'bad'; text: string } // `${x y}`: bash reports "bad substitution" when it is expanded
  | { k: 'cmd'; src: string; script: Script | null; quoted: boolean } // $(...) and `...`
  | { k: 'arith'; expr: string; quoted: boolean } // $((...))
  | { k: 'dq'; parts: WordPart[] }; // "..."

export interface Word {
  raw: string;
  parts: WordPart[];
}

export type RedirOp = '>' | '>>' | '<' | '>&' | '<&' | '<<' | '<<-' | '<<<' | '&>' | '&>>' | '>|' | '<>';

export interface Heredoc {
  delim: string;
  /** Body text (with leading tabs stripped for <<-). */
  body: string;
  /** False for <<'EOF' / <<"EOF" / <<\EOF: no expansion in the body. */
  expand: boolean;
  /** Parsed body for expansion (only when expand). */
  parts: WordPart[];
}

export interface Redir {
  fd: number | null;
  op: RedirOp;
  target: Word;
  heredoc?: Heredoc;
}

export interface Assign {
  name: string;
  append: boolean;
  value: Word;
}

export interface SimpleCommand {
  type: 'simple';
  assigns: Assign[];
  words: Word[];
  redirs: Redir[];
  /** Source text, as `jobs` shows it. */
  text: string;
}

export interface IfCommand {
  type: 'if';
  clauses: { cond: List; body: List }[];
  elseBody: List | null;
  redirs: Redir[];
  text: string;
}

export interface ForCommand {
  type: 'for';
  name: string;
  items: Word[] | null; // null: `for x; do` iterates "$@"
  body: List;
  redirs: Redir[];
  text: string;
}

export interface WhileCommand {
  type: 'while';
  until: boolean;
  cond: List;
  body: List;
  redirs: Redir[];
  text: string;
}

export interface GroupCommand {
  type: 'group' | 'subshell';
  body: List;
  redirs: Redir[];
  text: string;
}

export interface FunctionDef {
  type: 'function';
  name: string;
  body: Command;
  redirs: Redir[];
  text: string;
}

export type Command = SimpleCommand | IfCommand | ForCommand | WhileCommand | GroupCommand | FunctionDef;

export interface Pipeline {
  bang: boolean;
  cmds: Command[];
  text: string;
}

export interface AndOr {
  first: Pipeline;
  rest: { op: '&&' | '||'; pipeline: Pipeline }[];
  background: boolean;
  text: string;
}

export interface List {
  items: AndOr[];
}

export interface Script extends List {
  /** Warnings bash prints while reading the input (unterminated heredoc). */
  warnings: string[];
}
