// Loaded first by bench.html: keeps weak references to every RTCPeerConnection, local media
// track and WebSocket the page creates, so the bench can count the ones left open afterwards.
(() => {
  const made = { pcs: [], tracks: [], sockets: [] };
  window.__made = made;

  const PC = window.RTCPeerConnection;
  window.RTCPeerConnection = function (...args) {
    const pc = new PC(...args);
    made.pcs.push(new WeakRef(pc));
    return pc;
  };
  window.RTCPeerConnection.prototype = PC.prototype;
  Object.setPrototypeOf(window.RTCPeerConnection, PC);

  const gum = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
  navigator.mediaDevices.getUserMedia = async constraints => {
    const stream = await gum(constraints);
    for (const t of stream.getTracks()) made.tracks.push(new WeakRef(t));
    return stream;
  };

  const WS = window.WebSocket;
  window.WebSocket = function (...args) {
    const ws = new WS(...args);
    made.sockets.push(new WeakRef(ws));
    return ws;
  };
  window.WebSocket.prototype = WS.prototype;
  Object.assign(window.WebSocket, { CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3 });

  window.__leftOpen = () => {
    const live = list => list.map(r => r.deref()).filter(Boolean);
    return {
      peerConnections: live(made.pcs).filter(pc => pc.signalingState !== 'closed').length,
      tracks: live(made.tracks).filter(t => t.readyState !== 'ended').length,
      webSockets: live(made.sockets).filter(ws => ws.readyState !== 3).length,
      created: { peerConnections: made.pcs.length, tracks: made.tracks.length, webSockets: made.sockets.length },
    };
  };
})();
