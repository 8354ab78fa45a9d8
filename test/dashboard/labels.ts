/**
 * Run in the page (`page.evaluate(unlabelledControls)`, playwright or puppeteer): every form control
 * of the document — input, select, textarea, button, hidden inputs aside, including those inside a
 * closed `<details>` — that has no accessible name of its own, as `tag#id[name]` descriptions.
 * A name comes from `aria-labelledby`, `aria-label`, a `<label>` (for= or wrapping) or, for a
 * button, its text; a placeholder or title alone does not count (it vanishes or hides on hover).
 * Self-contained: it is serialised into the page, so it refers to nothing outside its body.
 */
export function unlabelledControls(): string[] {
  const text = (nodes: Iterable<Element>) => [...nodes].map((n) => n.textContent ?? '').join(' ');
  const missing: string[] = [];
  for (const el of document.querySelectorAll<HTMLElement>('input, select, textarea, button')) {
    if (el instanceof HTMLInputElement && el.type === 'hidden') continue;
    const labelledBy = (el.getAttribute('aria-labelledby') ?? '').split(/\s+/).filter(Boolean);
    const labels = (el as HTMLInputElement).labels ?? [];
    const name = [
      text(labelledBy.map((id) => document.getElementById(id)).filter((n): n is HTMLElement => n !== null)),
      el.getAttribute('aria-label') ?? '',
      text(labels),
      el instanceof HTMLButtonElement ? (el.textContent ?? '') : '',
    ].join(' ');
    if (name.trim() === '') missing.push(`${el.tagName.toLowerCase()}#${el.id}[${el.getAttribute('name') ?? ''}]`);
  }
  return missing;
}
