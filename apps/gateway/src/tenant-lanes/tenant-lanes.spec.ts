import { loadConfig } from '@app/config';
import { GatewayConfig } from '../gateway.config';
import { readRequestHead } from './request-head';
import { laneOfTenant, parseTenantLanes, workersOfLane } from './tenant-lanes';

describe('parseTenantLanes', () => {
  it('reads lanes, their worker counts and their tenants', () => {
    const lanes = parseTenantLanes('enterprise:2=ten_a, ten_b ; acme:1=ten_c');
    expect(lanes.map((l) => [l.name, l.workers, [...l.tenants]])).toEqual([
      ['enterprise', 2, ['ten_a', 'ten_b']],
      ['acme', 1, ['ten_c']],
    ]);
    expect(laneOfTenant(lanes, 'ten_c')?.name).toBe('acme');
    expect(laneOfTenant(lanes, 'ten_z')).toBeUndefined();
    expect(workersOfLane(lanes, 'enterprise', 3)).toBe(2);
    expect(workersOfLane(lanes, 'default', 3)).toBe(3);
  });

  it("reads a lane's CPUs", () => {
    const lanes = parseTenantLanes('enterprise:2@2-3=ten_a;acme:1=ten_c');
    expect(lanes.map((l) => [l.name, l.cpus])).toEqual([
      ['enterprise', '2-3'],
      ['acme', undefined],
    ]);
  });

  it('is empty when unset', () => {
    expect(parseTenantLanes(undefined)).toEqual([]);
    expect(parseTenantLanes(' ')).toEqual([]);
  });

  it.each([
    ['enterprise=ten_a', /is not <lane>:<workers>\[@<cpus>\]=/],
    ['a:1@=ten_a', /lane "a": "" is not a CPU list/],
    ['a:1@2-1=ten_a', /lane "a": "2-1": the range 2-1 ends before it starts/],
    ['a:1@x=ten_a', /lane "a": "x" is not a CPU list/],
    ['Big:1=ten_a', /is not <lane>/],
    ['default:1=ten_a', /lane of every other tenant/],
    ['a:1=ten_a;a:1=ten_b', /named twice/],
    ['a:0=ten_a', /workers must be 1 to 16/],
    ['a:17=ten_a', /workers must be 1 to 16/],
    ['a:1=ten_a;b:1=ten_a', /tenant ten_a is in lanes "a" and "b"/],
    ['a:1=ten a', /"ten a" is not a tenant id/],
  ])('refuses %s', (text, message) => {
    expect(() => parseTenantLanes(text)).toThrow(message);
  });

  it('fails the gateway start-up with that message', () => {
    const env = {
      ADMIN_API_KEY: 'a'.repeat(24),
      ENCRYPTION_KEYS: `k1:${Buffer.alloc(32).toString('base64')}`,
    };
    expect(() =>
      loadConfig('gateway', GatewayConfig, { ...env, GATEWAY_TENANT_LANES: 'a:1=x;b:1=x' }),
    ).toThrow(/GATEWAY_TENANT_LANES: tenant x is in lanes "a" and "b"/);
    expect(
      loadConfig('gateway', GatewayConfig, { ...env, GATEWAY_TENANT_LANES: 'a:1=x' }).GATEWAY_TENANT_LANES,
    ).toBe('a:1=x');
    expect(() => loadConfig('gateway', GatewayConfig, { ...env, GATEWAY_DEFAULT_LANE_CPUS: '1-0' })).toThrow(
      /GATEWAY_DEFAULT_LANE_CPUS: "1-0": the range 1-0 ends before it starts/,
    );
  });
});

describe('readRequestHead', () => {
  const head = (text: string) => Buffer.from(text, 'latin1');

  it('waits for the end of the head', () => {
    expect(readRequestHead(head('GET / HTTP/1.1\r\nAuthorization: Bearer k1\r\n'), 1024)).toEqual({
      complete: false,
    });
  });

  it('finds the bearer key in any case, before the body', () => {
    const bytes = head('POST /x HTTP/1.1\r\nHost: h\r\nauthorization:  Bearer utk_a-b_c\r\n\r\n{"a":1}');
    expect(readRequestHead(bytes, 1024)).toEqual({ complete: true, apiKey: 'utk_a-b_c' });
  });

  it('has no key without an Authorization header, or with another scheme', () => {
    expect(readRequestHead(head('GET /health HTTP/1.1\r\nHost: h\r\n\r\n'), 1024)).toEqual({
      complete: true,
    });
    expect(readRequestHead(head('GET / HTTP/1.1\r\nAuthorization: Basic eA==\r\n\r\n'), 1024)).toEqual({
      complete: true,
      apiKey: undefined,
    });
  });

  it('does not read a key from the request line or the body', () => {
    const bytes = head('GET /?authorization:%20Bearer%20x HTTP/1.1\r\n\r\nAuthorization: Bearer y\r\n\r\n');
    expect(readRequestHead(bytes, 1024)).toEqual({ complete: true });
  });

  it('stops waiting once the head is longer than allowed', () => {
    expect(readRequestHead(head(`GET / HTTP/1.1\r\nX: ${'a'.repeat(100)}`), 64)).toEqual({ complete: true });
    expect(
      readRequestHead(head(`GET / HTTP/1.1\r\nX: ${'a'.repeat(100)}\r\nAuthorization: Bearer k\r\n\r\n`), 64),
    ).toEqual({ complete: true });
  });
});
