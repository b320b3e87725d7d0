/** Files are decoded by Node's UTF-8 validator and decoder when valid, and must read exactly as decodeUtf8 reads them. */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { decodeUtf8 } from '../server/src/core/workspace';
import { decodeFileText } from '../server/src/node/fsWorkspace';
import { prng } from './helpers/hostile';

describe('decoding a file', () => {
  it('reads as decodeUtf8 reads: valid text, a BOM, invalid bytes, overlong forms, surrogates, past U+10FFFF', () => {
    const cases = [
      'plain', '\ufeff---\ntitle: 维族\n---\n', '😀 \u2028 \u0000', '',
    ].map((text) => Buffer.from(text, 'utf8'));
    cases.push(
      Buffer.from([0xc0, 0xaf]), Buffer.from([0xe0, 0x80, 0xaf]), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from([0xf4, 0x90, 0x80, 0x80]),
      Buffer.from([0x61, 0xe6, 0x97]), Buffer.from([0xff, 0xfe, 0x61]), Buffer.from([0xef, 0xbb, 0xbf, 0x80]),
    );
    const random = prng(11);
    const pieces = [[0x61], [0x0a], [0xc3, 0xa9], [0xe7, 0xbb, 0xb4], [0xf0, 0x9f, 0x98, 0x80], [0x80], [0xc3], [0xe7, 0xbb], [0xf0, 0x9f], [0xff], [0xed, 0xbf, 0xbf], [0xef, 0xbb, 0xbf]];
    for (let i = 0; i < 5000; i++) {
      const bytes: number[] = [];
      for (let k = Math.floor(random() * 12); k > 0; k--) bytes.push(...pieces[Math.floor(random() * pieces.length)]);
      cases.push(Buffer.from(bytes));
    }
    let invalid = 0;
    for (const bytes of cases) {
      const expected = decodeUtf8(bytes);
      assert.deepStrictEqual(decodeFileText(bytes), expected, bytes.toString('hex'));
      if (expected.invalidUtf8) invalid++;
    }
    assert.ok(invalid > 500 && invalid < cases.length - 500, `${invalid} of ${cases.length} cases invalid`);
  });
});
