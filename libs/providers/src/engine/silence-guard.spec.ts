import { PassThrough, Writable, pipeline } from 'node:stream';
import { SilenceGuard } from './silence-guard';

const silence = () => new Error('silent');

describe('SilenceGuard', () => {
  it('ends a body whose provider stops sending while the reader waits', async () => {
    const source = new PassThrough();
    const guard = new SilenceGuard(50, silence);
    source.pipe(guard);
    source.write(Buffer.from('first'));
    const chunks: Buffer[] = [];
    const failure = new Promise<Error>((resolve) => guard.on('error', resolve));
    guard.on('data', (chunk: Buffer) => chunks.push(chunk));
    expect((await failure).message).toBe('silent');
    expect(Buffer.concat(chunks).toString()).toBe('first');
  });

  it('does not count a slow reader against the provider (backpressure stops the clock)', async () => {
    const source = new PassThrough();
    const guard = new SilenceGuard(50, silence);
    let received = 0;
    // A reader that takes 80 ms per chunk (longer than the limit): the body takes far longer than the silence limit in all.
    const slow = new Writable({
      highWaterMark: 1,
      write(chunk: Buffer, _encoding, done) {
        received += chunk.length;
        setTimeout(done, 80);
      },
    });
    const finished = new Promise<Error | null | undefined>((resolve) =>
      pipeline(source, guard, slow, resolve),
    );
    for (let i = 0; i < 4; i++) source.write(Buffer.alloc(32 * 1024));
    source.end();
    expect(await finished).toBeUndefined();
    expect(received).toBe(4 * 32 * 1024);
  });
});
