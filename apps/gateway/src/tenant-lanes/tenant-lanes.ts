import { ValidateBy, type ValidationOptions } from 'class-validator';
import { parseCpuList } from './lane-scheduling';

/**
 * A lane: gateway worker processes that serve only the connections of the tenants named for it, so
 * what other tenants do (floods, heavy pages, a blocked event loop) never runs on those processes.
 * Every tenant not named in a lane is served by the default lane (GATEWAY_WORKERS processes).
 */
export interface TenantLane {
  name: string;
  workers: number;
  tenants: ReadonlySet<string>;
  /** The CPUs its workers are pinned to (a Linux CPU list), when it has cores of its own. */
  cpus?: string;
}

/** The default lane's name, also what a worker of no named lane reports. */
export const DEFAULT_LANE = 'default';

const LANE = /^([a-z0-9][a-z0-9_-]{0,31}):(\d{1,2})(?:@([^=]*))?=(.+)$/;
const TENANT_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Parses `GATEWAY_TENANT_LANES`: `<lane>:<workers>[@<cpus>]=<tenant id>,<tenant id>[;<lane>:…]`, e.g.
 * `enterprise:2@2-3=ten_a,ten_b;acme:1=ten_c` (cpus: the CPUs that lane's workers are pinned to).
 * Throws a message naming what is wrong.
 */
export function parseTenantLanes(text: string | undefined): TenantLane[] {
  if (text === undefined || text.trim() === '') return [];
  const lanes: TenantLane[] = [];
  const laneOfTenant = new Map<string, string>();
  for (const part of text.split(';').map((p) => p.trim())) {
    if (part === '') continue;
    const match = LANE.exec(part);
    if (!match) {
      throw new Error(
        `"${part}" is not <lane>:<workers>[@<cpus>]=<tenant id>[,<tenant id>…] (lane: lower-case letters, digits, _ or -)`,
      );
    }
    const [, name, count, cpuList, list] = match;
    const workers = Number(count);
    if (name === DEFAULT_LANE) throw new Error(`"${DEFAULT_LANE}" is the lane of every other tenant`);
    if (lanes.some((l) => l.name === name)) throw new Error(`lane "${name}" is named twice`);
    if (workers < 1 || workers > 16) throw new Error(`lane "${name}": workers must be 1 to 16`);
    let cpus: string | undefined;
    try {
      cpus = cpuList === undefined ? undefined : parseCpuList(cpuList);
    } catch (error) {
      throw new Error(`lane "${name}": ${(error as Error).message}`);
    }
    const tenants = list.split(',').map((t) => t.trim());
    for (const tenant of tenants) {
      if (!TENANT_ID.test(tenant)) throw new Error(`lane "${name}": "${tenant}" is not a tenant id`);
      const other = laneOfTenant.get(tenant);
      if (other) throw new Error(`tenant ${tenant} is in lanes "${other}" and "${name}"`);
      laneOfTenant.set(tenant, name);
    }
    lanes.push({ name, workers, tenants: new Set(tenants), ...(cpus ? { cpus } : {}) });
  }
  return lanes;
}

/** The lane serving a tenant's connections: its named lane, else undefined (the default lane). */
export function laneOfTenant(lanes: readonly TenantLane[], tenantId: string): TenantLane | undefined {
  return lanes.find((lane) => lane.tenants.has(tenantId));
}

/** How many processes share a lane's fair-use limits (each enforces its share of them). */
export function workersOfLane(lanes: readonly TenantLane[], lane: string, defaultWorkers: number): number {
  return lanes.find((l) => l.name === lane)?.workers ?? defaultWorkers;
}

/** What a parser finds wrong with a config value, or undefined when it parses. */
function problemOf(parse: (text: string) => unknown, value: unknown): string | undefined {
  if (typeof value !== 'string') return 'must be a string';
  try {
    parse(value);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/** Config validation that fails start-up with the parser's own message. */
function validatedBy(name: string, parse: (text: string) => unknown, options?: ValidationOptions) {
  return ValidateBy(
    {
      name,
      validator: {
        validate: (value: unknown) => problemOf(parse, value) === undefined,
        defaultMessage: (args) => problemOf(parse, args?.value) ?? 'is invalid',
      },
    },
    options,
  );
}

/** GATEWAY_TENANT_LANES's validation. */
export const IsTenantLanes = (options?: ValidationOptions): PropertyDecorator =>
  validatedBy('isTenantLanes', parseTenantLanes, options);

/** A CPU list's validation (GATEWAY_DEFAULT_LANE_CPUS). */
export const IsCpuList = (options?: ValidationOptions): PropertyDecorator =>
  validatedBy('isCpuList', parseCpuList, options);
