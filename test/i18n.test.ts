import { expect, fixture, html } from '@open-wc/testing';
import { FsVideoPhone } from '../src/index.js';
import { en } from '../src/i18n/en.js';
import { zhCN } from '../src/i18n/zh-cn.js';
import { part, sleep, watchPageErrors } from './helpers.js';

/** A phone with nothing to connect to: enough to read its words. */
async function bare(lang?: string): Promise<FsVideoPhone> {
  const el = await fixture<FsVideoPhone>(html`<fs-video-phone no-preview lang=${lang ?? ''}></fs-video-phone>`);
  await el.updateComplete;
  return el;
}

const callLabel = (el: FsVideoPhone) => part(el, 'call-button').textContent!.trim();

describe('languages', () => {
  watchPageErrors();
  afterEach(() => {
    document.documentElement.lang = '';
  });

  it('has every English key in Chinese, and no other', () => {
    expect(Object.keys(zhCN).sort()).to.deep.equal(Object.keys(en).sort());
    for (const [k, v] of Object.entries(zhCN)) expect(v, k).to.match(/[\u4e00-\u9fff]|^\{0\}/);
  });

  it('takes the language from its own lang, else the nearest ancestor (across shadow roots), else the document; follows changes', async () => {
    const el = await bare();
    expect(el.language).to.equal('en');
    expect(callLabel(el)).to.equal('Call');
    document.documentElement.lang = 'zh-CN';
    await sleep(0);
    await el.updateComplete;
    expect(el.language).to.equal('zh-CN');
    expect(callLabel(el)).to.equal('呼叫');
    el.lang = 'en-GB';
    await sleep(0);
    await el.updateComplete;
    expect(callLabel(el), 'its own lang first; en-GB is English').to.equal('Call');

    // Inside another component's shadow root: the host's language counts.
    const host = document.createElement('div');
    host.lang = 'zh-Hans';
    host.attachShadow({ mode: 'open' }).innerHTML = '<fs-video-phone no-preview></fs-video-phone>';
    document.body.append(host);
    const inner = host.shadowRoot!.querySelector('fs-video-phone') as FsVideoPhone;
    await inner.updateComplete;
    expect(callLabel(inner), 'zh-Hans uses the Chinese table').to.equal('呼叫');
    host.remove();

    el.lang = 'fr';
    await sleep(0);
    await el.updateComplete;
    expect(callLabel(el), 'a language without a table: English').to.equal('Call');
  });

  it('strings overrides any label in every language; a language added by the page falls back to English for what it lacks', async () => {
    const el = await bare('zh-CN');
    el.strings = { call: 'Dial', 'e-no-target': 'Type a number first' };
    await el.updateComplete;
    expect(callLabel(el)).to.equal('Dial');
    expect(part(el, 'settings-button').title, 'the rest stays Chinese').to.equal('设置');
    el.strings = null;

    FsVideoPhone.addLanguage('de', { call: 'Anrufen', hangup: 'Auflegen' });
    el.lang = 'de-AT';
    await sleep(0);
    await el.updateComplete;
    expect(callLabel(el)).to.equal('Anrufen');
    expect((part(el, 'target-input') as HTMLInputElement).placeholder, 'missing key: English').to.equal('Number or SIP address');
    expect(FsVideoPhone.stringsFor('de-AT').call).to.equal('Anrufen');
    expect(FsVideoPhone.stringsFor('zh-CN').call).to.equal('呼叫');
  });

  it('an error is shown in the language, while the event keeps its code and English message', async () => {
    const el = await bare('zh-CN');
    el.setAttribute('sip-uri', 'sip:1000@127.0.0.1');
    el.setAttribute('ws-url', 'ftp://nowhere');
    el.password = '1234';
    const error = new Promise<CustomEvent<{ code: string; message: string }>>(r => el.addEventListener('fs-error', e => r(e as CustomEvent), { once: true }));
    const e = await error;
    await el.updateComplete;
    expect(e.detail.code).to.equal('invalid-ws-url');
    expect(e.detail.message).to.contain('ws-url').and.contain('ftp://nowhere');
    expect(part(el, 'error').textContent).to.contain('服务器地址').and.contain('ftp://nowhere');
  });
});
