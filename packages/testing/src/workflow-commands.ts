/**
 * The workflow commands the Actions runner would take from a step's stdout,
 * by its two parsers (actions/runner, src/Runner.Common/ActionCommand.cs):
 * TryParseV2, a line that starts with `::` once leading whitespace is trimmed,
 * and TryParse, the legacy `##[name` anywhere in a line. Lines split as .NET's
 * ReadLine splits them (\n, \r\n, a lone \r). Characters .NET's culture-aware
 * comparison may skip (control, format) are dropped first: the worst case.
 * Returns each command's name, lower case, in order.
 */
export function workflowCommands(stdout: string): string[] {
  const found: string[] = [];
  for (const line of stdout.split(/\r\n|\r|\n/)) {
    const seen = line.replace(/[\p{Cc}\p{Cf}]/gu, (char) => (char === '\t' ? char : ''));
    const v2 = /^[\s\u0085]*::([^ :]+)[^:]*::/u.exec(seen);
    const legacy = /##\[([^ \]]+)/.exec(seen);
    if (v2) found.push(v2[1]!.toLowerCase());
    else if (legacy) found.push(legacy[1]!.toLowerCase());
  }
  return found;
}
