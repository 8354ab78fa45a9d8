/**
 * What the sandbox writes to its logs passes through here: tokens, secrets and keys are replaced by
 * `***`, so a log shared in a bug report or kept by a CI farm hands out no credential. Identifiers
 * (appid, mchid, card ids) stay readable.
 */

const MASK = '***';

const PATTERNS: [RegExp, string][] = [
  // Query parameters: access_token=..., secret=..., the control token, a world id (a capability)...
  [/((?:^|[?&;\s])(?:access_token|secret|appsecret|app_secret|sandbox_token|token|appkey|key|world)=)[^&#\s"']*/gi, `$1${MASK}`],
  // JSON fields of the same names.
  [/("(?:access_token|secret|appsecret|appkey|apiv3_key|merchant_private_key|private_key|sandbox_token|token)"\s*:\s*")(?:[^"\\]|\\.)*"/gi, `$1${MASK}"`],
  // Authorization values: bearer tokens and v3 signatures.
  [/(\bBearer\s+)\S+/gi, `$1${MASK}`],
  [/(\bsignature=")[^"]*"/gi, `$1${MASK}"`],
  [/(x-sandbox-(?:token|world)["']?\s*[:=]\s*["']?)[^\s"',}]+/gi, `$1${MASK}`],
  // PEM private keys, whole.
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g, `-----PRIVATE KEY ${MASK}-----`],
];

/**
 * The text with every token, secret and private key it contains masked: by shape (the patterns
 * above) and by value (`known`: the request's own token, the world's secrets), so a secret quoted
 * in an error message is masked too.
 */
export function maskSecrets(text: string, known: readonly string[] = []): string {
  let out = text;
  // Longest first, so a secret that contains another is masked whole; very short values are skipped.
  for (const value of [...new Set(known)].filter((v) => v.length >= 6).sort((a, b) => b.length - a.length)) out = out.split(value).join(MASK);
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

/** The credential values a request carries: its token query parameters and Authorization token. */
export function requestSecrets(request: Request): string[] {
  const found: string[] = [];
  try {
    const params = new URL(request.url).searchParams;
    for (const name of ['access_token', 'secret', 'sandbox_token']) for (const v of params.getAll(name)) found.push(v);
  } catch {
    // an unreadable URL carries nothing we could find
  }
  const bearer = request.headers.get('authorization')?.match(/^\s*Bearer\s+(\S+)/i)?.[1];
  if (bearer) found.push(bearer);
  const header = request.headers.get('x-sandbox-token');
  if (header) found.push(header);
  return found;
}
