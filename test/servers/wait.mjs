// Waiting in the Node-side tests (test/cross-browser, test/autoplay), which poll the pages.
export const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

/** Resolves with the first truthy value of `check()`, polled every 100 ms; fails after `timeout`. */
export async function until(check, what, timeout = 15000) {
  const end = Date.now() + timeout;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await sleep(100);
  }
}
