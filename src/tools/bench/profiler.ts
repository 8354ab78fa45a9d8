/**
 * The V8 CPU profiler inside a benchmark server, started and stopped over IPC so that only the
 * measured window is sampled (not start-up, set-up or warm-up). Frames of TypeScript files are
 * mapped back to their .ts lines through the source maps tsx registers, so the summary can say
 * `src/http/body.ts:91` rather than a position in transpiled code.
 */
import { Session } from 'node:inspector/promises';
import { findSourceMap } from 'node:module';

export interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

let session: Session | undefined;

export async function startProfile(intervalUs: number): Promise<void> {
  session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: intervalUs });
  await session.post('Profiler.start');
}

/** Maps a generated position (0-based) to the original source position (1-based line) when a source map knows it. */
function original(url: string, line: number, column: number): { url: string; line: number } {
  if (!url.startsWith('file:')) return { url, line: line + 1 };
  const entry = findSourceMap(url)?.findEntry(line, column) as { originalSource?: string; originalLine?: number } | undefined;
  if (!entry || entry.originalLine === undefined) return { url, line: line + 1 };
  return { url: entry.originalSource ?? url, line: entry.originalLine + 1 };
}

export async function stopProfile(): Promise<CpuProfile> {
  if (!session) throw new Error('profiler not started');
  const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: CpuProfile };
  session.disconnect();
  session = undefined;
  for (const node of profile.nodes) {
    const frame = node.callFrame;
    if (frame.lineNumber < 0) continue;
    const mapped = original(frame.url, frame.lineNumber, frame.columnNumber);
    // Keep the profile loadable in DevTools (0-based lines) while pointing at the .ts source.
    frame.url = mapped.url;
    frame.lineNumber = mapped.line - 1;
  }
  return profile;
}
