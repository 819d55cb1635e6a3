import { Transform, type TransformCallback } from 'node:stream';

/**
 * Passes a provider's body through and ends it with `onSilence`'s error when the provider sends nothing
 * for `timeoutMs` while the reader is asking for more. A reader that is behind (its buffer full: a slow
 * client, backpressure) stops the clock, so a slow download is never mistaken for a stalled provider.
 */
export class SilenceGuard extends Transform {
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly timeoutMs: number,
    private readonly onSilence: () => Error,
  ) {
    super();
    this.once('close', () => this.stop());
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.stop();
    callback(null, chunk);
    if (this.readableLength < this.readableHighWaterMark) this.arm();
  }

  override _read(size: number): void {
    this.arm();
    super._read(size);
  }

  override _flush(callback: TransformCallback): void {
    this.stop();
    callback();
  }

  private arm(): void {
    this.stop();
    this.timer = setTimeout(() => this.destroy(this.onSilence()), this.timeoutMs);
    this.timer.unref();
  }

  private stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
