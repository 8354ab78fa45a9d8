import { readFileSync } from 'node:fs';

/** One fenced shell block of a markdown file. */
export interface ShellBlock {
  /** 1-based line of the first line inside the fence. */
  line: number;
  lines: string[];
  /** Why the block is not run, from a `<!-- not run by the README test: why -->` comment right above it. */
  notRun?: string;
}

const SHELL = new Set(['sh', 'bash', 'shell', 'console']);
const NOT_RUN = /^<!--\s*not run by the README test:\s*(.+?)\s*-->$/;

/** Every ```sh / ```bash / ```shell block, in order, with its not-run marker when it has one. */
export function shellBlocks(markdownPath: string): ShellBlock[] {
  const text = readFileSync(markdownPath, 'utf8').split('\n');
  const blocks: ShellBlock[] = [];
  let open: { lang: string; line: number; lines: string[]; notRun?: string } | undefined;
  let lastNonEmpty = '';
  text.forEach((raw, i) => {
    const fence = /^```\s*([\w-]*)/.exec(raw);
    if (!open && fence) {
      open = { lang: fence[1]!.toLowerCase(), line: i + 2, lines: [], notRun: NOT_RUN.exec(lastNonEmpty.trim())?.[1] };
      return;
    }
    if (open && raw.startsWith('```')) {
      if (SHELL.has(open.lang)) blocks.push({ line: open.line, lines: open.lines, notRun: open.notRun });
      open = undefined;
      lastNonEmpty = raw;
      return;
    }
    if (open) open.lines.push(raw);
    else if (raw.trim() !== '') lastNonEmpty = raw;
  });
  return blocks;
}

/** A command of a block: its README lines (continuations joined) and the error it says it demonstrates. */
export interface ShellCommand {
  /** README line numbers this command spans. */
  from: number;
  to: number;
  /** `# answers 40099` (on the command's line or the comment line right after it): an expected error. */
  answers?: string;
}

const ANSWERS = /#\s*answers\s+(-?[A-Za-z0-9_]+)/;

/** Splits a block into commands, so a request made at a script line can be traced to its README line and its mark. */
export function commandsOf(block: ShellBlock): ShellCommand[] {
  const out: ShellCommand[] = [];
  for (let i = 0; i < block.lines.length; i++) {
    const line = block.lines[i]!;
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    let j = i;
    while (block.lines[j]!.trimEnd().endsWith('\\') && j + 1 < block.lines.length) j++;
    const span = block.lines.slice(i, j + 1).join('\n');
    const next = block.lines[j + 1]?.trim() ?? '';
    const answers = ANSWERS.exec(span)?.[1] ?? (next.startsWith('#') ? ANSWERS.exec(next)?.[1] : undefined);
    out.push({ from: block.line + i, to: block.line + j, answers });
    i = j;
  }
  return out;
}
