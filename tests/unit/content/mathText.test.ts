import { parseFragment, type DefaultTreeAdapterMap } from 'parse5';
import { describe, expect, it } from 'vitest';
import { mathText } from '../../../lib/content/mathText.js';
import { firstParagraphOf } from '../../../lib/content/firstParagraph.js';
import { renderMarkdown } from '../../../lib/content/renderMarkdown.js';

// A MathML formula is published as the text a browser draws of it (MathML Core), in the body and the summary alike.
// Expected values worked out by hand from each formula.
const BASE = 'https://watch.example.org/';
const formula = (html: string): string => mathText(parseFragment(html).childNodes[0] as DefaultTreeAdapterMap['element']);

describe('mathText', () => {
  it('is its tokens’ text in order, the white space between them left out', () => {
    expect(formula('<math><mn>7.5</mn><mo>%</mo></math>')).toBe('7.5%');
    expect(formula('<math>\n  <mrow>\n    <mi>g</mi>\n    <mo>=</mo>\n    <mn> 1.3 </mn>\n  </mrow>\n</math>')).toBe('g=1.3');
    expect(formula('<math><mtext>GDP per head</mtext></math>')).toBe('GDP per head');
  });

  it('raises and lowers scripts so that no figure runs into its base', () => {
    expect(formula('<math><msup><mn>10</mn><mn>6</mn></msup></math>')).toBe('10⁶');
    expect(formula('<math><msup><mi>K</mi><mi>α</mi></msup></math>')).toBe('K^α');
    expect(formula('<math><msup><mi>e</mi><mrow><mo>-</mo><mi>x</mi></mrow></msup></math>')).toBe('e^(-x)');
    expect(formula('<math><msub><mi>x</mi><mn>1</mn></msub></math>')).toBe('x₁');
    expect(formula('<math><msub><mi>Y</mi><mi>t</mi></msub></math>')).toBe('Yₜ');
    expect(formula('<math><msub><mi>x</mi><mi>ij</mi></msub></math>')).toBe('x_(ij)');
    expect(formula('<math><msubsup><mi>x</mi><mn>0</mn><mn>2</mn></msubsup></math>')).toBe('x₀²');
  });

  it('writes a fraction as a/b and a root with √, bracketing a part of more than one term', () => {
    expect(formula('<math><mfrac><mn>1</mn><mn>2</mn></mfrac></math>')).toBe('1/2');
    expect(formula('<math><mfrac><mrow><mi>a</mi><mo>+</mo><mi>b</mi></mrow><mi>c</mi></mfrac></math>')).toBe('(a+b)/c');
    expect(formula('<math><msqrt><mn>2</mn></msqrt></math>')).toBe('√2');
    expect(formula('<math><msqrt><mi>x</mi><mo>+</mo><mn>1</mn></msqrt></math>')).toBe('√(x+1)');
    expect(formula('<math><mroot><mn>8</mn><mn>3</mn></mroot></math>')).toBe('³√8');
  });

  it('leaves out what a browser does not draw: annotations (a TeX source, an HTML copy) and an mphantom', () => {
    expect(formula('<math><semantics><mi>x</mi><annotation encoding="application/x-tex">x_{TeX}</annotation></semantics></math>')).toBe('x');
    expect(formula('<math><semantics><mn>2</mn><annotation-xml encoding="text/html"><b>HTML-copy</b></annotation-xml></semantics></math>')).toBe('2');
    expect(formula('<math><mn>1</mn><mphantom><mn>0</mn></mphantom><mn>2</mn></math>')).toBe('12');
  });

  it('reads a script under or over its base as one lowered or raised, not as its parts in a row ("limn→∞")', () => {
    // n has a subscript form (ₙ), → none: the whole script after _, bracketed.
    expect(formula('<math><munder><mo>lim</mo><mrow><mi>n</mi><mo>→</mo><mi>∞</mi></mrow></munder></math>')).toBe('lim_(n→∞)');
    // i has none: _(i=1); n has a superscript form: ⁿ.
    expect(formula('<math><munderover><mo>∑</mo><mrow><mi>i</mi><mo>=</mo><mn>1</mn></mrow><mi>n</mi></munderover></math>')).toBe('∑_(i=1)ⁿ');
    expect(formula('<math><mover><mo>=</mo><mtext>def</mtext></mover></math>')).toBe('=^(def)');
    // An accent, a lone operator over or under its base, follows it as drawn.
    expect(formula('<math><mover><mi>x</mi><mo>¯</mo></mover></math>')).toBe('x¯');
    expect(formula('<math><munder><mi>y</mi><mo>_</mo></munder></math>')).toBe('y_');
  });

  it('reads prescripts before the base and each pair of scripts after it lowered then raised, none empty', () => {
    expect(formula('<math><mmultiscripts><mi>C</mi><mprescripts/><mn>6</mn><mn>14</mn></mmultiscripts></math>')).toBe('₆¹⁴C');
    expect(formula('<math><mmultiscripts><mi>R</mi><mi>i</mi><none/><none/><mi>j</mi></mmultiscripts></math>')).toBe('R_i^j');
  });

  it('reads a formula nested far deeper than a call stack goes', () => {
    expect(formula(`<math>${'<mrow>'.repeat(30_000)}<mn>4</mn>${'</mrow>'.repeat(30_000)}</math>`)).toBe('4');
  });
});

describe('a body with MathML', () => {
  it('publishes the formula’s text in the body and the summary, from raw HTML and from a Markdown paragraph', () => {
    const raw = renderMarkdown('<p>Inflation reached <math><mn>7.5</mn><mo>%</mo></math> in the third quarter.</p>\n', BASE);
    expect(raw).toEqual({ html: '<p>Inflation reached 7.5% in the third quarter.</p>\n', firstParagraph: 'Inflation reached 7.5% in the third quarter.' });
    const markdown = 'Output grew <math><msup><mn>10</mn><mn>3</mn></msup></math> tonnes.\n';
    expect(renderMarkdown(markdown, BASE)).toEqual({ html: '<p>Output grew 10³ tonnes.</p>\n', firstParagraph: 'Output grew 10³ tonnes.' });
    expect(firstParagraphOf(markdown)).toBe('Output grew 10³ tonnes.');
  });

  it('publishes no element, image or script an annotation or a token holds', () => {
    const body = renderMarkdown('<p>A <math><semantics><mtext><img src="https://track.example.com/m.gif" alt="">x</mtext><annotation-xml encoding="text/html"><script>alert(1)</script>COPY</annotation-xml></semantics></math> b.</p>\n', BASE);
    expect(body).toEqual({ html: '<p>A x b.</p>\n', firstParagraph: 'A x b.' });
  });

  it('publishes none of the text of what the sanitiser drops with its content inside a token: a script, a style sheet, a noscript, a hidden span', () => {
    // An mtext holds HTML (an integration point, WHATWG HTML §13.2.6.5); a browser draws none of these.
    const body = '<p>A <math><mi>y</mi><mtext><script>alert(1)</script><style>p{color:red}</style><noscript>NS</noscript><span hidden>SECRET</span>x</mtext></math> b.</p>\n';
    expect(renderMarkdown(body, BASE)).toEqual({ html: '<p>A yx b.</p>\n', firstParagraph: 'A yx b.' });
  });

  it('leaves out KaTeX’s copy for screen readers, whose HTML rendering beside it is published', () => {
    const katex = '<p>Output <span class="katex"><span class="katex-mathml"><math><semantics><mrow><mi>Y</mi><mo>=</mo><mi>A</mi></mrow><annotation encoding="application/x-tex">Y=A</annotation></semantics></math></span><span class="katex-html" aria-hidden="true"><span class="mord">Y</span><span class="mrel">=</span><span class="mord">A</span></span></span> holds.</p>\n';
    expect(renderMarkdown(katex, BASE)).toEqual({ html: '<p>Output Y=A holds.</p>\n', firstParagraph: 'Output Y=A holds.' });
  });
});
