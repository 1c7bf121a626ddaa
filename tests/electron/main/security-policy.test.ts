import { describe, expect, it } from 'vitest';
import { decideNavigation, decideWindowOpen, isAppUrl, isTrustedSender } from '../../../electron/main/security-policy.js';

const app = { indexUrl: 'file:///opt/LeanSoft/resources/app.asar/dist/renderer/index.html' };

describe('main window security policy', () => {
  it('knows the app page and nothing else', () => {
    expect(isAppUrl('file:///opt/LeanSoft/resources/app.asar/dist/renderer/index.html#x', app)).toBe(true);
    expect(isAppUrl('file:///etc/passwd', app)).toBe(false);
    expect(isAppUrl('https://evil.example/', app)).toBe(false);
    expect(isAppUrl('not a url', app)).toBe(false);
    expect(isAppUrl('http://127.0.0.1:5173/page', { indexUrl: 'http://127.0.0.1:5173/' })).toBe(true);
    expect(isAppUrl('http://127.0.0.1:5174/', { indexUrl: 'http://127.0.0.1:5173/' })).toBe(false);
  });

  it('never opens a new Electron window; https links go to the system browser', () => {
    expect(decideWindowOpen('https://docs.saltedge.com/')).toEqual({ action: 'deny', openExternal: 'https://docs.saltedge.com/' });
    expect(decideWindowOpen('http://plain.example/')).toEqual({ action: 'deny' });
    expect(decideWindowOpen('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(decideWindowOpen('javascript:alert(1)')).toEqual({ action: 'deny' });
    expect(decideWindowOpen('https://user:pw@evil.example/')).toEqual({ action: 'deny' });
  });

  it('keeps navigation inside the app', () => {
    expect(decideNavigation(app.indexUrl, app)).toEqual({ allow: true });
    expect(decideNavigation('https://www.saltedge.com/dashboard', app)).toEqual({ allow: false, openExternal: 'https://www.saltedge.com/dashboard' });
    expect(decideNavigation('file:///home/u/evil.html', app)).toEqual({ allow: false });
  });

  it('trusts IPC only from the main frame of the app page', () => {
    expect(isTrustedSender({ url: app.indexUrl, isMainFrame: true }, app)).toBe(true);
    expect(isTrustedSender({ url: app.indexUrl, isMainFrame: false }, app)).toBe(false);
    expect(isTrustedSender({ url: 'https://evil.example/', isMainFrame: true }, app)).toBe(false);
    expect(isTrustedSender(null, app)).toBe(false);
  });
});
