/**
 * Every import edge of a set of TypeScript files, parsed with the TypeScript compiler's own parser
 * (not a regex) so `import type`, `import { type A }`, `export ... from`, `export type * from`,
 * side-effect imports, dynamic `import()` and `import('x').T` type references are all seen and
 * told apart. Works on an in-memory map of files so the rules can be proved on planted violations.
 */
import { builtinModules } from 'node:module';
import { posix } from 'node:path';
import ts from 'typescript';

/** Repo-relative POSIX path → file text. */
export type SourceFiles = ReadonlyMap<string, string>;

export type ImportTarget = { kind: 'file'; path: string; exists: boolean } | { kind: 'builtin'; name: string } | { kind: 'package'; name: string };

export interface ImportEdge {
  importer: string;
  specifier: string;
  line: number;
  /** Erased at compile time: `import type`, all-`type` named imports, `import('x').T`. */
  typeOnly: boolean;
  /** `import('x')` at run time: loaded lazily, but still a value dependency. */
  dynamic: boolean;
  target: ImportTarget;
}

const BUILTINS = new Set(builtinModules.filter((name) => !name.startsWith('_')));

/** `node:fs`, `fs`, `fs/promises` are builtins; `fs-extra` is a package. */
export function isBuiltin(specifier: string): boolean {
  return specifier.startsWith('node:') || BUILTINS.has(specifier) || BUILTINS.has(specifier.split('/')[0]);
}

/** The package a bare specifier names: `@hono/node-server/x` → `@hono/node-server`, `msw/node` → `msw`. */
export function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/**
 * NodeNext resolution as this repo writes it: `./x.js` is `x.ts` in source, `./dir/index.js` is
 * `dir/index.ts`; JSON and other non-code files resolve to themselves.
 */
export function resolveSpecifier(importer: string, specifier: string, files: SourceFiles): ImportTarget {
  if (isBuiltin(specifier)) return { kind: 'builtin', name: specifier.replace(/^node:/, '') };
  if (!specifier.startsWith('.') && !specifier.startsWith('/')) return { kind: 'package', name: packageName(specifier) };
  const base = posix.normalize(posix.join(posix.dirname(importer), specifier));
  const stem = base.replace(/\.(js|mjs|cjs|jsx)$/, '');
  const candidates = [stem + '.ts', stem + '.tsx', stem + '.mts', base, base + '.ts', base + '/index.ts'];
  const found = candidates.find((path) => files.has(path));
  return { kind: 'file', path: found ?? (base.endsWith('.js') ? stem + '.ts' : base), exists: found !== undefined };
}

function namedImportsAllTypes(bindings: ts.NamedImportBindings | undefined): boolean {
  return bindings !== undefined && ts.isNamedImports(bindings) && bindings.elements.length > 0 && bindings.elements.every((e) => e.isTypeOnly);
}

function importIsTypeOnly(node: ts.ImportDeclaration): boolean {
  const clause = node.importClause;
  if (!clause) return false; // `import './x.js'` runs the module
  if (clause.isTypeOnly) return true;
  return clause.name === undefined && namedImportsAllTypes(clause.namedBindings);
}

function exportIsTypeOnly(node: ts.ExportDeclaration): boolean {
  if (node.isTypeOnly) return true;
  const clause = node.exportClause;
  return clause !== undefined && ts.isNamedExports(clause) && clause.elements.length > 0 && clause.elements.every((e) => e.isTypeOnly);
}

/** The import edges of one file, in source order. */
export function importsOf(importer: string, text: string, files: SourceFiles): ImportEdge[] {
  const source = ts.createSourceFile(importer, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const edges: ImportEdge[] = [];
  const add = (literal: ts.Node, specifier: string, typeOnly: boolean, dynamic: boolean) => {
    const line = source.getLineAndCharacterOfPosition(literal.getStart(source)).line + 1;
    edges.push({ importer, specifier, line, typeOnly, dynamic, target: resolveSpecifier(importer, specifier, files) });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      add(node.moduleSpecifier, node.moduleSpecifier.text, importIsTypeOnly(node), false);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      add(node.moduleSpecifier, node.moduleSpecifier.text, exportIsTypeOnly(node), false);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      const expr = node.moduleReference.expression;
      if (ts.isStringLiteral(expr)) add(expr, expr.text, node.isTypeOnly, false);
    } else if (ts.isImportTypeNode(node)) {
      const arg = node.argument;
      if (ts.isLiteralTypeNode(arg) && ts.isStringLiteral(arg.literal)) add(arg.literal, arg.literal.text, true, false);
    } else if (ts.isCallExpression(node) && node.arguments.length > 0 && ts.isStringLiteralLike(node.arguments[0])) {
      const isImport = node.expression.kind === ts.SyntaxKind.ImportKeyword;
      const isRequire = ts.isIdentifier(node.expression) && node.expression.text === 'require';
      if (isImport || isRequire) add(node.arguments[0], node.arguments[0].text, false, isImport);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return edges;
}

/** Every import edge of every file. */
export function importGraph(files: SourceFiles): ImportEdge[] {
  return [...files].flatMap(([path, text]) => importsOf(path, text, files));
}
