import { parseCount, parseSimulateArgs, UsageError } from './simulate.args.js';

describe('parseSimulateArgs', () => {
  it('reads a load command', () => {
    expect(parseSimulateArgs(['--seed', '42', '--events', '100000', '--days', '14', '--data-dir', '/tmp/x'])).toEqual({
      kind: 'load',
      simulation: {
        seed: 42,
        targetEvents: 100_000,
        days: 14,
        endDate: undefined,
        brands: undefined,
        onlyBrands: undefined,
      },
      dataDir: '/tmp/x',
      batchRows: 100_000,
      validate: false,
    });
  });

  it('reads an NDJSON command with a text seed, an end date and brand filters', () => {
    const command = parseSimulateArgs([
      '--seed',
      'demo',
      '--end',
      '2026-03-01',
      '--brand',
      'a',
      '--brand',
      'b',
      '--ndjson',
      'out.ndjson',
    ]);
    expect(command).toMatchObject({
      kind: 'ndjson',
      file: 'out.ndjson',
      simulation: { seed: 'demo', onlyBrands: ['a', 'b'] },
    });
    expect(command.kind === 'ndjson' && command.simulation.endDate).toEqual(new Date('2026-03-01T00:00:00Z'));
  });

  it('defaults the seed to 42 and leaves the engine to the environment', () => {
    expect(parseSimulateArgs([])).toMatchObject({ kind: 'load', simulation: { seed: 42 }, dataDir: undefined });
  });

  it.each([
    [['--events', 'lots'], /--events must be a positive whole number/],
    [['--events', '0'], /--events must be a positive whole number/],
    [['--days=-3'], /--days must be a number of days/],
    [['--days', '-3'], /argument is ambiguous/],
    [['--end', 'yesterday'], /--end must be a date/],
    [['--data-dir', 'a', '--ndjson', 'b'], /exclude each other/],
    [['--ndjson', 'b', '--validate'], /apply to loading/],
    [['--frobnicate'], /Unknown option '--frobnicate'[\s\S]*--help/],
    [['--seed'], /argument missing/],
    [['stray'], /positional/i],
  ])('rejects %j clearly', (argv, message) => {
    expect(() => parseSimulateArgs(argv)).toThrow(UsageError);
    expect(() => parseSimulateArgs(argv)).toThrow(message);
  });

  it('returns help for -h', () => {
    expect(parseSimulateArgs(['-h'])).toEqual({ kind: 'help' });
  });
});

describe('parseCount', () => {
  it.each([
    ['50000', 50_000],
    ['100_000', 100_000],
    ['100,000', 100_000],
    ['5k', 5_000],
    ['1.5M', 1_500_000],
    ['1e8', 100_000_000],
    ['100M', 100_000_000],
  ])('%s → %d', (text, value) => {
    expect(parseCount(text, 'events')).toBe(value);
  });

  it('refuses fractions of an event', () => {
    expect(() => parseCount('1.5', 'events')).toThrow(UsageError);
  });
});
