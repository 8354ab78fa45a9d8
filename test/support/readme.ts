import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from './consumer.js';

/** One fenced code block of the README. */
export interface ReadmeBlock {
  /** The fence's info string: `js`, `ts`, `sh`... */
  lang: string;
  /** The block's text, exactly as in the README (ending with a newline). */
  code: string;
  /** 1-based line of the opening fence. */
  line: number;
}

/**
 * The fenced code blocks under a README heading (the heading's text without the `#`s), up to the
 * next heading of the same or a higher level, in order. Throws when the heading is missing, so a
 * renamed section fails the test that runs its examples instead of silently running nothing.
 *
 * @example
 * const [start] = readmeBlocks('Use from code (Node)').filter((b) => b.lang === 'js');
 */
export function readmeBlocks(heading: string, readme = readFileSync(join(REPO, 'README.md'), 'utf8')): ReadmeBlock[] {
  const lines = readme.split('\n');
  const start = lines.findIndex((l) => /^#{1,6} /.test(l) && l.replace(/^#+ /, '') === heading);
  if (start < 0) throw new Error(`README has no heading "${heading}"`);
  const level = /^#+/.exec(lines[start]!)![0].length;
  const blocks: ReadmeBlock[] = [];
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i]!;
    const h = /^(#+) /.exec(line);
    if (h && h[1]!.length <= level) break;
    const fence = /^```(\S*)\s*$/.exec(line);
    if (!fence) continue;
    const end = lines.findIndex((l, j) => j > i && l === '```');
    if (end < 0) throw new Error(`README line ${i + 1}: unclosed code block`);
    blocks.push({ lang: fence[1]!, code: lines.slice(i + 1, end).join('\n') + '\n', line: i + 1 });
    i = end;
  }
  return blocks;
}
