import { readFileSync } from 'node:fs';
import { assertCpusUsable, parseCpuList } from './lane-scheduling';

describe('parseCpuList', () => {
  it.each(['0', '1-3', '0,2-3', '12'])('takes %s as it is', (text) => {
    expect(parseCpuList(text)).toBe(text);
  });

  it.each([
    ['', /is not a CPU list/],
    ['a', /is not a CPU list/],
    ['1,', /is not a CPU list/],
    ['-1', /is not a CPU list/],
    ['1 - 2', /is not a CPU list/],
    ['3-1', /the range 3-1 ends before it starts/],
  ])('refuses "%s"', (text, message) => {
    expect(() => parseCpuList(text)).toThrow(message);
  });
});

describe('assertCpusUsable', () => {
  // The CPUs this process may run on, as the kernel lists them.
  const allowed = /Cpus_allowed_list:\s*(\S+)/.exec(readFileSync('/proc/self/status', 'utf8'))![1];

  it('accepts the CPUs this machine lets a process use', () => {
    expect(() => assertCpusUsable(allowed, 'test')).not.toThrow();
  });

  it('says so when taskset is not installed', () => {
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      expect(() => assertCpusUsable('0', 'lane "x"')).toThrow(
        /lane "x": pinning to CPUs 0 needs taskset \(util-linux\)/,
      );
    } finally {
      process.env.PATH = path;
    }
  });

  it('names the owner and the CPUs when they are not there', () => {
    expect(() => assertCpusUsable('1000', 'lane "x"')).toThrow(/lane "x": CPUs 1000 cannot be used here/);
  });
});
