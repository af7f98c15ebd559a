// Small servers on 127.0.0.1 for the network edges of `verify`: a recording HTTP server with a
// handler of the test's choosing, a server that accepts connections and never answers, and a
// port nobody listens on. Each is closed by the test (`stop()`), never left to the process.
import { createServer as createHttp } from 'node:http';
import { createServer as createTcp } from 'node:net';
import { freePort } from './registry.mjs';

/**
 * A plain-HTTP server that records every request ({ method, url, headers }) and answers with
 * `handler(req, res, self)`. Resolves to { port, origin, requests, stop() }.
 */
export async function startRecorder(handler) {
  const requests = [];
  const self = { requests };
  const server = createHttp((req, res) => {
    requests.push({ method: req.method, url: req.url, headers: { ...req.headers } });
    req.resume();
    req.on('end', () => handler(req, res, self));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  self.port = server.address().port;
  self.origin = `http://127.0.0.1:${self.port}`;
  self.stop = () =>
    new Promise((resolve) => {
      server.close(resolve);
      server.closeAllConnections();
    });
  return self;
}

/**
 * A TCP server that accepts every connection and never sends a byte (nor closes it): a TLS
 * handshake or an HTTP request to it waits forever. Resolves to { port, connections, stop() }.
 */
export async function startSilentServer() {
  const sockets = new Set();
  const self = { connections: 0 };
  const server = createTcp((s) => {
    self.connections++;
    sockets.add(s);
    s.on('error', () => {});
    s.on('close', () => sockets.delete(s));
    s.resume();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  self.port = server.address().port;
  self.stop = () =>
    new Promise((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(resolve);
    });
  return self;
}

/** A port on 127.0.0.1 that was just bound and closed: a connection to it is refused. */
export const closedPort = freePort;
