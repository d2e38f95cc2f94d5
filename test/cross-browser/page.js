// Page side of test/cross-browser/cross-browser.test.mjs: one registered phone, and what the
// test reads back from it (states, the first remote frame, getStats media counters).
(() => {
  let phone = null;
  let dialedAt = 0;
  let firstFrameAt = 0;

  function watchFirstFrame() {
    const video = phone.shadowRoot.querySelector('video[part~="remote-video"]');
    if (!video) return void requestAnimationFrame(watchFirstFrame);
    const seen = () => {
      if (!firstFrameAt && video.readyState >= 2 && video.videoWidth > 0) firstFrameAt = performance.now();
      else if (!firstFrameAt) requestAnimationFrame(seen);
    };
    seen();
  }

  window.cross = {
    /** Mounts a phone for `user` and resolves once it is registered. */
    mount(user) {
      phone = document.createElement('fs-video-phone');
      phone.setAttribute('sip-uri', `sip:${user}@127.0.0.1`);
      phone.setAttribute('ws-url', 'ws://127.0.0.1:5066');
      phone.setAttribute('password', '1234');
      phone.setAttribute('display-name', `User ${user}`);
      document.body.append(phone);
      return new Promise((resolve, reject) => {
        phone.addEventListener('fs-registered', () => resolve(true), { once: true });
        phone.addEventListener('fs-registration-failed', e => reject(new Error(`registration failed: ${e.detail.code}`)), { once: true });
      });
    },
    autoAnswer(on) {
      phone.autoAnswer = on;
    },
    async call(user) {
      firstFrameAt = 0;
      dialedAt = performance.now();
      const ok = await phone.call(user);
      watchFirstFrame();
      return ok;
    },
    watch() {
      firstFrameAt = 0;
      watchFirstFrame();
    },
    /** Dial → first remote video frame shown, in ms (0 while none). */
    firstFrameMs() {
      return firstFrameAt ? Math.round(firstFrameAt - dialedAt) : 0;
    },
    state() {
      return { call: phone.callState, registration: phone.registrationState };
    },
    hangup() {
      phone.hangup();
    },
    /** Counters from getStats(): inbound video frames/bytes, inbound audio bytes, the selected pair. */
    async media() {
      const pc = phone.peerConnection;
      if (!pc) return null;
      const all = new Map();
      (await pc.getStats()).forEach(s => all.set(s.id, s));
      const out = { videoFrames: 0, videoBytes: 0, audioBytes: 0, remotePort: 0, localPort: 0 };
      for (const s of all.values()) {
        if (s.type === 'inbound-rtp' && s.kind === 'video') {
          out.videoFrames += s.framesDecoded ?? 0;
          out.videoBytes += s.bytesReceived ?? 0;
        }
        if (s.type === 'inbound-rtp' && s.kind === 'audio') out.audioBytes += s.bytesReceived ?? 0;
      }
      // Chromium names the pair in the transport; Firefox marks it selected on the pair itself.
      const transport = [...all.values()].find(s => s.type === 'transport' && s.selectedCandidatePairId);
      const pair = transport ? all.get(transport.selectedCandidatePairId) : [...all.values()].find(s => s.type === 'candidate-pair' && s.selected);
      if (pair) {
        out.remotePort = Number(all.get(pair.remoteCandidateId)?.port ?? 0);
        out.localPort = Number(all.get(pair.localCandidateId)?.port ?? 0);
      }
      return out;
    },
  };
})();
