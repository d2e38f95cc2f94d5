// coturn for the TURN tests (test/turn.test.ts), relaying between loopback peers (which a
// production server refuses: --allow-loopback-peers is for the tests only). Started and stopped
// with the development target, twice:
//  - on 127.0.0.1:3478 with one long-term-credential user (user name and password);
//  - on 127.0.0.1:3480 with a shared secret (use-auth-secret), taking the time-limited credentials
//    a page's back end makes per session (docs/scaling.md, section 3).
import { launch, tcpAnswers, waitFor } from './processes.mjs';

export const TURN_PORT = 3478;
export const TURN_REST_PORT = 3480;
/** The relay ports coturn hands out: a relayed call's candidates use one of these. */
export const TURN_RELAY_PORTS = [49160, 49239];
export const TURN_USER = { username: 'fsphone', credential: 'turn-test-pass' };
export const TURN_SECRET = 'turn-test-shared-secret';
export const TURN_REALM = 'fs-video-phone.test';

/**
 * Starts coturn with the long-term user, or (`rest`) with the shared secret; resolves once it
 * accepts connections, with its process, URL and what a page needs to use it.
 */
export async function startTurn(dir, { rest = false } = {}) {
  const port = rest ? TURN_REST_PORT : TURN_PORT;
  const relays = rest ? [TURN_RELAY_PORTS[0] + 40, TURN_RELAY_PORTS[1]] : [TURN_RELAY_PORTS[0], TURN_RELAY_PORTS[0] + 39];
  const name = rest ? 'turnserver-rest' : 'turnserver';
  const process = launch('turnserver', dir, [
    '-n',
    '--listening-ip=127.0.0.1',
    '--relay-ip=127.0.0.1',
    `--listening-port=${port}`,
    `--min-port=${relays[0]}`,
    `--max-port=${relays[1]}`,
    ...(rest ? ['--use-auth-secret', `--static-auth-secret=${TURN_SECRET}`] : ['--lt-cred-mech', `--user=${TURN_USER.username}:${TURN_USER.credential}`]),
    `--realm=${TURN_REALM}`,
    '--fingerprint',
    '--no-tls',
    '--no-dtls',
    '--no-cli',
    '--no-multicast-peers',
    '--allow-loopback-peers',
    '--no-software-attribute',
    '--log-file=stdout',
    '--simple-log',
    `--pidfile=${dir}/${name}.pid`,
    `--userdb=${dir}/${name}.db`,
  ], name);
  await waitFor(() => tcpAnswers(port), `coturn on 127.0.0.1:${port}`, [process]);
  return { process, url: `turn:127.0.0.1:${port}`, ...(rest ? { secret: TURN_SECRET } : TURN_USER) };
}
