/** Renders rows as a GitHub-flavoured markdown table (printed, and pasted into the README). */
export function markdownTable(header: string[], rows: (string | number)[][]): string {
  const cells = [header, header.map(() => '---'), ...rows.map((r) => r.map(String))];
  return cells.map((r) => `| ${r.join(' | ')} |`).join('\n');
}

export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
export const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 0)} ms`;
export const us = (value: number) => `${value.toFixed(0)} µs`;
export const pct = (share: number) => `${(share * 100).toFixed(0)}%`;
export const ratio = (value: number, base: number) => pct(value / base);
/** 100000 -> "100,000". */
export const count = (n: number) => Math.round(n).toLocaleString('en-US');
