import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultShell, envLine, isWindowsPath, psString, quotePosix, quotePowerShell } from '../../../../src-renderer/views/setup/shell-quote.js';

describe('quotePosix', () => {
  it('leaves plain paths and URLs bare', () => {
    assert.equal(quotePosix('/home/me/.local/share/llm-inspector/ca/certs/ca.pem'), '/home/me/.local/share/llm-inspector/ca/certs/ca.pem');
    assert.equal(quotePosix('http://127.0.0.1:8080'), 'http://127.0.0.1:8080');
  });
  it('single-quotes spaces, $ and globs so the shell takes them literally', () => {
    assert.equal(quotePosix('/Users/Jane Doe/ca.pem'), "'/Users/Jane Doe/ca.pem'");
    assert.equal(quotePosix('/tmp/$HOME/*.pem'), "'/tmp/$HOME/*.pem'");
  });
  it('closes, escapes and reopens around a single quote', () => {
    assert.equal(quotePosix("/home/o'brien/ca.pem"), "'/home/o'\\''brien/ca.pem'");
  });
  it('quotes Windows paths (backslashes are escapes in sh)', () => {
    assert.equal(quotePosix('C:\\Users\\me\\ca.pem'), "'C:\\Users\\me\\ca.pem'");
  });
  it('quotes the empty string and a leading = (zsh expands =cmd)', () => {
    assert.equal(quotePosix(''), "''");
    assert.equal(quotePosix('=ls'), "'=ls'");
  });
});

describe('PowerShell quoting', () => {
  it('leaves plain Windows paths bare as arguments', () => {
    assert.equal(quotePowerShell('C:\\Users\\me\\AppData\\Roaming\\llm-inspector\\ca\\certs\\ca.pem'), 'C:\\Users\\me\\AppData\\Roaming\\llm-inspector\\ca\\certs\\ca.pem');
  });
  it('single-quotes paths with spaces, $, commas or parentheses', () => {
    assert.equal(quotePowerShell('C:\\Users\\Jane Doe\\ca.pem'), "'C:\\Users\\Jane Doe\\ca.pem'");
    assert.equal(quotePowerShell('C:\\$tmp\\ca.pem'), "'C:\\$tmp\\ca.pem'");
    assert.equal(quotePowerShell('a,b'), "'a,b'");
    assert.equal(quotePowerShell('LLM Inspector CA (host 1a2b3c)'), "'LLM Inspector CA (host 1a2b3c)'");
  });
  it('quotes a leading dash, which PowerShell would read as a parameter', () => {
    assert.equal(quotePowerShell('-weird'), "'-weird'");
  });
  it('doubles single quotes, typographic ones included', () => {
    assert.equal(psString("C:\\Users\\O'Brien\\ca.pem"), "'C:\\Users\\O''Brien\\ca.pem'");
    assert.equal(psString('it\u2019s'), "'it\u2019\u2019s'");
  });
});

describe('envLine', () => {
  it('writes export for sh and $env: for PowerShell', () => {
    assert.equal(envLine('posix', 'HTTPS_PROXY', 'http://127.0.0.1:8080'), 'export HTTPS_PROXY=http://127.0.0.1:8080');
    assert.equal(envLine('powershell', 'HTTPS_PROXY', 'http://127.0.0.1:8080'), "$env:HTTPS_PROXY = 'http://127.0.0.1:8080'");
  });
  it('keeps a Windows path literal in PowerShell (no expansion inside single quotes)', () => {
    assert.equal(envLine('powershell', 'NODE_EXTRA_CA_CERTS', 'C:\\Users\\me\\$x\\ca.pem'), "$env:NODE_EXTRA_CA_CERTS = 'C:\\Users\\me\\$x\\ca.pem'");
  });
});

describe('defaultShell', () => {
  it('picks PowerShell for drive-letter and UNC paths or a win32 inspector', () => {
    assert.equal(isWindowsPath('C:\\data\\ca.pem'), true);
    assert.equal(isWindowsPath('\\\\server\\share\\ca.pem'), true);
    assert.equal(isWindowsPath('/home/me/ca.pem'), false);
    assert.equal(defaultShell('D:/inspector/ca.pem', null), 'powershell');
    assert.equal(defaultShell('/x/ca.pem', 'win32'), 'powershell');
    assert.equal(defaultShell('/home/me/ca.pem', 'linux'), 'posix');
  });
});
