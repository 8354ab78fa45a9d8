/** Renders rows as a GitHub-flavoured markdown table (printed, and pasted into the README). */
export function markdownTable(header: string[], rows: (string | number)[][]): string {
  const cells = [header, header.map(() => '---'), ...rows.map((r) => r.map(String))];
  return cells.map((r) => `| ${r.join(' | ')} |`).join('\n');
}

export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
export const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 0)} ms`;
export const ratio = (value: number, base: number) => `${((value / base) * 100).toFixed(0)}%`;
