import { Controller, Get, Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createHttpApp } from './create-http-app';

const text = 'Überprüfung 🚀 '.repeat(8_000);

@Controller()
class SampleController {
  @Get('large')
  large() {
    return { text, items: Array.from({ length: 10 }, (_, i) => ({ i, title: `ticket ${i} ✓` })) };
  }

  @Get('small')
  small() {
    return { text: 'ok ✓' };
  }
}

@Module({ controllers: [SampleController] })
class SampleModule {}

describe('createHttpApp', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await createHttpApp(SampleModule, { logLevel: 'error' });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });

  afterAll(() => app.close());

  it('sends a large JSON answer with characters beyond Latin-1 intact, with its UTF-8 byte length', async () => {
    const response = await app.inject({ method: 'GET', url: '/large' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(Number(response.headers['content-length'])).toBe(response.rawPayload.length);
    expect(response.rawPayload.length).toBeGreaterThan(64 * 1024);
    const body = response.json<{ text: string; items: { title: string }[] }>();
    expect(body.text).toBe(text);
    expect(body.items[9].title).toBe('ticket 9 ✓');
  });

  it('sends a small JSON answer unchanged', async () => {
    const response = await app.inject({ method: 'GET', url: '/small' });
    expect(response.json()).toEqual({ text: 'ok ✓' });
    expect(Number(response.headers['content-length'])).toBe(Buffer.byteLength('{"text":"ok ✓"}'));
  });
});
