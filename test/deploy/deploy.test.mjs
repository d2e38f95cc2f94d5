// The nginx configuration printed in docs/deploy.md, run for real: Debian's nginx serves the page
// and the single script over https (a throwaway certificate) and proxies wss:// at /ws to the
// development SIP server, and two phones on that page call each other through it. Also checks
// what the guide promises: JavaScript's type, gzip, the caching headers, http → https.
// Run by test/run.mjs (inside its loopback-only namespace, with the SIP server on 5066).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser } from '../servers/browsers.mjs';
import { until } from '../servers/wait.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const HTTPS = 8443;
const HTTP = 8080;

/** The nginx block of docs/deploy.md, with this machine's ports, paths and certificate. */
function guideConfig(dir) {
  const guide = readFileSync(join(root, 'docs/deploy.md'), 'utf8');
  const block = /<!-- deploy-test[^\n]*\n```nginx\n([\s\S]*?)```/.exec(guide)?.[1];
  assert.ok(block, 'docs/deploy.md has the marked nginx block');
  const swaps = [
    ['listen 443 ssl;', `listen 127.0.0.1:${HTTPS} ssl;`],
    ['listen 80;', `listen 127.0.0.1:${HTTP};`],
    ['/etc/ssl/phone.example.com/fullchain.pem', join(dir, 'cert.pem')],
    ['/etc/ssl/phone.example.com/privkey.pem', join(dir, 'key.pem')],
    ['/var/www/phone', join(dir, 'site')],
  ];
  let config = block;
  for (const [from, to] of swaps) {
    assert.ok(config.includes(from), `the guide's block has ${from}`);
    config = config.replaceAll(from, to);
  }
  assert.match(config, /proxy_pass http:\/\/127\.0\.0\.1:5066;/, 'proxies to FreeSWITCH\'s ws-binding port (here: the development SIP server)');
  return config;
}

function get(url, headers = {}) {
  const request = url.startsWith('https:') ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(url, { headers, rejectUnauthorized: false }, res => {
      res.resume();
      res.on('end', () => resolve(res));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('deployment behind nginx, as docs/deploy.md prints it', { timeout: 120000 }, () => {
  let dir;
  let nginx;
  let log = '';

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fs-deploy-'));
    chmodSync(dir, 0o755);
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1',
      '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
    const site = join(dir, 'site');
    mkdirSync(join(site, 'fs-video-phone/0.1.0'), { recursive: true });
    copyFileSync(join(root, 'test/deploy/page.html'), join(site, 'index.html'));
    copyFileSync(join(root, 'dist/fs-video-phone.min.js'), join(site, 'fs-video-phone.min.js'));
    copyFileSync(join(root, 'dist/fs-video-phone.min.js'), join(site, 'fs-video-phone/0.1.0/fs-video-phone.min.js'));
    execFileSync('chmod', ['-R', 'a+rX', site]);
    for (const d of ['body', 'proxy']) mkdirSync(join(dir, d));
    writeFileSync(join(dir, 'nginx.conf'), `daemon off;
worker_processes 1;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'error.log')} notice;
events {}
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log ${join(dir, 'access.log')};
    client_body_temp_path ${join(dir, 'body')};
    proxy_temp_path ${join(dir, 'proxy')};
${guideConfig(dir)}
}
`);
    nginx = spawn('nginx', ['-p', dir, '-c', join(dir, 'nginx.conf')], { stdio: ['ignore', 'pipe', 'pipe'] });
    nginx.stderr.on('data', d => (log += d));
    await until(async () => (await get(`https://127.0.0.1:${HTTPS}/`).then(r => r.statusCode, () => 0)) === 200, 'nginx serves https');
  });

  after(() => {
    nginx?.kill('SIGQUIT');
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('serves the script as JavaScript, gzipped, revalidated; a versioned copy for a year; http goes to https', async () => {
    const script = await get(`https://127.0.0.1:${HTTPS}/fs-video-phone.min.js`, { 'accept-encoding': 'gzip' });
    assert.equal(script.statusCode, 200);
    assert.match(script.headers['content-type'], /^application\/javascript/);
    assert.equal(script.headers['content-encoding'], 'gzip');
    assert.equal(script.headers['cache-control'], 'no-cache');
    assert.ok(script.headers.etag, 'an ETag to revalidate with');
    const versioned = await get(`https://127.0.0.1:${HTTPS}/fs-video-phone/0.1.0/fs-video-phone.min.js`);
    assert.equal(versioned.headers['cache-control'], 'public, max-age=31536000, immutable');
    const plain = await get(`http://127.0.0.1:${HTTP}/`);
    assert.equal(plain.statusCode, 301);
    assert.match(plain.headers.location, /^https:\/\/127\.0\.0\.1\//);
  });

  for (const kind of (process.env.FS_BROWSERS || 'chromium,firefox').split(',').map(b => b.trim())) {
    it(`${kind}: two phones on the https page register over wss through nginx and call each other, with video both ways`, async () => {
      const browser = await launchBrowser(kind, { acceptInsecureCerts: true });
      try {
        const page = await browser.newPage();
        const errors = [];
        page.on('pageerror', err => errors.push(err.message ?? String(err)));
        await page.goto(`https://127.0.0.1:${HTTPS}/`);
        await until(async () => {
          const s = await page.evaluate(() => window.deploy.state());
          return s.a[0] === 'registered' && s.b[0] === 'registered';
        }, 'both phones register through the proxy').catch(async err => {
          throw new Error(`${err.message}: ${JSON.stringify(await page.evaluate(() => window.deploy.state()))}\n${log}`);
        });
        assert.equal((await page.evaluate(() => window.deploy.state())).secure, true, 'a secure context (camera allowed)');
        assert.equal(await page.evaluate(() => window.deploy.call()), true);
        await until(async () => {
          const s = await page.evaluate(() => window.deploy.state());
          return s.a[1] === 'connected' && s.b[1] === 'connected';
        }, 'the call connects');
        const first = await page.evaluate(() => window.deploy.decoded());
        await until(async () => {
          const now = await page.evaluate(() => window.deploy.decoded());
          return now[0] > first[0] && now[1] > first[1];
        }, 'video decoded on both sides');
        const frames = await page.evaluate(() => window.deploy.decoded());
        console.log(`# ${kind}: call through nginx connected; frames decoded ${frames.join(' / ')}`);
        await page.evaluate(() => window.deploy.hangup());
        assert.deepEqual(errors, [], 'nothing thrown into the page');
      } finally {
        await browser.close();
      }
    });
  }
});
