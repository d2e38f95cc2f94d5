// Page side of test/webkit/webkit.test.mjs (and of its Chromium peer): a registered phone and a
// call button, and what the test reads back from them. Every method returns plain JSON.
(() => {
  let phone = null;
  let button = null;
  const errors = [];
  const messages = [];
  window.addEventListener('error', e => errors.push(`thrown: ${e.message}`));
  window.addEventListener('unhandledrejection', e => errors.push(`rejected: ${e.reason}`));
  document.addEventListener('fs-error', e => errors.push(e.detail.code));
  document.addEventListener('fs-message', e => messages.push(e.detail));

  const part = (el, name) => el.shadowRoot.querySelector(`[part~="${name}"]`);

  window.page = {
    /** A phone for `user`, and (`withButton`) a call button for 1000. */
    mount(user, withButton) {
      phone = document.createElement('fs-video-phone');
      phone.setAttribute('sip-uri', `sip:${user}@127.0.0.1`);
      phone.setAttribute('ws-url', 'ws://127.0.0.1:5066');
      phone.setAttribute('password', '1234');
      phone.setAttribute('display-name', `User ${user}`);
      phone.setAttribute('no-persist', '');
      document.querySelector('main').append(phone);
      if (withButton) {
        button = document.createElement('fs-call-button');
        button.setAttribute('target', '1000');
        button.setAttribute('ws-url', 'ws://127.0.0.1:5066');
        document.querySelector('main').append(button);
      }
      return true;
    },
    /** What shows, and what was said. */
    state() {
      return {
        webrtc: typeof RTCPeerConnection,
        registration: phone?.registrationState ?? null,
        rendered: !!part(phone, 'call-button'),
        unsupported: part(phone, 'unsupported')?.textContent ?? null,
        callDisabled: part(phone, 'call-button')?.disabled ?? null,
        button: button ? part(button, 'button')?.textContent.trim() ?? null : null,
        view: button ? (button.shadowRoot.querySelector('dialog')?.open ?? false) : null,
        viewSays: button?.shadowRoot.querySelector('fs-video-phone') ? part(button.shadowRoot.querySelector('fs-video-phone'), 'unsupported')?.textContent ?? null : null,
        errors: [...errors],
        messages: [...messages],
      };
    },
    /** axe on the page (the elements' shadow roots included): the violations' rule ids and targets. */
    async axe() {
      const result = await window.axe.run(document);
      return result.violations.map(v => `${v.id}: ${v.nodes.map(n => JSON.stringify(n.target)).join(' ')}`);
    },
    async call(user) {
      return phone.call(user);
    },
    async send(user, text) {
      return phone.sendMessage(text, user);
    },
    press() {
      part(button, 'button').click();
      return true;
    },
    close() {
      button.close();
      return true;
    },
  };
})();
