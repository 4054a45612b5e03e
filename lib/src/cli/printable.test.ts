import { describe, expect, it } from 'vitest';
import { sampleWorkspace } from '../../../tests/helpers/sample-workspace';
import { registerModel } from '../workspace/lifecycle';
import { printable } from './printable';
import { runCaptured } from './run';

describe('printable', () => {
  it.each([
    ['\u001b[2J\u001b]0;pwned\u0007', '\\x1b[2J\\x1b]0;pwned\\x07'],
    ['tab\there\nand a line', 'tab\\x09here\\x0aand a line'],
    ['del\u007f c1\u009b', 'del\\x7f c1\\x9b'],
    ['line\u2028para\u2029', 'line\\u2028para\\u2029'],
    ['bidi \u202etxt.exe\u2066', 'bidi \\u202etxt.exe\\u2066'],
    ['Revenue MMM – café 💶 \\x1b', 'Revenue MMM – café 💶 \\x1b'],
  ])('printable(%j) is %j', (text, shown) => expect(printable(text)).toBe(shown));

  it("printable(text, '\\n\\t') keeps line breaks and tabs", () => {
    expect(printable('a\tb\n\u001bc', '\n\t')).toBe('a\tb\n\\x1bc');
  });
});

describe('mixmodeler model list (text)', () => {
  it('`model list` shows control characters of names escaped; `--json` keeps the name as stored', async () => {
    const ws = sampleWorkspace('mm-printable-');
    const name = 'Rev\u001b[31m\tred\u001b[0m\nnext';
    const m = registerModel(ws, { name, conversion: 'revenue', touchpoints: [{ channel: 'tv' }] });
    const text = await runCaptured(['--workspace', ws, 'model', 'list']);
    expect(text.code).toBe(0);
    expect(text.out).toBe(`${m.id}\tawaiting training\tRev\\x1b[31m\\x09red\\x1b[0m\\x0anext\n`);
    const json = await runCaptured(['--workspace', ws, 'model', 'list', '--json']);
    expect(JSON.parse(json.out).models[0].name).toBe(name);
    // Every text command goes through the same filter: `model duplicate` prints the copy's name.
    const copy = await runCaptured(['--workspace', ws, 'model', 'duplicate', m.id]);
    expect(copy.out).toContain('Rev\\x1b[31m\\x09red\\x1b[0m\\x0anext (copy)');
    expect(copy.out).not.toContain('\u001b');
  });

  it('an error message on stderr shows control characters escaped', async () => {
    const r = await runCaptured(['frob\u001b[2Jnicate']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('frob\\x1b[2Jnicate');
    expect(r.err).not.toContain('\u001b');
  });
});
