import type { Card, DateInfo } from './model.js';
import { clone } from '../undo-log.js';

/**
 * WeChat's named card colours and the hex value card/get echoes for them (a card created with
 * "Color010" reads back as "#63b359").
 */
export const CARD_COLORS: Readonly<Record<string, string>> = {
  Color010: '#63b359',
  Color020: '#2c9f67',
  Color030: '#509fc9',
  Color040: '#5885cf',
  Color050: '#9062c0',
  Color060: '#d09a45',
  Color070: '#e4b138',
  Color080: '#ee903c',
  Color081: '#f08500',
  Color082: '#a9d92d',
  Color090: '#dd6549',
  Color100: '#cc463d',
  Color101: '#cf3e36',
  Color102: '#5E6671',
};

/** The hex colour card/get shows for a colour name or hex value. */
export function colorHex(color: unknown): unknown {
  return typeof color === 'string' && CARD_COLORS[color] ? CARD_COLORS[color] : color;
}

function renderDateInfo(info: DateInfo): Record<string, unknown> {
  const out: Record<string, unknown> = { type: info.type };
  if (info.type === 'DATE_TYPE_FIX_TIME_RANGE') {
    out.begin_timestamp = info.begin_timestamp;
    out.end_timestamp = info.end_timestamp;
  } else if (info.type === 'DATE_TYPE_FIX_TERM') {
    out.fixed_term = info.fixed_term;
    out.fixed_begin_term = info.fixed_begin_term ?? 0;
    if (info.end_timestamp) out.end_timestamp = info.end_timestamp;
  }
  return out;
}

/** The `card` object of a card/get answer: the stored fields plus what WeChat derives. */
export function renderCard(card: Card): Record<string, unknown> {
  const { base_info: stored, ...rest } = clone(card.body);
  const base_info: Record<string, unknown> = {
    id: card.cardId,
    ...stored,
    color: colorHex(stored.color),
    date_info: renderDateInfo(card.dateInfo),
    get_limit: card.getLimit,
    status: card.status,
    sku: { quantity: card.quantity, total_quantity: card.totalQuantity },
    create_time: card.createTime,
    update_time: card.updateTime,
    area_code_list: stored.area_code_list ?? [],
  };
  return { card_type: card.cardType, [card.cardType.toLowerCase()]: { base_info, ...rest } };
}
