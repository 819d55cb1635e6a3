import { DEFAULT_POLL_SETTINGS, intervalSeconds, parseIntervals } from './poll-settings';

describe('poll intervals', () => {
  it('defaults to a minute for tickets and comments and 15 minutes for the rest', () => {
    const settings = { ...DEFAULT_POLL_SETTINGS, intervals: parseIntervals(undefined) };
    expect(intervalSeconds(settings, 'tickets', null)).toBe(60);
    expect(intervalSeconds(settings, 'comments', null)).toBe(60);
    expect(intervalSeconds(settings, 'users', null)).toBe(900);
  });

  it('takes resource=seconds entries over the defaults, and a connection × resource override over both', () => {
    const settings = { ...DEFAULT_POLL_SETTINGS, intervals: parseIntervals('tickets=5, default=30') };
    expect(intervalSeconds(settings, 'tickets', null)).toBe(5);
    expect(intervalSeconds(settings, 'tags', null)).toBe(30);
    expect(intervalSeconds(settings, 'tickets', 2)).toBe(2);
  });

  it.each(['tickets', 'tickets=0', 'tickets=1.5', 'Tickets=4', '=3'])('refuses %p', (text) => {
    expect(() => parseIntervals(text)).toThrow(/resource=seconds/);
  });
});
