import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chooseOs, detectOs, OS_IDS, osFromNodePlatform, parseOsParam } from '../../../../src-renderer/views/setup/os-detect.js';

const UA = {
  mac: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36',
  win: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36',
  linux: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36',
  fedora: 'Mozilla/5.0 (X11; Fedora; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0',
  ubuntu: 'Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0',
  android: 'Mozilla/5.0 (Linux; Android 14; sdk_gphone64_x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36',
};

describe('detectOs', () => {
  it('recognises the main platforms from navigator.platform and the user agent', () => {
    assert.equal(detectOs({ platform: 'MacIntel', userAgent: UA.mac }), 'macos');
    assert.equal(detectOs({ platform: 'Win32', userAgent: UA.win }), 'windows');
    assert.equal(detectOs({ platform: 'Linux x86_64', userAgent: UA.linux }), 'linux');
    assert.equal(detectOs({ platform: 'Linux armv8l', userAgent: UA.android }), 'android');
  });
  it('prefers userAgentData.platform when present', () => {
    assert.equal(detectOs({ uaPlatform: 'Windows', platform: '', userAgent: '' }), 'windows');
    assert.equal(detectOs({ uaPlatform: 'macOS' }), 'macos');
  });
  it('tells Fedora from Ubuntu where the user agent names the distribution', () => {
    assert.equal(detectOs({ platform: 'Linux x86_64', userAgent: UA.fedora }), 'fedora');
    assert.equal(detectOs({ platform: 'Linux x86_64', userAgent: UA.ubuntu }), 'linux');
  });
  it('says nothing rather than guess for an unknown platform', () => {
    assert.equal(detectOs({ platform: '', userAgent: 'curl/8.5' }), null);
  });
});

describe('parseOsParam and chooseOs', () => {
  it('accepts every tab id and the usual other spellings', () => {
    for (const id of OS_IDS) assert.equal(parseOsParam(id), id);
    assert.equal(parseOsParam('Darwin'), 'macos');
    assert.equal(parseOsParam('ubuntu'), 'linux');
    assert.equal(parseOsParam('rhel'), 'fedora');
    assert.equal(parseOsParam('beos'), null);
    assert.equal(parseOsParam(null), null);
  });
  it('maps process.platform', () => {
    assert.equal(osFromNodePlatform('darwin'), 'macos');
    assert.equal(osFromNodePlatform('win32'), 'windows');
    assert.equal(osFromNodePlatform('linux'), 'linux');
    assert.equal(osFromNodePlatform('aix'), null);
  });
  it('lets the URL win, then the browser, then the inspector, then Debian/Ubuntu', () => {
    assert.equal(chooseOs('arch', { platform: 'MacIntel' }, 'win32'), 'arch');
    assert.equal(chooseOs(null, { platform: 'MacIntel' }, 'win32'), 'macos');
    assert.equal(chooseOs('nonsense', { platform: '' }, 'win32'), 'windows');
    assert.equal(chooseOs(null, {}, null), 'linux');
  });
});
