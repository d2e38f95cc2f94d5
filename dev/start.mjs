// `npm start`: the development SIP server (ws://127.0.0.1:5066, and :5067 as a second address to
// try failover with) and a static server for the demo (http://127.0.0.1:8000/demo/, with a token
// endpoint for short-lived credentials at /credentials), both on loopback only. Ctrl+C stops both.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSipServer } from './sip-server.mjs';
import { credentialsHandler } from './credentials.mjs';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const HOST = '127.0.0.1';
const HTTP_PORT = Number(process.env.FS_HTTP_PORT || 8000);
const SIP_PORT = Number(process.env.FS_SIP_PORT || 5066);
const verbose = process.argv.includes('--verbose');
const SERVED = ['demo', 'dist'];
const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/**
 * Serves the given top-level folders of the repository (default: the demo and the build), and at
 * /credentials, with `credentials`, a token endpoint (dev/credentials.mjs).
 */
export function startStaticServer({ host = HOST, port = HTTP_PORT, served = SERVED, credentials = null } = {}) {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (path === '/credentials' && credentials) return credentials(req, res);
    if (path === '/') {
      res.writeHead(302, { Location: '/demo/' }).end();
      return;
    }
    const file = normalize(join(root, path.endsWith('/') ? `${path}index.html` : path));
    const top = file.slice(root.length + 1).split(sep)[0];
    if (!file.startsWith(root + sep) || !served.includes(top)) {
      res.writeHead(404).end('Not found');
      return;
    }
    try {
      if (!(await stat(file)).isFile()) throw new Error('not a file');
      const body = await readFile(file);
      res.writeHead(200, { 'Content-Type': types[extname(file)] || 'application/octet-stream', 'Cache-Control': 'no-store' });
      res.end(body);
    } catch {
      res.writeHead(404).end('Not found');
    }
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => ok(server));
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const sip = await startSipServer({ port: SIP_PORT, edges: [SIP_PORT + 1], log: verbose ? l => console.log(l) : undefined });
  // 1000's voicemail box has two new messages, so the demo shows the light.
  sip.voicemail('1000', 2, 1);
  // The demo's back end for short-lived credentials: every visitor is 1005, for two minutes at a time.
  const http = await startStaticServer({ credentials: credentialsHandler({ userOf: () => '1005', ttl: 120 }) });
  console.log(`Development SIP server (users 1000-1019, password 1234): ${sip.url} (also on port ${SIP_PORT + 1})`);
  console.log(`Demo: open http://${HOST}:${HTTP_PORT}/demo/ in a browser. Ctrl+C stops both servers.`);
  const stop = async () => {
    http.close();
    await sip.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
