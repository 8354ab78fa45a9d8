import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { OPENAPI_DOCUMENT_NAMES, openapiDocument } from '../openapi/index.js';

// `npm run openapi [dir]`: writes the four OpenAPI documents as <name>.json (default dist/openapi/).
const dir = resolve(process.argv[2] ?? join('dist', 'openapi'));
await mkdir(dir, { recursive: true });
for (const name of OPENAPI_DOCUMENT_NAMES) {
  const doc = openapiDocument(name);
  const file = join(dir, `${name}.json`);
  const text = `${JSON.stringify(doc, null, 2)}\n`;
  await writeFile(file, text);
  const operations = Object.values(doc.paths).reduce((n, item) => n + Object.keys(item).length, 0);
  const shown = relative(process.cwd(), file);
  console.log(
    `${shown.startsWith('..') ? file : shown}  ${operations} operations, ${Object.keys(doc.components.schemas).length} schemas, ${Buffer.byteLength(text)} bytes`,
  );
}
