/** A data dir the sandbox refuses to start on (in use, corrupt, another version): the CLI prints the message and exits non-zero. */
export class DataDirError extends Error {
  override readonly name: string = 'DataDirError';
}
