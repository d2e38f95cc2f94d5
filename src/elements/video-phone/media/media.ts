import { setting } from '../../../internal/setting.js';
import type { Constructor } from '../../../internal/setting.js';
import { featureController, initialize } from '../phone-base.js';
import type { PhoneHost } from '../phone-base.js';
import { MediaController } from './media-controller.js';
import type { MediaHost } from './media-controller.js';
import { DEFAULTS } from '../../../sip/index.js';
import type { CallStats, DeviceInfo } from '../../../sip/index.js';

/** When an element's self-view opens and closes, and its device choice. */
export const mediaOf = featureController(el => new MediaController(el as unknown as MediaHost));

/**
 * Media and devices: audio-only phones, the self-view and when the camera opens, the devices and
 * their choice (kept per site), screen sharing, the video's codecs, size and bitrate, keyframe
 * refresh, and the call's figures.
 */
export const Media = <T extends Constructor<PhoneHost>>(base: T) => {
  abstract class MediaFeature extends base {
    /** Never open the camera. */
    @setting({ type: Boolean }) audioOnly = false;
    /**
     * Never show the self-view while idle: the camera opens only for a call. By default the camera
     * (never the microphone) opens for the self-view only when the person means it: when they start
     * to type or paste a number, press a dialpad key or move to Call (the call then starts on the open
     * camera instead of waiting for it), when they press the self-view button, or on `preview()`; it
     * closes again 30 s after the last of these without a call. Never on page load, never on a click
     * elsewhere on the page. Any self-view stops when the element is removed and while the tab has
     * been hidden for a minute.
     */
    @setting({ type: Boolean }) noPreview = false;
    /**
     * Keep the self-view open while the phone is idle and registered, not only when the person is
     * about to call (asks for camera permission on page load if the page has none yet).
     */
    @setting({ type: Boolean, attribute: 'preview' }) keepPreview = false;
    /**
     * Do not remember the chosen devices. By default they are kept in `localStorage` (per origin) and
     * used by every phone on the site.
     */
    @setting({ type: Boolean }) noPersist = false;
    /**
     * The camera to use (an id from `devices`). Changing it during a call swaps the track being sent
     * (`RTCRtpSender.replaceTrack`): no renegotiation, the far end keeps its picture. One that is
     * unplugged falls back to the default, mid-call too. The settings panel (gear button) sets it.
     * Type: device id; default `''` (default device).
     */
    @setting() camera = '';
    /** The microphone to use, as `camera`. Type: device id; default `''` (default device). */
    @setting() microphone = '';
    /**
     * The speaker to use, applied with `setSinkId` where the browser has it (its picker is hidden
     * where not). Type: device id; default `''` (default device).
     */
    @setting() speaker = '';
    /**
     * Video codecs to prefer, in order, e.g. `"VP8 H264"` (applied with `setCodecPreferences` to
     * every offer and answer; the browser's other codecs follow, so a far end without them still gets
     * video). A name this browser does not have is an `invalid-option` error naming the ones it has.
     * Type: codec names; default browser's order.
     */
    @setting({ config: true }) videoCodecs = '';
    /**
     * Camera capture size asked for (the camera may give less). Changing it opens the camera again at
     * the new size; the preview and calls in progress switch to it without renegotiation. Type:
     * `WIDTHxHEIGHT`; default `1280x720`.
     */
    @setting({ config: true }) videoSize = '';
    /**
     * Upper limit of the video sent, applied with `RTCRtpSender.setParameters` (no renegotiation; a
     * change applies to calls in progress). Type: number (kbit/s); default `0` (browser decides).
     */
    @setting({ config: true, type: Number }) maxVideoBitrate = 0;
    /**
     * After a call connects and after every media change (unhold, re-INVITE/UPDATE, ICE restart),
     * restart the outgoing video with a fresh keyframe at these delays, so the far end is not left
     * with black video through a B2BUA such as FreeSWITCH
     * ([why](docs/freeswitch.md#black-video-for-the-first-seconds-and-why-the-phone-does-not-show-it)).
     * Type: delays in ms, or `off`; default `"400 1200"`.
     */
    @setting({ config: true }) keyframeRefresh = '';
    /** How long to wait for the camera/microphone permission prompt. Type: number (ms). */
    @setting({ config: true, type: Number }) mediaTimeout: number = DEFAULTS.mediaTimeout;
    /**
     * Dispatch `fs-stats` with the active call's figures this often (at least 250 ms). The quality
     * indicator works without it. Type: number (ms); default `0` (off).
     */
    @setting({ config: true, type: Number }) statsInterval = 0;
    /** The camera and microphone the active call sends. */
    get localStream(): MediaStream | null {
      return this.phone.localStream;
    }

    /** What the far end of the active call sends. */
    get remoteStream(): MediaStream | null {
      return this.phone.remoteStream;
    }

    /** The self-view camera while it is open. */
    get previewStream(): MediaStream | null {
      return this.phone.devices.preview;
    }

    /** The screen the active call shares. */
    get shareStream(): MediaStream | null {
      return this.phone.shareStream;
    }

    /**
     * `{kind, id, label}[]`: Cameras (`camera`), microphones (`microphone`) and speakers (`speaker`)
     * to choose from; labels appear once camera or microphone permission is granted. Read again on
     * `devicechange`, when the preview opens and when the first call gets permission.
     */
    get devices(): DeviceInfo[] {
      return this.phone.devices.list;
    }

    /** The active call's latest figures (updated every 2 s, or every `stats-interval`). */
    get stats(): CallStats | null {
      return this.phone.stats;
    }

    /** For `getStats()`. */
    get peerConnection(): RTCPeerConnection | null {
      return this.phone.peerConnection;
    }

    /**
     * Open the self-view now, asking for camera permission if need be (e.g. from your own "check your
     * camera" button). Resolves `true` once it shows.
     */
    preview(): Promise<boolean> {
      return mediaOf(this).open();
    }

    /**
     * Close the self-view (the self-view button does this too). Typing a number no longer opens it
     * until the next call or `preview()`.
     */
    stopPreview(): void {
      mediaOf(this).close();
    }

    /**
     * The person is about to call (e.g. typing in your own number field): the camera opens for the
     * self-view, so the call starts on it instead of waiting for the camera; it closes again 30 s
     * later without a call. Typing in the phone's own field and the dialpad do this by themselves.
     * Does nothing with `no-preview` or `audio-only`, or after the person closed the self-view.
     */
    prepareCall(): void {
      mediaOf(this).intent();
    }

    /**
     * Share a screen, window or tab instead of the camera, and stop. The shared screen replaces the
     * camera track being sent (no renegotiation) and shows in the self-view; the camera comes back
     * when sharing stops, from **Stop sharing**, `stopShare()` or the browser's own stop button. A
     * call without video (audio-only, or one whose camera could not be opened) cannot share:
     * `share-failed`, since adding video would need a renegotiation that many servers refuse. The
     * **Share** button does this.
     */
    shareScreen(callId?: string): Promise<boolean> {
      return this.phone.shareScreen(callId);
    }

    /** Stop sharing the screen: the camera is sent again. The **Stop sharing** button does this. */
    stopShare(callId?: string): boolean {
      return this.phone.stopShare(callId);
    }
  }
  initialize(MediaFeature, mediaOf);
  return MediaFeature;
};
