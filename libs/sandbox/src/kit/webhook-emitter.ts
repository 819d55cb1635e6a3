export interface WebhookSubscription {
  url: string;
  secret: string;
  /** Signs this subscription's deliveries instead of the emitter's signer (Jira's dynamic webhooks: a JWT). */
  sign?: DeliverySigner;
}

export interface EmittedDelivery {
  url: string;
  headers: Record<string, string>;
  body: string;
  status?: number;
  error?: string;
}

/**
 * Produces the provider's headers (signature, event name, delivery id) for one delivery; `url` is the
 * subscription's, for providers that sign the URL they call.
 */
export type DeliverySigner = (body: Buffer, secret: string, url: string) => Record<string, string>;

/**
 * Sends the emulator's webhooks the way its provider does: to every subscribed URL, signed with that
 * subscription's secret. Deliveries are recorded; `flush()` waits for the ones in flight.
 */
export class WebhookEmitter {
  readonly deliveries: EmittedDelivery[] = [];
  private readonly subscriptions: WebhookSubscription[] = [];
  private inFlight = new Set<Promise<void>>();
  private muted = 0;

  subscribe(subscription: WebhookSubscription): void {
    this.subscriptions.push(subscription);
  }

  /** Stops sending to a URL (its hook was deleted at the provider). */
  unsubscribe(url: string): void {
    const at = this.subscriptions.findIndex((s) => s.url === url);
    if (at >= 0) this.subscriptions.splice(at, 1);
  }

  /**
   * Runs a change the way a provider sometimes makes one without telling anybody (a bulk import, an
   * automation, a webhook it dropped): the emulator's state changes as usual, but no webhook is sent or
   * recorded while `change` runs — what polling exists to find. Any write through the emulator's API or
   * its helpers can run inside; other writes that happen meanwhile are silent too.
   */
  async silently<T>(change: () => T | Promise<T>): Promise<T> {
    this.muted++;
    try {
      return await change();
    } finally {
      this.muted--;
    }
  }

  emit(payload: unknown, sign: DeliverySigner): void {
    if (this.muted > 0) return;
    const body = Buffer.from(JSON.stringify(payload));
    for (const subscription of this.subscriptions) {
      const headers = {
        'content-type': 'application/json',
        ...(subscription.sign ?? sign)(body, subscription.secret, subscription.url),
      };
      const delivery: EmittedDelivery = { url: subscription.url, headers, body: body.toString('utf8') };
      this.deliveries.push(delivery);
      const sending = fetch(subscription.url, {
        method: 'POST',
        headers,
        body,
        signal: AbortSignal.timeout(10_000),
      })
        .then((response) => void (delivery.status = response.status))
        .catch((error: unknown) => void (delivery.error = (error as Error).message))
        .finally(() => this.inFlight.delete(sending));
      this.inFlight.add(sending);
    }
  }

  async flush(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }
}
