import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { differingFields, fieldsAt, JoinedFields, replaceFields } from '../../src/util/joined.js';

/** Stamps as the walk writes them, some long enough that runs of equal text span blocks. */
const stamp = fc.oneof(
  fc.string({ maxLength: 30 }).map((s) => s.replace(/\0/g, '')),
  fc.tuple(fc.nat(), fc.nat()).map(([size, time]) => `${size}:${time}.${size % 1000}`),
);

test('the places where two joined lists differ are those a field-by-field comparison finds', () => {
  fc.assert(
    fc.property(
      fc.array(stamp, { maxLength: 600 }),
      fc.array(fc.tuple(fc.nat(), stamp), { maxLength: 8 }),
      (before, edits) => {
        const after = before.slice();
        for (const [at, value] of edits) if (after.length) after[at % after.length] = value;
        const expected = before.flatMap((s, i) => (s === after[i] ? [] : [i]));
        assert.deepEqual(differingFields(after.join('\0'), before.join('\0'), 1000), expected);
        assert.deepEqual(differingFields(before.join('\0'), after.join('\0'), 1000), expected);
        assert.deepEqual(
          fieldsAt(after.join('\0'), expected),
          expected.map((i) => after[i]),
        );
        assert.equal(replaceFields(before.join('\0'), new Map(expected.map((i) => [i, after[i]!]))), after.join('\0'));
        if (expected.length > 1)
          assert.equal(differingFields(after.join('\0'), before.join('\0'), expected.length - 1), undefined);
        // An empty string holds no field: a list of one empty field joins to it too.
        const fields = new JoinedFields(after.join('\0'));
        const read = Array.from({ length: fields.length }, (_, i) => fields.at(i));
        assert.deepEqual(read, after.length === 1 && after[0] === '' ? [] : after);
      },
    ),
    { numRuns: 300, seed: 2026 },
  );
});

test('100,000 stamps with one changed: the one place', () => {
  const before = Array.from(
    { length: 100_000 },
    (_, i) => `${4000 + (i % 900)}:${1_732_781_234_567 + i * 37}.${i % 1000}`,
  );
  const after = before.slice();
  after[54_321] = '4444:1732799999999.5';
  assert.deepEqual(differingFields(after.join('\0'), before.join('\0'), 32), [54_321]);
  assert.deepEqual(differingFields('', '', 32), []);
});
