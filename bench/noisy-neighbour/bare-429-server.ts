/** A bare node:http server answering every call 429, for bench/noisy-neighbour's generator control. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const server = createServer((request, response) => {
  request.resume();
  response.writeHead(429, { 'content-type': 'application/json', 'retry-after': '1' });
  response.end('{"statusCode":429}');
});
server.listen(0, '127.0.0.1', () => {
  console.log(`READY http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
