/** Answers whose body text is known where they were built (the vendors' JSON answers). */
const texts = new WeakMap<Response, string>();

/**
 * Builds a Response from a text and remembers the text, so the request ring keeps the body
 * without reading (teeing) the stream on every request.
 */
export function textResponse(text: string | null, init: ResponseInit): Response {
  const response = new Response(text, init);
  if (text !== null) texts.set(response, text);
  return response;
}

/** The body text of an answer built by {@link textResponse}; else read from a clone ('' when none). */
export function bodyTextOf(response: Response): string | Promise<string> {
  const known = texts.get(response);
  if (known !== undefined) return known;
  if (!response.body) return '';
  return response
    .clone()
    .text()
    .catch(() => ''); // a body already taken (a damaged answer) is shown empty
}
