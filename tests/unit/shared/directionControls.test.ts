import { describe, expect, it } from 'vitest';
import { openDirectionControls, withDirectionClosed } from '../../../lib/shared/directionControls.js';

const RLO = '\u202E';
const PDF = '\u202C';
const RLI = '\u2067';
const PDI = '\u2069';

// UAX #9 §2.1–2.2, rules X6a and X7.
describe('openDirectionControls', () => {
  it('lists what stays open, outermost first', () => {
    expect(openDirectionControls(`a${RLO}b${RLI}c`)).toEqual([RLO, RLI]);
  });

  it('takes a PDF as closing the innermost embedding or override, and none while an isolate is open inside it', () => {
    expect(openDirectionControls(`${RLO}x${PDF}`)).toEqual([]);
    expect(openDirectionControls(`${RLO}${RLI}x${PDF}`)).toEqual([RLO, RLI]);
  });

  it('takes a PDI as closing the innermost isolate and every embedding opened inside it', () => {
    expect(openDirectionControls(`${RLI}${RLO}x${PDI}`)).toEqual([]);
    expect(openDirectionControls(`x${PDI}`)).toEqual([]);
  });
});

describe('withDirectionClosed', () => {
  it('closes what is open at the end, innermost first', () => {
    expect(withDirectionClosed(`a${RLO}b${RLI}c`)).toBe(`a${RLO}b${RLI}c${PDI}${PDF}`);
  });

  it('leaves a text with nothing open as it is', () => {
    expect(withDirectionClosed(`a${RLO}b${PDF} שלום`)).toBe(`a${RLO}b${PDF} שלום`);
  });
});
