import { describe, expect, it } from 'vitest';
import { envLikeSubstitutions, heredocSubstitutionNote } from './heredoc-note';
import { makeShell } from './helpers.test-util';

const noCommands = () => false;

describe('heredoc $(VAR) note', () => {
  it('finds env-like $(NAME) references, skipping escaped ones, $$( and real commands', () => {
    const body = 'a: "--prefix=$(MY_POD_NAME)"\nb: \\$(ESCAPED)\nc: $$(K8S_ESCAPE)\nd: $(date)\ne: $(HOSTNAME)\n';
    expect(envLikeSubstitutions(body, noCommands)).toEqual(['MY_POD_NAME', 'HOSTNAME']);
    expect(envLikeSubstitutions(body, (n) => n === 'HOSTNAME')).toEqual(['MY_POD_NAME']);
    expect(heredocSubstitutionNote('plain: text\n', 'EOF', noCommands)).toBe('');
  });

  it("an unquoted kubectl-style heredoc: bash's own error, then the note; <<'EOF' keeps the text and prints neither", async () => {
    const { run } = makeShell();
    const yaml = 'value: "--statsd-prefix=$(MY_POD_NAME)"';
    const unquoted = await run(`cat <<EOF\n${yaml}\nEOF`);
    // bash: command substitution in the body; the value loses the reference.
    expect(unquoted.out).toBe('value: "--statsd-prefix="\n');
    expect(unquoted.err).toMatch(/^bash: MY_POD_NAME: command not found\n/);
    expect(unquoted.err).toContain("Note (playground): with an unquoted <<EOF bash runs $(MY_POD_NAME) as command substitution");
    expect(unquoted.err).toContain("<<'EOF'");

    const quoted = await run(`cat <<'EOF'\n${yaml}\nEOF`);
    expect(quoted.out).toBe(yaml + '\n');
    expect(quoted.err).toBe('');
  });
});
