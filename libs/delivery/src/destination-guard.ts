import { promises as dns, type LookupAddress, type LookupOptions } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { classifyAddress, isIpLiteral } from './address-policy';
import { normalizeHost, type DestinationPolicy } from './delivery-settings';

/** Resolves a host name to every address it has (both families). Injectable for tests. */
export type Resolver = (hostname: string) => Promise<LookupAddress[]>;

export const systemResolver: Resolver = (hostname) => dns.lookup(hostname, { all: true, verbatim: true });

/** Raised (as the connect error) when a destination is not a public address. */
export class DestinationRefusedError extends Error {
  readonly code = 'ERR_DESTINATION_REFUSED';

  constructor(message: string) {
    super(message);
    this.name = 'DestinationRefusedError';
  }
}

const MAX_URL_LENGTH = 2048;

/**
 * SSRF policy for subscriber URLs. Static checks (scheme, credentials, IP literals) run when a
 * subscription is saved and before each delivery; the address check runs again on the RESOLVED
 * addresses inside the agent's `lookup`, i.e. at connect time, so a name that resolved to a public
 * address when it was saved and to 10.0.0.1 now (DNS rebinding) is still refused.
 */
export class DestinationGuard {
  constructor(
    private readonly policy: DestinationPolicy,
    private readonly resolver: Resolver = systemResolver,
  ) {}

  isAllowlisted(hostname: string): boolean {
    return this.policy.allowedHosts.has(normalizeHost(hostname));
  }

  /** Problems with a URL that need no DNS: scheme, credentials, a literal address's range. */
  urlProblems(raw: string): string[] {
    if (raw.length > MAX_URL_LENGTH) return [`url must be at most ${MAX_URL_LENGTH} characters`];
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return ['url must be an absolute URL'];
    }
    const problems: string[] = [];
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && this.policy.allowHttp)) {
      problems.push(this.policy.allowHttp ? 'url must be http(s)' : 'url must use https');
    }
    // Credentials in a URL would travel in logs and to every redirect target; secrets belong in the signature.
    if (url.username !== '' || url.password !== '') problems.push('url must not contain credentials');
    if (url.hash !== '') problems.push('url must not contain a fragment');
    const host = normalizeHost(url.hostname);
    if (isIpLiteral(host) && !this.isAllowlisted(host)) {
      const reason = classifyAddress(host);
      if (reason) problems.push(`url points at a ${reason} address (${host}), which is not allowed`);
    }
    return problems;
  }

  /**
   * What the API checks on create and update: the static problems, then where the name resolves
   * now (bounded; a name that does not resolve yet is accepted — the connect-time check decides).
   */
  async validate(raw: string, timeoutMs = 2_000): Promise<string[]> {
    const problems = this.urlProblems(raw);
    if (problems.length > 0) return problems;
    const host = normalizeHost(new URL(raw).hostname);
    if (isIpLiteral(host) || this.isAllowlisted(host)) return [];
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<undefined>(
      (resolve) => (timer = setTimeout(() => resolve(undefined), timeoutMs)),
    );
    try {
      const addresses = await Promise.race([this.resolver(host).catch(() => undefined), timeout]);
      const refused = addresses && this.refusal(host, addresses);
      return refused ? [refused] : [];
    } finally {
      clearTimeout(timer);
    }
  }

  /** A refusal message when any address is not public (one bad answer is enough to refuse the host). */
  private refusal(host: string, addresses: readonly LookupAddress[]): string | undefined {
    if (addresses.length === 0) return `${host} resolves to no address`;
    for (const { address } of addresses) {
      const reason = classifyAddress(address);
      if (reason) return `destination refused: ${host} resolves to a ${reason} address (${address})`;
    }
    return undefined;
  }

  /** The `lookup` option for http.Agent / https.Agent (net.connect calls it for every new socket). */
  readonly lookup: LookupFunction = (hostname, options, callback) => {
    this.resolveChecked(hostname, options).then(
      (addresses) => {
        if (options.all) callback(null, addresses);
        else callback(null, addresses[0].address, addresses[0].family);
      },
      (error: NodeJS.ErrnoException) => callback(error, ''),
    );
  };

  private async resolveChecked(hostname: string, options: LookupOptions): Promise<LookupAddress[]> {
    const host = normalizeHost(hostname);
    let addresses = await this.resolver(host);
    const family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : options.family;
    if (family === 4 || family === 6) addresses = addresses.filter((a) => a.family === family);
    if (!this.isAllowlisted(host)) {
      const refused = this.refusal(host, addresses);
      if (refused) throw new DestinationRefusedError(refused);
    }
    if (addresses.length === 0) {
      throw Object.assign(new Error(`${host} has no address of family ${family}`), { code: 'ENOTFOUND' });
    }
    return addresses;
  }

  /** Before connecting: static problems (an IP literal never goes through `lookup`). */
  assertDeliverable(raw: string): URL {
    const problems = this.urlProblems(raw);
    if (problems.length > 0) throw new DestinationRefusedError(`destination refused: ${problems.join('; ')}`);
    return new URL(raw);
  }
}
