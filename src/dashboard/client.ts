import type { EntityAction, EntityPage, ListPage, VendorOverview } from './view-model.js';

/**
 * The dashboard's browser script. It is served as the text of this function (`String(dashboardClient)`),
 * so it must be self-contained: no imports at run time, no reference to anything outside its body.
 * Plain DOM and fetch only (no framework, no network beyond this sandbox), so it runs in any current
 * Chromium or Firefox. Every text goes in through `textContent`: nothing from the sandbox is parsed
 * as HTML.
 */
export function dashboardClient(apiBase: string): void {
  type Json = Record<string, unknown>;
  type Child = Node | string | number | null | undefined | false;
  const params = new URLSearchParams(location.search);
  const world = params.get('world');
  const token = params.get('sandbox_token');
  const main = document.getElementById('main')!;
  const status = document.getElementById('status')!;
  const shanghai = (ms: number) => `${new Date(ms + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ')} +08:00`;

  /** Creates an element: attributes (`on*` are listeners), then children as nodes or text. */
  function h(tag: string, attrs: Record<string, unknown> = {}, ...children: Child[]): HTMLElement {
    const el = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs)) {
      if (value === undefined || value === null || value === false) continue;
      if (name.startsWith('on') && typeof value === 'function') el.addEventListener(name.slice(2), value as EventListener);
      else if (name === 'value') (el as HTMLInputElement).value = String(value as string);
      else el.setAttribute(name, value === true ? '' : String(value as string));
    }
    for (const child of children) {
      if (child === null || child === undefined || child === false) continue;
      el.append(typeof child === 'object' ? child : String(child));
    }
    return el;
  }

  /** A URL of this sandbox with the page's world and control token carried along. */
  function url(path: string, query: Record<string, string | number | undefined> = {}): string {
    const search = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') search.set(k, String(v));
    if (world) search.set('world', world);
    const text = search.toString();
    return text ? `${path}${path.includes('?') ? '&' : '?'}${text}` : path;
  }

  interface Answer {
    ok: boolean;
    status: number;
    body: Json;
  }

  /** JSON from the sandbox; writes are same-origin JSON, which the control guard lets through. */
  async function api(path: string, query: Record<string, string | number | undefined> = {}, init?: { method: string; body?: unknown }): Promise<Answer> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (token) headers['x-sandbox-token'] = token;
    if (init?.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(url(path, query), {
      method: init?.method ?? 'GET',
      headers,
      body: init?.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const text = await response.text();
    let body: Json;
    try {
      body = text ? (JSON.parse(text) as Json) : {};
    } catch {
      body = { text };
    }
    return { ok: response.ok, status: response.status, body };
  }

  /** Which optional panels this sandbox has (each shown only when its endpoint answers 200). */
  const features = { journal: false, requests: false, notifications: false, snapshots: false, worlds: false };

  function say(message: string, kind: 'ok' | 'error' = 'ok'): void {
    status.textContent = message;
    status.className = `status ${kind}`;
  }

  /** The vendor's error of a refused action (409 VENDOR_RULE), or the sandbox's own error. */
  function refusal(answer: Answer): string {
    const error = (answer.body.error ?? {}) as { code?: string; message?: string; vendor_error?: { vendor: string; code: unknown; message: string } };
    if (error.vendor_error) return `Refused by ${error.vendor_error.vendor}: ${String(error.vendor_error.code)} ${error.vendor_error.message}`;
    return `Refused: ${error.code ?? answer.status} ${error.message ?? JSON.stringify(answer.body)}`;
  }

  function json(value: unknown): HTMLElement {
    return h('pre', { class: 'json' }, JSON.stringify(value, null, 2));
  }

  function isTimeKey(key: string): boolean {
    return /(_at|_from|_until|_since|_time|^at)$/.test(key);
  }

  function cell(key: string, value: unknown): string {
    if (typeof value === 'number' && isTimeKey(key) && value > 1e9 && value < 5e9) return `${value} (${shanghai(value * 1000)})`;
    if (value === null || value === undefined) return '—';
    return typeof value === 'object' ? JSON.stringify(value) : String(value as string);
  }

  function entityHref(ref: { kind: string; id: string; params?: Record<string, string> }): string {
    const query = new URLSearchParams(ref.params ?? {}).toString();
    return `#/entity/${ref.kind}/${encodeURIComponent(ref.id)}${query ? `?${query}` : ''}`;
  }

  function table(columns: string[], rows: ListPage['rows'], caption?: string): HTMLElement {
    return h(
      'table',
      {},
      caption ? h('caption', {}, caption) : null,
      h('thead', {}, h('tr', {}, ...columns.map((c) => h('th', { scope: 'col' }, c)))),
      h(
        'tbody',
        {},
        ...rows.map((row) =>
          h(
            'tr',
            {},
            ...columns.map((c, i) => {
              const text = cell(c, row.cells[c]);
              return h('td', { 'data-col': c }, i === 0 ? h('a', { href: entityHref(row.ref) }, text) : text);
            }),
          ),
        ),
      ),
    );
  }

  function stateBadge(state: string): HTMLElement {
    return h('span', { class: `badge state-${state.replace(/[^A-Za-z0-9]+/g, '-')}`, 'data-testid': 'state' }, state);
  }

  // ---- header: clock, reset, world picker -------------------------------------------------

  const clockText = document.getElementById('clock-now')!;
  async function refreshClock(): Promise<void> {
    const answer = await api('/_sandbox/clock');
    if (!answer.ok) return;
    const clock = answer.body as { now: number; frozen: boolean };
    clockText.textContent = `${shanghai(clock.now)}${clock.frozen ? ' (frozen)' : ''}`;
    clockText.dataset.now = String(clock.now);
    document.getElementById('clock-freeze')!.textContent = clock.frozen ? 'Let time run' : 'Freeze';
    document.getElementById('clock-freeze')!.dataset.frozen = String(clock.frozen);
  }

  async function moveClock(body: Json, what: string): Promise<void> {
    const answer = await api('/_sandbox/clock', {}, { method: 'POST', body });
    if (answer.ok) say(`Clock ${what}: now ${shanghai((answer.body as { now: number }).now)}`);
    else say(refusal(answer), 'error');
    await refreshClock();
    await refresh(true);
  }

  function wireHeader(): void {
    document.getElementById('clock-freeze')!.addEventListener('click', (event) => {
      const frozen = (event.currentTarget as HTMLElement).dataset.frozen === 'true';
      void moveClock({ freeze: !frozen }, frozen ? 'running' : 'frozen');
    });
    for (const button of document.querySelectorAll<HTMLButtonElement>('[data-advance]')) {
      button.addEventListener('click', () => void moveClock({ advance_seconds: Number(button.dataset.advance) }, `advanced ${button.textContent}`));
    }
    document.getElementById('clock-set-form')!.addEventListener('submit', (event) => {
      event.preventDefault();
      const value = (document.getElementById('clock-set') as HTMLInputElement).value;
      if (!value) return say('Choose a date and time to set the clock to', 'error');
      // The field is read as Asia/Shanghai time, the time every vendor here shows.
      void moveClock({ set: `${value.length === 16 ? `${value}:00` : value}+08:00` }, 'set');
    });
    document.getElementById('reset-form')!.addEventListener('submit', (event) => {
      event.preventDefault();
      const seed = (document.getElementById('reset-seed') as HTMLInputElement).value.trim();
      void (async () => {
        const answer = await api('/_sandbox/reset', {}, { method: 'POST', body: seed === '' ? {} : { seed: Number(seed) } });
        if (answer.ok) say(`World reset (seed ${String(answer.body.seed)})`);
        else say(refusal(answer), 'error');
        await refreshClock();
        await refresh(true);
      })();
    });
  }

  async function probeFeatures(): Promise<void> {
    const probe = async (path: string) => (await api(path, { limit: 1 }).catch(() => ({ ok: false }) as Answer)).ok;
    [features.journal, features.requests, features.notifications, features.snapshots, features.worlds] = await Promise.all([
      probe('/_sandbox/journal'),
      probe('/_sandbox/requests'),
      probe('/_sandbox/notifications'),
      probe('/_sandbox/snapshots'),
      probe('/_sandbox/worlds'),
    ]);
    for (const name of ['requests', 'notifications', 'snapshots'] as const) {
      document.querySelector<HTMLElement>(`[data-feature="${name}"]`)!.hidden = !features[name];
    }
    if (features.worlds) await worldPicker();
  }

  async function worldPicker(): Promise<void> {
    const answer = await api('/_sandbox/worlds');
    const worlds = (answer.body.worlds ?? []) as { id: string; name: string | null; default: boolean }[];
    const select = h(
      'select',
      {
        id: 'world-picker',
        onchange: (event: Event) => {
          const next = new URLSearchParams(location.search);
          const chosen = (event.target as HTMLSelectElement).value;
          if (chosen === '') next.delete('world');
          else next.set('world', chosen);
          location.search = next.toString();
        },
      },
      ...worlds.map((w) =>
        h('option', { value: w.default ? '' : w.id, selected: (w.default && !world) || w.id === world }, `${w.name ?? w.id}${w.default ? ' (default)' : ''}`),
      ),
    );
    document.getElementById('world-slot')!.replaceChildren(h('label', { for: 'world-picker' }, 'World '), select);
  }

  // ---- views -------------------------------------------------------------------------------

  interface Route {
    view: string;
    parts: string[];
    query: URLSearchParams;
  }

  function route(): Route {
    const [path = '', search = ''] = location.hash.replace(/^#/, '').split('?');
    const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
    return { view: parts[0] ?? 'overview', parts: parts.slice(1), query: new URLSearchParams(search) };
  }

  /** The part of the view that live refreshes replace; forms and buttons stay as they are. */
  let live: { region: HTMLElement; load: () => Promise<Node[] | undefined>; last: string } | undefined;

  function view(title: string, ...content: Child[]): HTMLElement {
    const heading = h('h1', { tabindex: '-1', id: 'view-title' }, title);
    main.replaceChildren(heading, ...content.filter((c): c is Node => typeof c === 'object' && c !== null));
    return heading;
  }

  async function overview(): Promise<void> {
    const region = h('div', { class: 'live' });
    const heading = view('Overview', region);
    live = {
      region,
      last: '',
      load: async () => {
        const answer = await api(`${apiBase}/overview`);
        if (!answer.ok) return [h('p', { class: 'error' }, refusal(answer))];
        const data = answer.body as { seed: number; vendors: VendorOverview[]; credentials: Record<string, Json> };
        return [
          h('p', {}, `Seed ${data.seed}. Counts as the vendors would report them now (sandbox clock).`),
          h(
            'div',
            { class: 'vendors' },
            ...data.vendors.map((v) =>
              h(
                'section',
                { class: 'vendor', 'aria-labelledby': `vendor-${v.vendor}`, 'data-vendor': v.vendor },
                h('h2', { id: `vendor-${v.vendor}` }, v.title),
                h('p', { class: 'lists' }, ...v.lists.flatMap((l) => [h('a', { href: `#/list/${l}` }, `All ${l}`), ' '])),
                ...v.counts.map((group) =>
                  h(
                    'table',
                    { class: 'counts' },
                    h('caption', {}, group.label),
                    h('tbody', {}, ...Object.entries(group.values).map(([k, n]) => h('tr', { 'data-count': k }, h('th', { scope: 'row' }, k), h('td', {}, n)))),
                  ),
                ),
                credentials(v.vendor, data.credentials[v.vendor] ?? {}),
              ),
            ),
          ),
        ];
      },
    };
    await refresh(true);
    heading.focus();
  }

  function copyButton(value: string, what: string): HTMLElement {
    return h(
      'button',
      {
        type: 'button',
        class: 'copy',
        'aria-label': `Copy ${what}`,
        onclick: () => {
          void navigator.clipboard?.writeText(value).then(
            () => say(`Copied ${what}`),
            () => say(`Copying needs clipboard permission: select the value instead`, 'error'),
          );
        },
      },
      'Copy',
    );
  }

  function credentials(vendor: string, values: Json): HTMLElement {
    const rows = Object.entries(values).filter(([, v]) => typeof v === 'string' || typeof v === 'number');
    return h(
      'details',
      { class: 'credentials' },
      h('summary', {}, 'Credentials (TEST-ONLY)'),
      h(
        'dl',
        {},
        ...rows.flatMap(([k, v]) => {
          const text = String(v as string);
          return [
            h('dt', {}, k),
            h(
              'dd',
              {},
              text.length > 80 ? h('textarea', { readonly: true, rows: 3, 'aria-label': `${vendor} ${k}` }, text) : h('code', {}, text),
              copyButton(text, `${vendor} ${k}`),
            ),
          ];
        }),
      ),
      h('p', {}, h('a', { href: url('/_sandbox/credentials') }, 'All credentials as JSON')),
    );
  }

  async function list(kind: string, query: URLSearchParams): Promise<void> {
    const q = query.get('q') ?? '';
    const by = query.get('by') ?? '';
    const offset = Number(query.get('offset') ?? '0') || 0;
    const first = await api(`${apiBase}/lists/${kind}`, { q, by, offset, limit: 20 });
    if (!first.ok) {
      view(kind, h('p', { class: 'error' }, refusal(first)));
      return;
    }
    const searchBy = (first.body as unknown as ListPage).searchBy;
    const input = h('input', {
      id: 'search',
      type: 'search',
      name: 'q',
      value: q,
      placeholder: searchBy.join(', '),
      'aria-describedby': 'search-hint',
    }) as HTMLInputElement;
    const select =
      searchBy.length > 1
        ? (h(
            'select',
            { id: 'search-by', name: 'by' },
            h('option', { value: '' }, 'any'),
            ...searchBy.map((b) => h('option', { value: b, selected: b === by }, b)),
          ) as HTMLSelectElement)
        : undefined;
    const form = h(
      'form',
      {
        role: 'search',
        class: 'search',
        onsubmit: (event: Event) => {
          event.preventDefault();
          const next = new URLSearchParams();
          if (input.value.trim()) next.set('q', input.value.trim());
          if (select?.value) next.set('by', select.value);
          location.hash = `#/list/${kind}${next.toString() ? `?${next.toString()}` : ''}`;
        },
      },
      h('label', { for: 'search' }, `Search ${kind}`),
      input,
      select ? h('label', { for: 'search-by' }, 'by') : null,
      select ?? null,
      h('button', { type: 'submit' }, 'Search'),
      h('span', { id: 'search-hint', class: 'hint' }, `Matches ${searchBy.join(' / ')}; press / to come back here.`),
    );
    const region = h('div', { class: 'live' });
    const heading = view(kind[0]!.toUpperCase() + kind.slice(1), form, region);
    let fetched: Answer | undefined = first;
    live = {
      region,
      last: '',
      load: async () => {
        const answer = fetched ?? (await api(`${apiBase}/lists/${kind}`, { q, by, offset, limit: 20 }));
        fetched = undefined;
        if (!answer.ok) return [h('p', { class: 'error' }, refusal(answer))];
        const page = answer.body as unknown as ListPage;
        const end = Math.min(page.offset + page.rows.length, page.total);
        const pageHref = (to: number) => `#/list/${kind}?${new URLSearchParams({ ...(q && { q }), ...(by && { by }), offset: String(to) }).toString()}`;
        return [
          h(
            'p',
            { id: 'results', tabindex: '-1', 'aria-live': 'polite' },
            page.total === 0 ? 'Nothing found' : `${page.offset + 1}–${end} of ${page.total}${page.by ? ` (matched by ${page.by})` : ''}`,
          ),
          page.rows.length > 0 ? table(page.columns, page.rows, `${kind} ${page.offset + 1}–${end}`) : null,
          h(
            'nav',
            { class: 'pager', 'aria-label': 'Pages' },
            page.offset > 0 ? h('a', { href: pageHref(Math.max(0, page.offset - page.limit)), rel: 'prev' }, 'Previous page') : null,
            end < page.total ? h('a', { href: pageHref(page.offset + page.limit), rel: 'next' }, 'Next page') : null,
          ),
        ].filter((n): n is HTMLElement => n !== null);
      },
    };
    await refresh(true);
    if (q) document.getElementById('results')?.focus();
    else heading.focus();
  }

  function actionForm(action: EntityAction, index: number, reload: () => Promise<void>): HTMLElement {
    const inputs = (action.ask ?? []).map((field) => {
      const id = `act-${index}-${field.name}`;
      const input = h('input', { id, name: field.name, value: field.value }) as HTMLInputElement;
      return { field, input, node: h('span', { class: 'ask' }, h('label', { for: id }, field.label), input) };
    });
    return h(
      'form',
      {
        class: 'action',
        onsubmit: (event: Event) => {
          event.preventDefault();
          const asked = Object.fromEntries(inputs.map(({ field, input }) => [field.name, input.value]));
          void (async () => {
            const answer =
              action.kind === 'control'
                ? await api(action.path, {}, { method: 'POST', body: { ...action.body, ...asked } })
                : await api(
                    `${apiBase}/call`,
                    {},
                    { method: 'POST', body: { operation: action.operation, as: action.as, input: { ...action.input, ...asked } } },
                  );
            if (answer.ok) say(`${action.label}: done`);
            else say(`${action.label}: ${refusal(answer)}`, 'error');
            document.getElementById('last-answer')!.replaceChildren(h('h3', {}, `Answer of “${action.label}”`), json(answer.body));
            await reload();
          })();
        },
      },
      ...inputs.map((i) => i.node),
      h('button', { type: 'submit' }, action.label),
    );
  }

  async function entity(kind: string, id: string, query: URLSearchParams): Promise<void> {
    const path = `${apiBase}/entities/${kind}/${encodeURIComponent(id)}`;
    const extra = Object.fromEntries(query.entries());
    const first = await api(path, extra);
    if (!first.ok) {
      view(`${kind} ${id}`, h('p', { class: 'error' }, refusal(first)));
      return;
    }
    const page = first.body as unknown as EntityPage;
    const region = h('div', { class: 'live' });
    const actions = h(
      'section',
      { class: 'actions', 'aria-labelledby': 'actions-title' },
      h('h2', { id: 'actions-title' }, 'Actions'),
      h('p', { class: 'hint' }, 'Each runs the same rule as the API or control route; a refusal shows the vendor’s error code and message.'),
      ...page.actions.map((a, i) => actionForm(a, i, () => refresh(true))),
      h('div', { id: 'last-answer' }),
    );
    const heading = view(page.title, h('div', { class: 'entity' }, region, actions));
    let fetched: Answer | undefined = first;
    live = {
      region,
      last: '',
      load: async () => {
        const answer = fetched ?? (await api(path, extra));
        fetched = undefined;
        if (!answer.ok) return [h('p', { class: 'error' }, refusal(answer))];
        const e = answer.body as unknown as EntityPage;
        const history = features.journal ? await api('/_sandbox/journal', { q: e.historyQuery, limit: 50 }) : undefined;
        return [
          h('p', { class: 'state' }, `${e.vendor} ${e.ref.kind}: `, stateBadge(e.state)),
          h(
            'table',
            { class: 'facts' },
            h('caption', {}, 'Facts'),
            h('tbody', {}, ...Object.entries(e.facts).map(([k, v]) => h('tr', {}, h('th', { scope: 'row' }, k), h('td', { 'data-fact': k }, cell(k, v))))),
          ),
          ...e.related.map((r) => h('section', { class: 'related' }, h('h2', {}, r.label), r.rows.length > 0 ? table(r.columns, r.rows) : h('p', {}, 'None'))),
          history?.ok ? historyPanel(history.body) : null,
          h('details', { class: 'fields', open: true }, h('summary', {}, `As ${e.fieldsFrom} returns it`), json(e.fields)),
        ].filter((n): n is HTMLElement => n !== null);
      },
    };
    await refresh(true);
    heading.focus();
  }

  function historyPanel(body: Json): HTMLElement {
    const entries = (body.entries ?? []) as { seq: number; at: string; vendor: string; operation: string; outcome: string; input: unknown }[];
    return h(
      'section',
      { class: 'history', 'aria-labelledby': 'history-title' },
      h('h2', { id: 'history-title' }, `History (${entries.length} journal entries)`),
      entries.length === 0
        ? h('p', {}, 'No journal entry names it yet.')
        : h(
            'table',
            {},
            h('thead', {}, h('tr', {}, ...['seq', 'at', 'operation', 'outcome', 'input'].map((c) => h('th', { scope: 'col' }, c)))),
            h(
              'tbody',
              {},
              ...entries.map((en) =>
                h(
                  'tr',
                  { class: en.outcome === 'ok' ? '' : 'failed', 'data-operation': en.operation },
                  h('td', {}, en.seq),
                  h('td', {}, en.at),
                  h('td', {}, en.operation),
                  h('td', {}, en.outcome),
                  h('td', {}, h('code', {}, JSON.stringify(en.input))),
                ),
              ),
            ),
          ),
    );
  }

  // ---- requests, notifications, snapshots (when the sandbox has them) -----------------------

  interface RequestRow {
    id: number;
    at: string;
    method: string;
    path: string;
    vendor: string;
    operation: string | null;
    outcome: string;
    status: number;
    ms: number;
    request?: { body?: string };
    response?: { body?: string };
  }

  function requestRow(r: RequestRow): HTMLElement {
    const failed = r.outcome !== 'ok';
    return h(
      'tr',
      { class: failed ? 'failed' : '', 'data-request-id': r.id },
      h('td', {}, r.id),
      h('td', {}, r.at),
      h('td', {}, r.method),
      h(
        'td',
        {},
        h(
          'details',
          {},
          h('summary', {}, r.path),
          h('h3', {}, 'Request body'),
          h('pre', { class: 'json' }, r.request?.body || '(empty)'),
          h('h3', {}, 'Response body'),
          h('pre', { class: 'json' }, r.response?.body || '(empty)'),
        ),
      ),
      h('td', {}, r.operation ?? '—'),
      h('td', { class: 'outcome' }, failed ? h('strong', {}, r.outcome) : r.outcome),
      h('td', {}, r.status),
      h('td', {}, typeof r.ms === 'number' ? r.ms.toFixed(1) : '—'),
    );
  }

  async function requests(query: URLSearchParams): Promise<void> {
    const filters = { vendor: query.get('vendor') ?? '', operation: query.get('operation') ?? '', outcome: query.get('outcome') ?? '' };
    const field = (name: keyof typeof filters, label: string, input: HTMLElement) =>
      h('span', { class: 'ask' }, h('label', { for: `filter-${name}` }, label), input);
    const vendorSelect = h(
      'select',
      { id: 'filter-vendor', name: 'vendor' },
      ...['', 'wechat', 'wechatpay', 'waiqin', 'sandbox'].map((v) => h('option', { value: v, selected: v === filters.vendor }, v || 'all')),
    );
    const operationInput = h('input', { id: 'filter-operation', name: 'operation', value: filters.operation, placeholder: 'wechat.code-consume' });
    const outcomeInput = h('input', { id: 'filter-outcome', name: 'outcome', value: filters.outcome, placeholder: 'ok, 40099, NOT_FOUND' });
    // The page's own polling goes through /_sandbox/ too: hidden unless asked for.
    const showOwn = query.get('own') === '1';
    const ownBox = h('input', { id: 'filter-own', type: 'checkbox', name: 'own', checked: showOwn }) as HTMLInputElement;
    const form = h(
      'form',
      {
        class: 'search',
        onsubmit: (event: Event) => {
          event.preventDefault();
          const next = new URLSearchParams();
          for (const [k, el] of [
            ['vendor', vendorSelect],
            ['operation', operationInput],
            ['outcome', outcomeInput],
          ] as const) {
            const value = (el as HTMLInputElement).value.trim();
            if (value) next.set(k, value);
          }
          if (ownBox.checked) next.set('own', '1');
          location.hash = `#/requests${next.toString() ? `?${next.toString()}` : ''}`;
        },
      },
      field('vendor', 'Vendor', vendorSelect),
      field('operation', 'Operation', operationInput),
      field('outcome', 'Outcome', outcomeInput),
      h('span', { class: 'ask' }, ownBox, h('label', { for: 'filter-own' }, 'Include /_sandbox/ requests (this page’s own)')),
      h('button', { type: 'submit' }, 'Filter'),
    );
    const body = h('tbody', { id: 'request-rows' });
    const heading = view(
      'Requests',
      form,
      h('p', { class: 'hint' }, 'Newest first; new requests appear as they are answered. Expand a path to see the bodies.'),
      h(
        'table',
        { class: 'requests' },
        h('thead', {}, h('tr', {}, ...['id', 'at', 'method', 'path', 'operation', 'outcome', 'status', 'ms'].map((c) => h('th', { scope: 'col' }, c)))),
        body,
      ),
    );
    let newest = 0;
    const poll = async () => {
      const answer = await api('/_sandbox/requests', { ...filters, limit: 100, after: newest || undefined });
      if (!answer.ok) return;
      const rows = (answer.body.requests ?? []) as RequestRow[];
      if (rows.length === 0) return;
      newest = Math.max(newest, ...rows.map((r) => r.id));
      body.prepend(...rows.filter((r) => showOwn || !r.path.startsWith('/_sandbox/')).map(requestRow));
    };
    live = {
      region: body,
      last: '',
      load: async () => {
        await poll();
        return undefined;
      },
    };
    await refresh(true);
    heading.focus();
  }

  async function notifications(): Promise<void> {
    const region = h('div', { class: 'live' });
    const heading = view('Notifications', region);
    live = {
      region,
      last: '',
      load: async () => {
        const answer = await api('/_sandbox/notifications', { limit: 100 });
        if (!answer.ok) return [h('p', { class: 'error' }, refusal(answer))];
        const list = (answer.body.notifications ?? []) as {
          id: string;
          vendor: string;
          event: string;
          status: string;
          url: string;
          created_at: string;
          attempts: Json[];
        }[];
        if (list.length === 0) return [h('p', {}, 'No notification yet.')];
        return list.map((n) =>
          h(
            'section',
            { class: `notification ${n.status === 'failed' ? 'failed' : ''}`, 'data-notification': n.id },
            h('h2', {}, `${n.vendor} ${n.event} → ${n.url}`),
            h('p', {}, `${n.status}, created ${n.created_at}, ${n.attempts.length} attempts `),
            h(
              'button',
              {
                type: 'button',
                onclick: () =>
                  void (async () => {
                    const done = await api(`/_sandbox/notifications/${encodeURIComponent(n.id)}/redeliver`, {}, { method: 'POST', body: {} });
                    say(done.ok ? `Redelivered ${n.id}` : refusal(done), done.ok ? 'ok' : 'error');
                    await refresh(true);
                  })(),
              },
              'Redeliver',
            ),
            h('details', {}, h('summary', {}, 'Attempts'), json(n.attempts)),
          ),
        );
      },
    };
    await refresh(true);
    heading.focus();
  }

  async function snapshots(): Promise<void> {
    const nameInput = h('input', { id: 'snapshot-name', name: 'name', required: true }) as HTMLInputElement;
    const act = async (path: string, method: string, body: unknown, what: string) => {
      const answer = await api(path, {}, { method, body });
      say(answer.ok ? what : refusal(answer), answer.ok ? 'ok' : 'error');
      await refreshClock();
      await refresh(true);
    };
    const form = h(
      'form',
      {
        class: 'search',
        onsubmit: (event: Event) => {
          event.preventDefault();
          void act('/_sandbox/snapshots', 'POST', { name: nameInput.value }, `Saved snapshot ${nameInput.value}`);
        },
      },
      h('label', { for: 'snapshot-name' }, 'Snapshot name'),
      nameInput,
      h('button', { type: 'submit' }, 'Save snapshot'),
    );
    const region = h('div', { class: 'live' });
    const heading = view('Snapshots', form, region);
    live = {
      region,
      last: '',
      load: async () => {
        const answer = await api('/_sandbox/snapshots');
        const list = (answer.body.snapshots ?? []) as { name: string; created_at: string }[];
        return [
          h(
            'ul',
            {},
            ...list.map((s) =>
              h(
                'li',
                {},
                `${s.name} (${s.created_at}) `,
                h(
                  'button',
                  { type: 'button', onclick: () => void act(`/_sandbox/snapshots/${encodeURIComponent(s.name)}/restore`, 'POST', {}, `Restored ${s.name}`) },
                  `Restore ${s.name}`,
                ),
                ' ',
                h(
                  'button',
                  { type: 'button', onclick: () => void act(`/_sandbox/snapshots/${encodeURIComponent(s.name)}`, 'DELETE', undefined, `Deleted ${s.name}`) },
                  `Delete ${s.name}`,
                ),
              ),
            ),
          ),
        ];
      },
    };
    await refresh(true);
    heading.focus();
  }

  /** Reloads the live region; replaces it only when the data changed (focus and scroll stay put). */
  async function refresh(force = false): Promise<void> {
    const current = live;
    if (!current) return;
    const nodes = await current.load();
    if (!nodes || current !== live) return;
    const holder = h('div', {}, ...nodes);
    const text = holder.innerHTML;
    if (!force && text === current.last) return;
    current.last = text;
    current.region.replaceChildren(...nodes);
    main.dataset.loaded = String(Date.now());
  }

  async function navigate(): Promise<void> {
    live = undefined;
    const r = route();
    for (const link of document.querySelectorAll<HTMLAnchorElement>('#nav a')) {
      const current = link.getAttribute('href') === `#/${r.view === 'list' ? `list/${r.parts[0]}` : r.view === 'overview' ? '' : r.view}`;
      if (current) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    }
    try {
      if (r.view === 'list') await list(r.parts[0] ?? 'codes', r.query);
      else if (r.view === 'entity') await entity(r.parts[0] ?? '', r.parts.slice(1).join('/'), r.query);
      else if (r.view === 'requests') await requests(r.query);
      else if (r.view === 'notifications') await notifications();
      else if (r.view === 'snapshots') await snapshots();
      else await overview();
    } catch (error) {
      view('Error', h('p', { class: 'error' }, String(error)));
    }
  }

  document.addEventListener('keydown', (event) => {
    const target = event.target as HTMLElement;
    if (event.key === '/' && !/^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) {
      const search = document.getElementById('search');
      if (search) {
        event.preventDefault();
        search.focus();
      }
    }
  });

  window.addEventListener('hashchange', () => void navigate());
  wireHeader();
  void (async () => {
    await probeFeatures();
    await refreshClock();
    await navigate();
    document.body.dataset.ready = 'true';
    // Live: the clock and whatever is on screen, every 1.5 s while the tab is visible.
    setInterval(() => {
      if (document.visibilityState !== 'visible') return;
      void refreshClock();
      void refresh();
    }, 1500);
  })();
}
