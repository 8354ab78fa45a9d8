/**
 * The body text an answer was built from, kept on the Response itself under a private symbol: a
 * WeakMap entry per request cost the hot path an ephemeron-table insert and the garbage collector
 * an ephemeron to trace for every answer.
 */
const BODY_TEXT = Symbol('coupon-sandbox.bodyText');

type Marked = Response & { [BODY_TEXT]?: string };

/**
 * Builds a Response from a text and remembers the text, so the request ring keeps the body
 * without reading (teeing) the stream on every request.
 */
export function textResponse(text: string | null, init: ResponseInit): Response {
  const response = new Response(text, init) as Marked;
  if (text !== null) response[BODY_TEXT] = text;
  return response;
}

/** The body text of an answer built by {@link textResponse}; else read from a clone ('' when none). */
export function bodyTextOf(response: Response): string | Promise<string> {
  const known = (response as Marked)[BODY_TEXT];
  if (known !== undefined) return known;
  if (!response.body) return '';
  return response
    .clone()
    .text()
    .catch(() => ''); // a body already taken (a damaged answer) is shown empty
}
