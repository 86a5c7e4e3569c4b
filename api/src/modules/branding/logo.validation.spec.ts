import { normaliseColour } from './branding.service.js';
import { MAX_LOGO_BYTES, validateLogo } from './logo.validation.js';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const dataUrl = (mime: string, bytes: Buffer | string) =>
  `data:${mime};base64,${Buffer.from(bytes).toString('base64')}`;
const fieldError = (run: () => unknown): [string | undefined, string] => {
  try {
    run();
  } catch (error) {
    const e = error as { extensions: { field?: string }; message: string };
    return [e.extensions.field, e.message];
  }
  throw new Error('expected an error');
};

describe('logo validation (by content) and SVG sanitising', () => {
  it('accepts a PNG by its signature, as a data URL or bare base64', () => {
    expect(validateLogo(dataUrl('image/png', PNG))).toEqual({ mime: 'image/png', bytes: PNG });
    expect(validateLogo(PNG.toString('base64')).mime).toBe('image/png');
  });

  it('refuses a file over 200 KB, naming input.logo', () => {
    const big = Buffer.concat([PNG, Buffer.alloc(MAX_LOGO_BYTES - PNG.length + 1)]);
    expect(big.length).toBe(204_801);
    expect(fieldError(() => validateLogo(dataUrl('image/png', big)))).toEqual([
      'input.logo',
      'logo is too big: at most 200 KB',
    ]);
    // exactly 200 KB is fine
    expect(validateLogo(dataUrl('image/png', big.subarray(0, MAX_LOGO_BYTES))).bytes.length).toBe(204_800);
  });

  it('refuses other types whatever the name or data URL claims', () => {
    const gif = Buffer.from('GIF89a\u0001\u0000\u0001\u0000');
    expect(fieldError(() => validateLogo(dataUrl('image/png', gif)))).toEqual([
      'input.logo',
      'logo must be a PNG or an SVG image (its content is neither)',
    ]);
    expect(fieldError(() => validateLogo(dataUrl('image/png', '<svg xmlns="http://www.w3.org/2000/svg"/>')))).toEqual([
      'input.logo',
      'logo says it is image/png but its content is SVG',
    ]);
    expect(fieldError(() => validateLogo('not base64!'))[0]).toBe('input.logo');
    // an entity-declaring DOCTYPE (billion laughs) is not an SVG we take
    expect(
      fieldError(() => validateLogo(dataUrl('image/svg+xml', '<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg>&a;</svg>')))[0],
    ).toBe('input.logo');
  });

  it('removes scripts, event handlers and external references from an SVG', () => {
    const hostile =
      '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" ' +
      'viewBox="0 0 10 10" onload="alert(1)">' +
      '<script>alert(2)</script>' +
      '<defs><linearGradient id="g"><stop offset="0" stop-color="#f00"/></linearGradient></defs>' +
      '<circle cx="5" cy="5" r="4" fill="url(#g)" onclick="steal()"/>' +
      '<rect width="2" height="2" fill="url(http://example.invalid/track)"/>' +
      '<use href="http://example.invalid/evil.svg#x"/><use xlink:href="#g"/>' +
      '<image href="https://example.invalid/pixel.png"/>' +
      '<a href="javascript:alert(3)"><text>hi</text></a>' +
      '<style>@import url(http://example.invalid/x.css);</style>' +
      '<foreignObject><div>x</div></foreignObject>' +
      '</svg>';
    const logo = validateLogo(dataUrl('image/svg+xml', hostile));
    expect(logo.mime).toBe('image/svg+xml');
    expect(logo.bytes.toString('utf8')).toBe(
      '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">' +
        '<defs><linearGradient id="g"><stop offset="0" stop-color="#f00"></stop></linearGradient></defs>' +
        '<circle cx="5" cy="5" r="4" fill="url(#g)"></circle>' +
        '<rect width="2" height="2"></rect>' +
        // <use> is not in DOMPurify's SVG allow-list (local or not); the removed <a> keeps its text
        '<text>hi</text>' +
        '</svg>',
    );
  });

  it('adds the SVG namespace when the file leaves it out (served standalone it needs one)', () => {
    expect(
      validateLogo(dataUrl('image/svg+xml', '<svg viewBox="0 0 1 1"><path d="M0 0h1v1z"/></svg>')).bytes.toString(),
    ).toBe('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><path d="M0 0h1v1z"></path></svg>');
  });
});

describe('accent colour', () => {
  it('takes #rrggbb or #rgb, lower-cased; anything else names input.accentColor', () => {
    expect(normaliseColour('#1F6FEB')).toBe('#1f6feb');
    expect(normaliseColour('#AbC')).toBe('#aabbcc');
    for (const bad of ['red', '#12345', '1f6feb', '#1f6febff', 'rgb(1,2,3)', '#ggg'])
      expect(fieldError(() => normaliseColour(bad))[0]).toBe('input.accentColor');
  });
});
