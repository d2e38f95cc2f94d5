// coturn for the TURN tests (test/turn.test.ts): TURN over UDP and TCP on 127.0.0.1:3478 with one
// long-term-credential user, relaying between loopback peers (which a production server refuses:
// --allow-loopback-peers is for this test only). Started and stopped with the development target.
import { launch, tcpAnswers, waitFor } from './processes.mjs';

export const TURN_PORT = 3478;
/** The relay ports coturn hands out: a relayed call's candidates use one of these. */
export const TURN_RELAY_PORTS = [49160, 49200];
export const TURN_USER = { username: 'fsphone', credential: 'turn-test-pass' };
export const TURN_REALM = 'fs-video-phone.test';

/** Starts coturn; resolves with its process once it accepts connections. */
export async function startTurn(dir) {
  const process = launch('turnserver', dir, [
    '-n',
    '--listening-ip=127.0.0.1',
    '--relay-ip=127.0.0.1',
    `--listening-port=${TURN_PORT}`,
    `--min-port=${TURN_RELAY_PORTS[0]}`,
    `--max-port=${TURN_RELAY_PORTS[1]}`,
    '--lt-cred-mech',
    `--user=${TURN_USER.username}:${TURN_USER.credential}`,
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
    `--pidfile=${dir}/turnserver.pid`,
    `--userdb=${dir}/turndb`,
  ]);
  await waitFor(() => tcpAnswers(TURN_PORT), `coturn on 127.0.0.1:${TURN_PORT}`, [process]);
  return { process, url: `turn:127.0.0.1:${TURN_PORT}`, ...TURN_USER };
}
