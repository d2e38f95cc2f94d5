// Page side of test/autoplay/autoplay.test.mjs: two registered phones that call each other, and
// what the test reads back (what rings, the AudioContext it rings through, the "enable sound" control).
(() => {
  const phones = {};
  // Every oscillator the page makes, with its audio context: the ringtone is 440 + 480 Hz, the
  // ringback 425 Hz, so the context a phone rings through is found by its tone.
  const oscillators = [];
  const createOscillator = AudioContext.prototype.createOscillator;
  AudioContext.prototype.createOscillator = function () {
    const o = createOscillator.call(this);
    oscillators.push({ o, context: this });
    return o;
  };
  const TONE = { ringtone: 440, ringback: 425 };

  window.autoplay = {
    /** Mounts a phone for `user` and resolves once it is registered. */
    mount(user) {
      const phone = document.createElement('fs-video-phone');
      phone.setAttribute('sip-uri', `sip:${user}@127.0.0.1`);
      phone.setAttribute('ws-url', 'ws://127.0.0.1:5066');
      phone.setAttribute('password', '1234');
      phone.setAttribute('no-preview', '');
      phone.setAttribute('no-persist', '');
      phones[user] = phone;
      document.body.append(phone);
      return new Promise((resolve, reject) => {
        phone.addEventListener('fs-registered', () => resolve(true), { once: true });
        phone.addEventListener('fs-registration-failed', e => reject(new Error(`registration failed: ${e.detail.code}`)), { once: true });
      });
    },
    call(from, to) {
      return phones[from].call(to).then(() => true);
    },
    hangup(user) {
      phones[user].hangup();
    },
    /** Where to click: the middle of `user`'s "enable sound" control, or of the page's paragraph. */
    spot(user) {
      const el = user ? phones[user].shadowRoot.querySelector('[part~="sound-button"]') : document.getElementById('elsewhere');
      const r = el.getBoundingClientRect();
      return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
    },
    /** What `user` rings with, its audio state, and whether the unlock control shows. */
    state(user) {
      const phone = phones[user];
      const context = oscillators.filter(({ o }) => o.frequency.value === TONE[phone.ringing]).at(-1)?.context;
      return {
        ringing: phone.ringing,
        audio: context ? context.state : null,
        button: !!phone.shadowRoot.querySelector('[part~="sound-button"]'),
        call: phone.callState,
      };
    },
  };
})();
