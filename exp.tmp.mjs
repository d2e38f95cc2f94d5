import { enterLoopbackNamespace } from './test/servers/netns.mjs';
enterLoopbackNamespace(import.meta.url);
const { launchBrowser } = await import('./test/servers/browsers.mjs');
const { createServer } = await import('node:http');
const srv = createServer((q, r) => r.writeHead(200, {'content-type':'text/html'}).end('<video id=v muted autoplay playsinline></video>'));
await new Promise(r => srv.listen(8123, '127.0.0.1', r));
const b = await launchBrowser('chromium');
const p = await b.newPage();
await p.goto('http://localhost:8123/');
const res = await p.evaluate(async () => {
  async function once(w, h, scale, fresh) {
    let cam = window.cam;
    if (fresh || !cam) { cam = await navigator.mediaDevices.getUserMedia({ video: { width: { ideal: w }, height: { ideal: h }, frameRate: { ideal: 30 } } }); if (!fresh) window.cam = cam; }
    const t0 = performance.now();
    const track = fresh ? cam.getVideoTracks()[0] : cam.getVideoTracks()[0].clone();
    const a = new RTCPeerConnection(), bb = new RTCPeerConnection();
    a.onicecandidate = e => e.candidate && bb.addIceCandidate(e.candidate);
    bb.onicecandidate = e => e.candidate && a.addIceCandidate(e.candidate);
    const sender = a.addTrack(track);
    if (scale) { const pr = sender.getParameters(); if (pr.encodings?.length) { pr.encodings[0].scaleResolutionDownBy = scale; await sender.setParameters(pr); } else return 'noenc'; }
    const got = new Promise(r => bb.ontrack = e => r(e.track));
    await a.setLocalDescription(); await bb.setRemoteDescription(a.localDescription);
    await bb.setLocalDescription(); await a.setRemoteDescription(bb.localDescription);
    const t = await got; const v = document.getElementById('v'); v.srcObject = new MediaStream([t]);
    await new Promise(r => v.requestVideoFrameCallback(r));
    const dt = performance.now() - t0;
    a.close(); bb.close(); track.stop(); if (fresh) cam.getTracks().forEach(x => x.stop());
    return Math.round(dt);
  }
  const out = {};
  for (const [name, args] of Object.entries({ fresh720: [1280, 720, 0, true], fresh480: [640, 480, 0, true], open720: [1280, 720, 0, false], open720scaled2: [1280, 720, 2, false] })) {
    const xs = []; for (let i = 0; i < 8; i++) xs.push(await once(...args)); xs.sort((x, y) => x - y); out[name] = xs[4];
    if (name.startsWith('open')) { window.cam.getTracks().forEach(x => x.stop()); window.cam = null; }
  }
  return out;
});
console.log(res);
await b.close(); srv.close();
