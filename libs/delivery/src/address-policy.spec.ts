import { classifyAddress, isIpLiteral, parseIPv6 } from './address-policy';

describe('classifyAddress', () => {
  it.each([
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['10.0.0.1', 'private'],
    ['10.255.255.255', 'private'],
    ['100.64.0.1', 'cgnat'],
    ['100.127.255.254', 'cgnat'],
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['169.254.169.254', 'link-local'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.0.0.8', 'reserved'],
    ['192.0.2.10', 'documentation'],
    ['192.168.1.1', 'private'],
    ['198.18.0.1', 'benchmarking'],
    ['198.51.100.7', 'documentation'],
    ['203.0.113.200', 'documentation'],
    ['224.0.0.251', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['240.0.0.1', 'reserved'],
    ['255.255.255.255', 'reserved'],
  ])('refuses IPv4 %s as %s', (address, reason) => {
    expect(classifyAddress(address)).toBe(reason);
  });

  it.each([
    '8.8.8.8',
    '1.1.1.1',
    '100.63.255.255',
    '100.128.0.0',
    '172.15.255.255',
    '172.32.0.0',
    '9.255.255.255',
  ])('accepts public IPv4 %s (range edges included)', (address) => {
    expect(classifyAddress(address)).toBeUndefined();
  });

  it.each([
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:a00:1', 'private'],
    ['[::ffff:127.0.0.1]', 'loopback'],
    ['::ffff:169.254.169.254', 'link-local'],
    ['64:ff9b::10.0.0.1', 'private'],
    ['64:ff9b::a9fe:a9fe', 'link-local'],
    ['64:ff9b:1::1', 'reserved'],
    ['2002:a00:1::1', 'private'],
    ['2002:7f00:1::', 'loopback'],
    ['fc00::1', 'private'],
    ['fd12:3456:789a::1', 'private'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['febf::1', 'link-local'],
    ['fec0::1', 'private'],
    ['ff02::1', 'multicast'],
    ['::10.0.0.1', 'reserved'],
    ['100::1', 'reserved'],
    ['2001:db8::1', 'documentation'],
    ['2001::1', 'reserved'],
    ['3fff::1', 'documentation'],
  ])('refuses IPv6 %s as %s', (address, reason) => {
    expect(classifyAddress(address)).toBe(reason);
  });

  it.each([
    '2606:4700:4700::1111',
    '2a00:1450:4001:80b::200e',
    '::ffff:8.8.8.8',
    '64:ff9b::808:808',
    '2002:808:808::1',
  ])('accepts public IPv6 %s (embedded public IPv4 included)', (address) => {
    expect(classifyAddress(address)).toBeUndefined();
  });

  it('treats host names and garbage as not an IP', () => {
    expect(classifyAddress('localhost')).toBe('not-an-ip');
    expect(classifyAddress('1.2.3')).toBe('not-an-ip');
    expect(isIpLiteral('example.com')).toBe(false);
    expect(isIpLiteral('[::1]')).toBe(true);
  });

  it('expands compressed and dotted IPv6 forms to the same bytes', () => {
    expect(parseIPv6('::ffff:10.0.0.1')).toEqual(parseIPv6('0:0:0:0:0:ffff:0a00:0001'));
    expect(parseIPv6('1:2:3:4:5:6:1.2.3.4')).toEqual(parseIPv6('1:2:3:4:5:6:102:304'));
    expect(Array.from(parseIPv6('2002:a00:1::1')!.slice(0, 6))).toEqual([0x20, 0x02, 0x0a, 0x00, 0x00, 0x01]);
  });
});
