// Launches the browsers the tests and the bench drive directly (outside the test runner):
// Debian's Chromium, and Firefox ESR over WebDriver BiDi, both through puppeteer-core, with the
// same flags and preferences as the test runner's launchers (web-test-runner.config.mjs).
import puppeteer from 'puppeteer-core';
import { CHROMIUM_FLAGS, FIREFOX_PREFS } from '../../web-test-runner.config.mjs';

export const BROWSER_PATHS = {
  chromium: process.env.CHROME_PATH || '/usr/bin/chromium',
  firefox: process.env.FIREFOX_PATH || '/usr/bin/firefox-esr',
};

/**
 * A headless `chromium` or `firefox` with fake camera and microphone, loopback ICE allowed.
 * `autoplayBlocked`: sound waits for a click or key press on the page, as in a browser's defaults.
 * `acceptInsecureCerts`: trusts any certificate (a test's throwaway one), for https and wss.
 */
export function launchBrowser(kind, { autoplayBlocked = false, acceptInsecureCerts = false } = {}) {
  if (kind === 'firefox') {
    const blocked = autoplayBlocked ? { 'media.autoplay.default': 1, 'media.autoplay.block-webaudio': true } : {};
    return puppeteer.launch({ browser: 'firefox', executablePath: BROWSER_PATHS.firefox, headless: true, acceptInsecureCerts, extraPrefsFirefox: { ...FIREFOX_PREFS, ...blocked } });
  }
  const args = CHROMIUM_FLAGS.filter(f => !f.startsWith('--headless')).map(f =>
    autoplayBlocked && f.startsWith('--autoplay-policy=') ? '--autoplay-policy=document-user-activation-required' : f,
  );
  return puppeteer.launch({ executablePath: BROWSER_PATHS.chromium, headless: true, acceptInsecureCerts, args });
}
