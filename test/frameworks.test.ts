// <fs-video-phone> from the ESM build (as a bundler user gets it) inside a React 19 root and a
// Vue 3 app: properties set by the framework, an fs-* event received through its own binding.
import { expect } from '@open-wc/testing';
// @ts-expect-error React and react-dom, served as one ES module by the test server (web-test-runner.config.mjs)
import { React, createRoot } from 'react+react-dom';
// @ts-expect-error Vue's browser build, with its template compiler
import { createApp } from 'vue/dist/vue.esm-browser.prod.js';
// Nothing from src/ (helpers.ts defines the elements from the sources): the elements here are
// the ones the ESM build defines.
import { FsVideoPhone } from '../dist/fs-video-phone.esm.js';

const SIP_DOMAIN = '127.0.0.1';
const SIP_WS = 'ws://127.0.0.1:5066';
const PASSWORD = '1234';

const mount = (el: HTMLElement) => document.body.appendChild(el);
async function waitFor(ok: () => boolean, what: string): Promise<void> {
  for (const end = Date.now() + 10000; !ok(); await new Promise(r => setTimeout(r, 50))) if (Date.now() > end) throw new Error(`timed out: ${what}`);
}

/** Resolves once the server has no connection left from `user` (the unmounted phone's). */
async function closed(user: string): Promise<void> {
  const { executeServerCommand } = await import('@web/test-runner-commands');
  const open = async () => ((await executeServerCommand('fs-server', { action: 'sockets', users: [user] })) as { result: number }).result;
  for (const end = Date.now() + 10000; (await open()) > 0; await new Promise(r => setTimeout(r, 100))) {
    if (Date.now() > end) throw new Error(`timed out: ${user}'s connection closes after the framework unmounted the phone`);
  }
}

describe('in frameworks, from the ESM build', function () {
  this.timeout(20000);

  it("the element is the ESM build's (the single script's when the suites run on that)", () => {
    const single = (globalThis as { FS_BUILD?: string }).FS_BUILD === 'single';
    const defined = single ? (globalThis as unknown as { FsVideoPhone: { FsVideoPhone: unknown } }).FsVideoPhone.FsVideoPhone : FsVideoPhone;
    expect(customElements.get('fs-video-phone')).to.equal(defined);
  });

  it('React 19: properties (the password and ICE servers too) and an onfs-registered handler; unmounting closes its connection', async () => {
    const box = mount(document.createElement('div'));
    const root = createRoot(box);
    const registered: string[] = [];
    const iceServers = [{ urls: 'stun:127.0.0.1:3478' }];
    root.render(
      React.createElement('fs-video-phone', {
        id: 'react-phone',
        'sip-uri': `sip:1014@${SIP_DOMAIN}`,
        'ws-url': SIP_WS,
        password: PASSWORD,
        iceServers,
        'no-preview': true,
        'onfs-registered': (e: Event) => registered.push(e.type),
      }),
    );
    await waitFor(() => registered.length > 0, 'React hears fs-registered');
    const el = box.querySelector('fs-video-phone') as FsVideoPhone;
    expect(el.registrationState).to.equal('registered');
    expect(el.iceServers, 'an array set as a property').to.equal(iceServers);
    expect(el.hasAttribute('password'), 'the password never in the DOM').to.equal(false);
    root.unmount();
    box.remove();
    await closed('1014');
  });

  it('Vue 3: attribute and property bindings and an @fs-registered listener; unmounting closes its connection', async () => {
    const box = mount(document.createElement('div'));
    let registered = 0;
    const app = createApp({
      template: `<fs-video-phone id="vue-phone" :sip-uri="uri" ws-url="${SIP_WS}" :password.prop="password" no-preview
        :ice-servers.prop="ice" @fs-registered="onRegistered"></fs-video-phone>`,
      data: () => ({ uri: `sip:1015@${SIP_DOMAIN}`, password: PASSWORD, ice: [] }),
      methods: { onRegistered: () => registered++ },
    });
    app.config.compilerOptions.isCustomElement = (tag: string) => tag.startsWith('fs-');
    app.mount(box);
    await waitFor(() => registered > 0, 'Vue hears fs-registered');
    const el = box.querySelector('fs-video-phone') as FsVideoPhone;
    expect(el.sipUri).to.equal(`sip:1015@${SIP_DOMAIN}`);
    expect(el.hasAttribute('password')).to.equal(false);
    app.unmount();
    box.remove();
    await closed('1015');
  });
});
