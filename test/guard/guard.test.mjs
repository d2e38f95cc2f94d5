// The guard in front of the accounts, for public pages (docs/public-pages.md), driven with bare
// SIP over WebSocket against the running server (FS_TARGET: dev or kamailio): guests reach the
// allow-listed number and nothing else, never register, and a flood of them from one address is
// cut off; short-lived credentials are taken while valid and refused when expired, forged or
// someone else's. Prints the counts (allowed, refused, rate-limited).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { issueCredentials } from '../../dev/credentials.mjs';
import { GUEST_BURST } from '../../dev/sip-server.mjs';
import { sipClient } from './sip-client.mjs';

const TARGET = process.env.FS_TARGET || 'dev';
const GUEST = 'sip:guest@anonymous.invalid';
const at = user => `sip:${user}@127.0.0.1`;
const guestInvite = (to = '1000') => ({ method: 'INVITE', ruri: at(to), from: GUEST });
// Let through: past the guard to the number's location (480 while it is not registered, which is
// how it is when this runs); refused is 403, rate-limited 503, no answer 0.
const passed = status => ![0, 403, 503].includes(status);

describe(`the guard for public pages on ${TARGET}`, { timeout: 60000 }, () => {
  let sip;
  before(async () => {
    sip = await sipClient('ws://127.0.0.1:5066');
  });
  after(() => sip?.close());

  it('a guest reaches the allow-listed number only, sends no message and never registers', async () => {
    const toAllowed = (await sip.request(guestInvite('1000'))).status;
    assert.ok(passed(toAllowed), `guest INVITE to 1000 let through (${toAllowed})`);
    assert.equal((await sip.request(guestInvite('1001'))).status, 403, 'guest INVITE to 1001 refused');
    assert.equal((await sip.request(guestInvite('9999'))).status, 403, 'guest INVITE to an unknown number refused');
    assert.equal((await sip.request({ method: 'MESSAGE', ruri: at('1000'), from: GUEST })).status, 403, 'guest MESSAGE refused');
    assert.equal((await sip.request({ method: 'REGISTER', ruri: 'sip:127.0.0.1', from: GUEST, to: GUEST })).status, 403, 'guest REGISTER refused');
    assert.equal((await sip.request({ method: 'REGISTER', ruri: 'sip:127.0.0.1', from: at('1000'), to: at('1000') }, { username: '1000', password: 'guess' })).status, 403, 'a guessed password refused');
  });

  it('short-lived credentials: valid ones register and call; expired, forged and borrowed ones are refused', async () => {
    const register = (user, credentials) => sip.request({ method: 'REGISTER', ruri: 'sip:127.0.0.1', from: at(user), to: at(user) }, credentials);
    const valid = issueCredentials('1005', { ttl: 60 });
    assert.equal((await register('1005', valid)).status, 200, 'valid credentials register');
    const call = (await sip.request({ method: 'INVITE', ruri: at('1001'), from: at('1005') }, valid)).status;
    assert.ok(passed(call) && call !== 407, `and may call (${call})`);
    assert.equal((await register('1005', issueCredentials('1005', { ttl: -30 }))).status, 403, 'expired credentials refused');
    assert.equal((await register('1005', { ...valid, password: issueCredentials('1005', { ttl: 60, secret: 'not-the-secret' }).password })).status, 403, 'a password made with another secret refused');
    assert.equal((await register('1005', { username: `${Math.floor(Date.now() / 1000) + 9999}:1005`, password: valid.password })).status, 403, 'a later expiry with the old password refused');
    assert.equal((await register('1006', valid)).status, 403, "1005's credentials do not register 1006");
  });

  it(`a flood of guest INVITEs from one address is cut off (more than ${GUEST_BURST} in 2 s), and let through again once it calms down`, async () => {
    await sleep(4500); // the earlier guest requests out of the window
    const answers = await Promise.all(Array.from({ length: 3 * GUEST_BURST }, () => sip.request(guestInvite('1000'))));
    const count = status => answers.filter(a => a.status === status).length;
    const through = answers.filter(a => passed(a.status)).length;
    console.log(`[${TARGET}] ${answers.length} guest INVITEs at once: ${through} let through, ${count(503)} rate-limited (503), ${answers.length - through - count(503)} other`);
    // pike samples the rate in slots, so a little more than the burst may pass before it cuts off.
    assert.ok(count(503) >= GUEST_BURST, 'most of the flood rate-limited');
    assert.ok(through >= 1 && through < 2 * GUEST_BURST, `about the burst let through (${through})`);
    assert.equal((await sip.request(guestInvite('1001'))).status, 503, 'still cut off right after');
    let again = 0;
    for (let i = 0; i < 20 && !passed(again); i++) {
      await sleep(1000);
      again = (await sip.request(guestInvite('1000'))).status;
    }
    assert.ok(passed(again), `let through again after the flood (${again})`);
  });
});
