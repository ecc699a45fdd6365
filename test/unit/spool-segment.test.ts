import { declaredPointsOf, decodeSegment, encodeSegment } from '../../devices/telemetry/spool-segment';

/** Pure: the disk spool's segment format (devices/telemetry/spool-segment.ts). Nothing faked, no I/O. */
const lines = (from: number, n: number) =>
  Array.from(
    { length: n },
    (_, i) => `telemetry,site=S1,device=d-${from + i} pressure_kpa=${from + i} ${1000 + from + i}`,
  );

describe('spool segment format', () => {
  const records = [lines(0, 3), lines(3, 4), lines(7, 2)];
  const encoded = encodeSegment(records);

  it('round-trips records in order and announces its points in the header', () => {
    const decoded = decodeSegment(encoded);
    expect(decoded).toEqual({ records, declaredPoints: 9, badTailBytes: 0, lostPoints: 0 });
    expect(declaredPointsOf(encoded.subarray(0, 64))).toBe(9);
  });

  it('a file cut anywhere (a crash while writing) keeps its intact records and counts the rest as lost', () => {
    let sawPartial = false;
    for (let cut = 0; cut < encoded.length; cut++) {
      const decoded = decodeSegment(encoded.subarray(0, cut));
      const intact = decoded.records.flat();
      // what survives is always a prefix of what was written, never a damaged line
      expect(intact).toEqual(records.flat().slice(0, intact.length));
      if (decoded.declaredPoints !== null) expect(intact.length + decoded.lostPoints).toBe(9);
      if (decoded.records.length > 0 && intact.length < 9) sawPartial = true;
    }
    expect(sawPartial).toBe(true);
  });

  it('a flipped byte inside a record ends the intact part there (CRC-32)', () => {
    const damaged = Buffer.from(encoded);
    const secondRecord = damaged.indexOf('d-4');
    damaged[secondRecord] = 'x'.charCodeAt(0);
    const decoded = decodeSegment(damaged);
    expect(decoded.records).toEqual([records[0]]);
    expect(decoded.lostPoints).toBe(6);
    expect(decoded.badTailBytes).toBeGreaterThan(0);
  });

  it('without a readable header the whole file is bad tail, its lines counted', () => {
    const garbage = Buffer.from('not a spool\nline two\n');
    expect(decodeSegment(garbage)).toEqual({
      records: [],
      declaredPoints: null,
      badTailBytes: garbage.length,
      lostPoints: 2,
    });
    expect(declaredPointsOf(garbage)).toBeNull();
  });
});
