import { worldControls } from '../pipeline/world-controls.js';
import { VENDORS } from '../vendors.js';
import { worldsControls } from '../worlds/controls.js';
import type { ControlRouteDescription } from './control-document.js';
import { OPENAPI_ROUTE } from './document-names.js';

/**
 * The `/_sandbox/...` routes, read from the same control tables the app mounts (world actions,
 * then each vendor's, then `/_sandbox/worlds`), plus the route serving these documents.
 */
export const controlRouteList: readonly ControlRouteDescription[] = [
  ...[worldControls, ...VENDORS.map((v) => v.controls), worldsControls].flatMap((table) =>
    Object.values(table).map((act) => ({
      method: act.method,
      path: act.path.replace(/:(\w+)/g, '{$1}'),
      summary: act.summary,
      ...(act.request && { request: act.request }),
      ...(act.response && { response: act.response }),
    })),
  ),
  { method: 'GET', path: OPENAPI_ROUTE, summary: 'One of these OpenAPI 3.1 documents: wechat, wechatpay, waiqin or sandbox' },
];
