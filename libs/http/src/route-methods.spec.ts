import { All, Controller, Delete, Get, Module, NotFoundException, Param, Patch } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createHttpApp } from './create-http-app';

@Controller('things')
class ThingsController {
  @Get(':id')
  get(@Param('id') id: string) {
    if (id === 'missing') throw new NotFoundException(`thing ${id} not found`);
    return { id };
  }

  @Patch(':id')
  update(@Param('id') id: string) {
    return { id };
  }

  @Delete(':id')
  remove() {}
}

@Controller('pass')
class PassThroughController {
  @All('*')
  pass() {
    return { passed: true };
  }
}

@Module({ controllers: [ThingsController, PassThroughController] })
class ThingsModule {}

describe('unsupported methods', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await createHttpApp(ThingsModule, { logLevel: 'error' });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });
  afterAll(() => app.close());

  it('answer 405 with the methods the path does answer in Allow', async () => {
    const response = await app.inject({ method: 'POST', url: '/things/42?x=1' });
    expect(response.statusCode).toBe(405);
    expect(response.headers.allow).toBe('DELETE, GET, HEAD, PATCH');
    expect(response.json()).toMatchObject({
      statusCode: 405,
      error: 'Method Not Allowed',
      details: { allow: ['DELETE', 'GET', 'HEAD', 'PATCH'] },
    });
  });

  it('leave unknown paths and a handler’s own 404 as 404', async () => {
    expect((await app.inject({ method: 'GET', url: '/nowhere' })).statusCode).toBe(404);
    const missing = await app.inject({ method: 'GET', url: '/things/missing' });
    expect([missing.statusCode, missing.json().message]).toEqual([404, 'thing missing not found']);
    expect((await app.inject({ method: 'GET', url: '/things/42' })).statusCode).toBe(200);
  });

  it('refuse QUERY on a route for every method (@All) with 405 before its body is asked for', async () => {
    const response = await app.inject({ method: 'QUERY' as 'GET', url: '/pass/anything' });
    expect(response.statusCode).toBe(405);
    expect(response.headers.allow).toContain('GET');
    expect((await app.inject({ method: 'GET', url: '/pass/anything' })).json()).toEqual({ passed: true });
  });
});
