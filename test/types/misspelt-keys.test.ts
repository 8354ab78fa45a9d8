import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../src/tools/generate.js';

const FIXTURE = join(ROOT, 'test/types/fixtures/misspelt-keys.ts');
const EXPECT_ERROR = /^\s*\/\/ @ts-expect-error\b.*$/;

/** Type-checks `text` as the fixture file, with the project's compiler options; its diagnostics. */
function diagnosticsOf(text: string): ts.Diagnostic[] {
  const config = ts.getParsedCommandLineOfConfigFile(join(ROOT, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  if (!config) throw new Error('tsconfig.json does not parse');
  const options = { ...config.options, noEmit: true };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, version, ...rest) => (name === FIXTURE ? ts.createSourceFile(name, text, version, true) : getSourceFile(name, version, ...rest));
  const program = ts.createProgram([FIXTURE], options, host);
  return [...program.getSyntacticDiagnostics(), ...program.getSemanticDiagnostics()];
}

describe('catalogue keys and operation ids are checked by the compiler', () => {
  it('compiles the fixture as it is (each @ts-expect-error line does fail)', () => {
    const text = readFileSync(FIXTURE, 'utf8');
    expect(diagnosticsOf(text).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))).toEqual([]);
  }, 60_000);

  it('reports each marked line, and only those, without its @ts-expect-error: a misspelt key is a compile error', () => {
    const lines = readFileSync(FIXTURE, 'utf8').split('\n');
    // Blank the comment but keep the line count, so the expected error is on the next line.
    const marked = lines.flatMap((line, i) => (EXPECT_ERROR.test(line) ? [i + 1] : []));
    expect(marked.length).toBe(6);
    const diagnostics = diagnosticsOf(lines.map((line) => (EXPECT_ERROR.test(line) ? '' : line)).join('\n'));
    const found = diagnostics.map((d) => {
      const { line } = d.file!.getLineAndCharacterOfPosition(d.start!);
      return { line, message: ts.flattenDiagnosticMessageText(d.messageText, ' ') };
    });
    expect(found.map((d) => d.line).sort((a, b) => a - b)).toEqual(marked);
    for (const d of found) expect(d.message, `line ${d.line + 1}`).toMatch(/is not assignable to (parameter of )?type '\w*(ErrorKey|OperationId)'/);
  }, 60_000);
});
