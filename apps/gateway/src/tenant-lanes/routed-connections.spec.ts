import { createServer as createHttpServer, type Server } from 'node:http';
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';
import { ROUTED_CONNECTION } from './lane-router';
import { serveRoutedConnections } from './routed-connections';

/**
 * A connection accepted by a listener standing for the primary, its first bytes read there, then handed
 * to serveRoutedConnections the way a worker receives it (a 'message' event with the socket).
 */
describe('serveRoutedConnections', () => {
  let http: Server;
  let stop: () => void;
  let primary: ReturnType<typeof createServer>;
  let readFirst: string;

  beforeEach(async () => {
    http = createHttpServer(
      { headersTimeout: 300, requestTimeout: 300, connectionsCheckingInterval: 50 },
      (req, res) => {
        let body = '';
        req.on('data', (chunk: Buffer) => (body += chunk.toString()));
        req.on('end', () => res.end(`${req.method} ${req.url} ${body}`));
      },
    );
    stop = serveRoutedConnections(http);
    primary = createServer((socket: Socket) => {
      socket.once('data', (chunk: Buffer) => {
        socket.pause();
        readFirst = chunk.toString();
        process.emit('message', { type: ROUTED_CONNECTION, head: chunk.toString('base64') }, socket);
      });
    });
    await new Promise<void>((resolve) => primary.listen(0, '127.0.0.1', resolve));
  });

  afterEach(async () => {
    stop();
    http.closeAllConnections();
    await new Promise((resolve) => primary.close(resolve));
  });

  const client = async () => {
    const socket = connect((primary.address() as AddressInfo).port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    let received = '';
    socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
    return { socket, received: () => received };
  };
  const until = async (check: () => boolean) => {
    for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(check()).toBe(true);
  };

  it('serves the request whose head the primary read, then what the socket sends after', async () => {
    const c = await client();
    c.socket.write('POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 6\r\n\r\n');
    await until(() => readFirst !== undefined && readFirst.startsWith('POST /a'));
    c.socket.write('abcdef');
    await until(() => c.received().includes('POST /a abcdef'));
    c.socket.write('GET /b HTTP/1.1\r\nHost: x\r\n\r\n');
    await until(() => c.received().includes('GET /b '));
    c.socket.destroy();
  });

  it("enforces the server's headersTimeout although it never listened", async () => {
    const c = await client();
    c.socket.write('GET /a HTTP/1.1\r\nHost: x\r\n\r\n');
    await until(() => c.received().includes('GET /a'));
    let closed = false;
    c.socket.on('close', () => (closed = true));
    c.socket.write('GET /slow HTTP/1.1\r\nHost: x\r\n'); // a head that never ends
    await until(() => closed);
    expect(c.received()).toContain('408');
  });

  it('ignores other messages, and a connection message without a socket', () => {
    const emit = jest.spyOn(http, 'emit');
    process.emit(
      'message',
      { type: 'something else' },
      connect({ port: 1, host: '127.0.0.1' }).on('error', () => {}),
    );
    process.emit('message', { type: ROUTED_CONNECTION, head: '' }, undefined);
    expect(emit).not.toHaveBeenCalledWith('connection', expect.anything());
  });
});
