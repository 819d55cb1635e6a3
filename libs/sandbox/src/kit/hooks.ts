import type { DeliverySigner, WebhookEmitter } from './webhook-emitter';

/** A webhook registered at an emulator through the provider's API. */
export interface EmulatedHook {
  id: string;
  url: string;
  secret: string;
  events: string[];
  createdAt: string;
}

/**
 * The webhooks an emulator's API registered (GitHub repository hooks, Zendesk webhooks, GitLab project
 * hooks …): each one subscribes the emulator's emitter to its URL with its secret, and removing it (through
 * the API, or `dropAll` — what someone deleting it in the provider's UI does) stops the deliveries.
 */
export class EmulatedHooks {
  readonly hooks = new Map<string, EmulatedHook>();
  private next: number;

  constructor(
    private readonly emitter: WebhookEmitter,
    firstId: number,
    private readonly idOf: (n: number) => string = String,
  ) {
    this.next = firstId;
  }

  /** `sign` where this hook's deliveries are signed otherwise than the emulator's others. */
  create(url: string, secret: string, events: string[], sign?: DeliverySigner): EmulatedHook {
    const hook = { id: this.idOf(this.next++), url, secret, events, createdAt: new Date().toISOString() };
    this.hooks.set(hook.id, hook);
    this.emitter.subscribe({ url, secret, sign });
    return hook;
  }

  get(id: string): EmulatedHook | undefined {
    return this.hooks.get(id);
  }

  remove(id: string): boolean {
    const hook = this.hooks.get(id);
    if (!hook) return false;
    this.hooks.delete(id);
    this.emitter.unsubscribe(hook.url);
    return true;
  }

  /** Someone deleted every hook at the provider (the platform must notice and register again). */
  dropAll(): void {
    for (const id of [...this.hooks.keys()]) this.remove(id);
  }
}
