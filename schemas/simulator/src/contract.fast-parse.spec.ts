// The contract's fast validation path, fuzzed with simulated streams and bent copies of them: it lives
// here because the simulator depends on the contract, never the other way round.
import { fastParseEvent, SCHEMA_BY_TYPE, validateEvent, type EventType, type LiveEvent } from '@lc/contract';
import { Random } from './random.js';
import { sessionOffset, simulate, toWireEvent } from './simulator.js';

/** What zod alone makes of an input: the reference the fast path must agree with. */
function zodParse(input: Record<string, unknown>): LiveEvent | undefined {
  const parsed = SCHEMA_BY_TYPE[input.type as EventType].safeParse(input);
  return parsed.success ? (parsed.data as LiveEvent) : undefined;
}

/** Simulated events in both wire forms: ISO timestamps with the brand's offset, and epoch ms. */
function simulatedInputs(): Record<string, unknown>[] {
  const inputs: Record<string, unknown>[] = [];
  for (const session of simulate({ seed: 'fast-parse', targetEvents: 5_000, endDate: '2026-11-20T00:00:00Z' })) {
    const offset = sessionOffset(session);
    for (const event of session.events) {
      inputs.push({ ...toWireEvent(event, offset) }, { ...event });
    }
  }
  return inputs;
}

const base = { eventId: 'e1', sessionId: 's1', occurredAt: '2026-11-20T20:00:00+09:00' };
const HAND_PICKED: Record<string, unknown>[] = [
  { ...base, type: 'join', viewerId: 'v' },
  { ...base, type: 'join', viewerId: 'v', source: '' },
  { ...base, type: 'comment', author: 'host' },
  { ...base, type: 'comment', author: 'host', text: 'hi', replyTo: 'e0' },
  { ...base, type: 'comment', author: 'viewer', viewerId: 'v', replyTo: 'e0' },
  { ...base, type: 'comment', author: 'viewer', viewerId: 'v', text: '"quoted" \\ \u2028 かわいい 😀' },
  { ...base, type: 'like', viewerId: 'v', count: 1 },
  { ...base, type: 'like', viewerId: 'v', count: 1000, stamp: 'heart' },
  { ...base, type: 'cart_add', viewerId: 'v', productId: 'p', quantity: 3, unitPrice: ' 0.1 ', currency: 'USD' },
  { ...base, type: 'cart_add', viewerId: 'v', productId: 'p', quantity: 1, unitPrice: 12.5, currency: 'JPY' },
  {
    ...base,
    type: 'purchase',
    viewerId: 'v',
    orderId: 'o',
    currency: 'JPY',
    items: [
      { productId: 'p', quantity: 2, unitPrice: 1200 },
      { unitPrice: '500.5', quantity: 1, productId: 'q' },
    ],
  },
  {
    ...base,
    type: 'session_start',
    commercerId: 'c',
    commercerName: '',
    commercerKind: 'in_house',
    title: 'Winter coats',
    platform: 'tiktok',
  },
  { ...base, type: 'session_end', occurredAt: 0 },
  { ...base, type: 'session_end', occurredAt: '2026-11-20T11:00Z' },
  { ...base, type: 'session_end', occurredAt: '2026-11-20T20:00:00.123456789+0900' },
  { ...base, type: 'dwell', viewerId: 'v', seconds: 300 },
  { ...base, type: 'refund', orderId: 'o', amount: '12.50', currency: 'USD' },
  { ...base, type: 'refund', orderId: 'o', amount: 0.0001, currency: 'JPY' },
  { ...base, type: 'follow', viewerId: 'v' },
  { ...base, type: 'share', viewerId: 'v' },
  { ...base, type: 'share', viewerId: 'v', channel: 'line' },
  { ...base, type: 'product_pin', productId: 'p' },
  { ...base, type: 'product_pin', productId: 'p', productName: '' },
  { ...base, type: 'product_unpin', productId: 'p' },
  { ...base, type: 'product_impression', viewerId: 'v', productId: 'p' },
  { ...base, type: 'product_click', viewerId: 'v', productId: 'p' },
  { ...base, type: 'recap' },
  { ...base, type: 'recap', text: 'For those just joining' },
];

/**
 * Near-valid events: every valid hand-picked event with each field in turn
 * removed or set to each awkward value, then random pairs of such bends.
 */
function bentInputs(randomPairs: number): Record<string, unknown>[] {
  const random = new Random('fast-parse-fuzz');
  const values: unknown[] = [
    undefined,
    null,
    '',
    ' ',
    'x',
    'x'.repeat(64),
    'x'.repeat(65),
    'x'.repeat(128),
    'x'.repeat(129),
    'x'.repeat(201),
    'x'.repeat(501),
    0,
    -0,
    1,
    -1,
    1.5,
    300,
    301,
    1000,
    1001,
    100_000,
    100_001,
    2 ** 53,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    1e21,
    0.00001,
    '12.50',
    '0',
    '0.0000',
    ' 12.5 ',
    '12.50000',
    '-5',
    '1e3',
    'USD',
    'usd',
    'viewer',
    'host',
    'bot',
    'professional',
    'in_house',
    '2026-11-20T20:00:00+09:00',
    '2026-02-30T20:00:00Z',
    '2026-11-20T25:00:00Z',
    '2026-11-20 20:00:00Z',
    '2026-11-20T20:00:00',
    true,
    [],
    {},
    [{ productId: 'p', quantity: 1, unitPrice: '1' }],
    [{ productId: 'p', quantity: 1, unitPrice: '1', extra: 1 }],
    [{ productId: 'p', quantity: 0, unitPrice: '1' }],
    [null],
  ];
  const fields = [
    'eventId',
    'sessionId',
    'occurredAt',
    'viewerId',
    'source',
    'seconds',
    'author',
    'text',
    'replyTo',
    'count',
    'stamp',
    'productId',
    'quantity',
    'unitPrice',
    'currency',
    'orderId',
    'items',
    'amount',
    'channel',
    'productName',
    'commercerId',
    'commercerName',
    'commercerKind',
    'title',
    'platform',
    'brandId',
  ];
  const inputs: Record<string, unknown>[] = [];
  for (const valid of HAND_PICKED) {
    for (const field of fields) {
      const { [field]: _removed, ...without } = valid;
      inputs.push(without);
      for (const value of values) inputs.push({ ...valid, [field]: value });
    }
  }
  for (let i = 0; i < randomPairs; i++) {
    const input: Record<string, unknown> = { ...random.pick(HAND_PICKED) };
    for (let bends = 0; bends < 2; bends++) {
      const field = random.pick(fields);
      if (random.chance(0.2)) delete input[field];
      else input[field] = random.pick(values);
    }
    inputs.push(input);
  }
  return inputs;
}

describe('the fast path of validateEvent agrees with zod', () => {
  const valid = [...simulatedInputs(), ...HAND_PICKED];
  const bent = bentInputs(10_000);

  it('accepts only what zod accepts, with the same values in the same key order', () => {
    for (const input of [...valid, ...bent]) {
      if (typeof input.type !== 'string' || !(input.type in SCHEMA_BY_TYPE)) continue;
      const event = fastParseEvent(input.type as EventType, input);
      if (event === undefined) continue;
      const reference = zodParse(input);
      // Compared as text: equal values in the same key order.
      expect(JSON.stringify(event)).toBe(JSON.stringify(reference));
    }
  });

  it('takes the fast path for every valid simulated and hand-picked event', () => {
    for (const input of valid) expect(fastParseEvent(input.type as EventType, input)).toBeDefined();
  });

  it('gives validateEvent the same verdict and event as zod alone', () => {
    for (const input of bent) {
      const result = validateEvent(input);
      const reference = zodParse(input);
      expect(result.ok).toBe(reference !== undefined);
      if (result.ok) expect(JSON.stringify(result.event)).toBe(JSON.stringify(reference));
    }
  });
});
