import { expect } from '@open-wc/testing';
import type { FsVideoPhone } from '../src/index.js';
import { inbound, loadFrame, sleep, waitFor } from './helpers.js';

const CANARY_PASSWORD = 'canary-Qz7xW2kP'; // account 1099 on the development server only

interface EmbedWindow extends Window {
  __captured: string[];
  __violations: string[];
}

// The built script in a page of its own, under a strict Content-Security-Policy (no inline
// script or style, no eval) and under Trusted Types: a whole session must work, and the
// password must appear in nothing the session logs, dispatches or leaves in the DOM.
for (const policy of ['csp', 'trusted-types']) {
  describe(`a page under ${policy === 'csp' ? "CSP without 'unsafe-inline' or 'unsafe-eval'" : 'Trusted Types'}`, function () {
    this.timeout(40000);
    let frame: HTMLIFrameElement;

    before(async () => {
      frame = await loadFrame(new URL(`./fixtures/embed.html?policy=${policy}`, import.meta.url));
    });
    after(() => {
      frame.contentWindow?.localStorage.removeItem('debug');
      frame.remove();
    });

    it('completes a call with chat and DTMF, and never shows the password', async () => {
      const win = frame.contentWindow as EmbedWindow;
      const doc = frame.contentDocument!;
      const a = doc.getElementById('a') as FsVideoPhone;
      const b = doc.getElementById('b') as FsVideoPhone;
      // The policy is really in force in this page.
      if (policy === 'csp') expect(() => (win as unknown as { eval(code: string): unknown }).eval('1')).to.throw(/unsafe-eval|Content Security Policy|blocked by CSP/);
      else expect(() => (doc.createElement('div').innerHTML = '<b>x</b>')).to.throw(/TrustedHTML|Sink type mismatch/);
      await sleep(50);
      win.__violations.length = 0; // that probe's own report
      await waitFor(() => a.registrationState === 'registered' && b.registrationState === 'registered', 'both register');
      await a.call('1018');
      await waitFor(() => a.callState === 'connected' && b.callState === 'connected', 'connected');
      await waitFor(async () => (await inbound(b.peerConnection!, 'video')).framesDecoded > 0, 'video decodes at the callee');
      await waitFor(async () => (await inbound(a.peerConnection!, 'video')).framesDecoded > 0, 'video decodes at the caller');
      expect(await a.sendMessage('hello under a strict policy')).to.equal(true);
      a.dtmfMode = 'info';
      await sleep(100);
      a.sendDtmf('7');
      await sleep(500);
      a.hangup();
      await waitFor(() => a.callState === 'idle' && b.callState === 'idle', 'both idle', 8000);

      expect(win.__violations, 'policy violations').to.deep.equal([]);
      const logged = win.__captured.join('\n');
      expect(win.__captured.length, 'JsSIP debug output was captured').to.be.greaterThan(50);
      expect(logged).to.contain('fs-call-connected').and.contain('hello under a strict policy');
      expect(logged).not.to.contain(CANARY_PASSWORD);
      const dom = doc.documentElement.outerHTML + a.shadowRoot!.innerHTML + b.shadowRoot!.innerHTML;
      expect(dom).not.to.contain(CANARY_PASSWORD);
    });
  });
}
