/**
 * A playground note for a classic Kubernetes-tutorial trap: `kubectl apply -f - <<EOF` with an env value like
 * `--statsd-prefix=$(MY_POD_NAME)`. With an unquoted delimiter bash performs command substitution in the
 * heredoc body (bash manual, "Here Documents"), runs `MY_POD_NAME` as a command ("command not found") and
 * sends kubectl an empty string where Kubernetes' own `$(VAR)` reference was meant to be. Real bash says only
 * "command not found"; the note explains why and how to keep the text as written.
 */

/** `$(NAME)` references in a heredoc body that look like Kubernetes/env variable names, not commands. */
export function envLikeSubstitutions(body: string, isCommand: (name: string) => boolean): string[] {
  const names = new Set<string>();
  for (const m of body.matchAll(/(^|[^\\$])\$\(([A-Z_][A-Z0-9_]*)\)/g)) {
    if (!isCommand(m[2]!)) names.add(m[2]!);
  }
  return [...names];
}

/** The note printed after such a heredoc was expanded, or '' when the body has no such reference. */
export function heredocSubstitutionNote(body: string, delimiter: string, isCommand: (name: string) => boolean): string {
  const names = envLikeSubstitutions(body, isCommand);
  if (!names.length) return '';
  const refs = names.map((n) => `$(${n})`).join(', ');
  return (
    `\nNote (playground): with an unquoted <<${delimiter} bash runs ${refs} as command substitution before the ` +
    `command reads the text, so it received an empty string there instead of the Kubernetes $(VAR) reference.\n` +
    `Quote the delimiter to pass the text as written: <<'${delimiter}' (or write \\$(${names[0]})).\n\n`
  );
}
