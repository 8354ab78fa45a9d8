import { describe, expect, it } from 'vitest';
import { ADVANCED_INFO_UPDATABLE, BASE_INFO_UPDATABLE, TYPE_UPDATABLE } from '../../../src/engine/wechat/card-update.js';
import { schemaId, schemas } from '../../../src/schema/registry.js';

type Props = Record<string, { 'x-updatable'?: boolean; 'x-review'?: boolean }>;
const defs = (schemas().schema(schemaId('wechat/card-update.request.json')) as { $defs: Record<string, { properties: Props }> }).$defs;

/** The annotated fields of a schema definition as the engine's table shape. */
function annotated(def: string): Record<string, { review: boolean }> {
  const out: Record<string, { review: boolean }> = {};
  for (const [name, p] of Object.entries(defs[def]!.properties)) if (p['x-updatable']) out[name] = { review: p['x-review'] === true };
  return out;
}

describe('card/update rules agree with the schema annotations (x-updatable / x-review)', () => {
  it('base_info', () => expect(BASE_INFO_UPDATABLE).toEqual(annotated('UpdateBaseInfo')));
  it('advanced_info', () => expect(ADVANCED_INFO_UPDATABLE).toEqual(annotated('UpdateAdvancedInfo')));
  const types: [string, string][] = [
    ['MEMBER_CARD', 'UpdateMemberCard'],
    ['MOVIE_TICKET', 'UpdateMovieTicket'],
    ['BOARDING_PASS', 'UpdateBoardingPass'],
    ['SCENIC_TICKET', 'UpdateScenicTicket'],
    ['MEETING_TICKET', 'UpdateMeetingTicket'],
  ];
  for (const [type, def] of types) {
    it(type, () => expect(TYPE_UPDATABLE[type as keyof typeof TYPE_UPDATABLE]).toEqual(annotated(def)));
  }
});
