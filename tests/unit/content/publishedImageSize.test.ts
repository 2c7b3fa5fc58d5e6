import { describe, expect, it } from 'vitest';
import { publishedImageSize } from '../../../lib/content/publishedImageSize.js';

const SRC = 'https://img.example/a.png';

describe('publishedImageSize', () => {
  it('is the attributes as written where no style sets a side', () => {
    expect(publishedImageSize({ src: SRC, width: '600', height: ' 400px' })).toEqual({ width: '600', height: ' 400px' });
    expect(publishedImageSize({ src: SRC, width: '600', style: 'border:0' })).toEqual({ width: '600', height: undefined });
  });

  it('takes a side the style sets in px, which wins over the attribute, rounded up to an integer', () => {
    // Chromium draws it 40×1: a line, no pixel.
    expect(publishedImageSize({ src: SRC, width: '1', height: '1', style: 'width:40px' })).toEqual({ width: '40', height: '1' });
    expect(publishedImageSize({ src: SRC, width: '600', height: '400', style: 'width: 300.2px; height: 200px' })).toEqual({ width: '301', height: '200' });
  });

  it('leaves out a side the style sets to auto or to a length an attribute cannot hold', () => {
    expect(publishedImageSize({ src: SRC, width: '600', height: '400', style: 'height:auto' })).toEqual({ width: '600', height: undefined });
    expect(publishedImageSize({ src: SRC, width: '600', height: '400', style: 'width:50%' })).toEqual({ width: undefined, height: '400' });
  });

  it('leaves out both where the rest would draw a pixel though the page does not', () => {
    // 50% wide and 1 high: a rule; its height alone would draw it 1×1.
    expect(publishedImageSize({ src: SRC, width: '600', height: '1', style: 'width:50%' })).toEqual({ width: undefined, height: undefined });
    // The picture's source gives the size a browser draws (600×400), not the img's 1×1 fallback.
    expect(publishedImageSize({ src: SRC, width: '1', height: '1' }, [{ srcset: SRC, width: '600', height: '400' }])).toEqual({ width: undefined, height: undefined });
  });
});
