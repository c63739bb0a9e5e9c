import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback HTTP proxy that records every request the browser tries to send and answers none of
 * them. Chromium runs sandboxed iframes in a process of their own, where Playwright's request
 * events see nothing, so "no request observed" there proves nothing; every request that would
 * leave the machine does pass through the proxy, whichever process sends it.
 */
export interface RecordingProxy {
  url: string;
  requests: string[];
  clear(): void;
  close(): Promise<void>;
}

/** Chromium's own background traffic, which is not the page's doing. */
const BACKGROUND = [
  /\.googleapis\.com/,
  /\.gstatic\.com/,
  /clients\d*\.google\.com/,
  /\.gvt1\.com/,
];

export async function startRecordingProxy(): Promise<RecordingProxy> {
  const requests: string[] = [];
  const record = (target: string) => {
    if (!BACKGROUND.some((pattern) => pattern.test(target))) requests.push(target);
  };
  const server = createServer((request, response) => {
    record(request.url ?? '');
    response.writeHead(403).end();
  });
  server.on('connect', (request, socket) => {
    record(`https://${request.url ?? ''}`);
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    clear: () => void requests.splice(0),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
