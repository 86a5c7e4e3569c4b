import createDOMPurify from 'dompurify';
import { JSDOM } from 'jsdom';

const purify = createDOMPurify(new JSDOM('').window);

/** href values that stay inside the file (`#id`); anything else would make the logo fetch or link out. */
const LOCAL_REFERENCE = /^\s*#/;
const REFERENCE_ATTRIBUTES = ['href', 'xlink:href', 'src'];

// External references out: a logo must not load or link to anything (tracking pixels, remote fonts,
// javascript: URLs). url(...) in presentation attributes may only point inside the file too.
purify.addHook('afterSanitizeAttributes', (node) => {
  for (const name of REFERENCE_ATTRIBUTES) {
    const value = node.getAttribute(name);
    if (value !== null && !LOCAL_REFERENCE.test(value)) node.removeAttribute(name);
  }
  for (const attribute of [...node.attributes]) {
    if (/url\s*\(\s*['"]?\s*(?!#)/i.test(attribute.value)) node.removeAttribute(attribute.name);
  }
});

/**
 * An SVG logo made safe to serve and to inline: DOMPurify's SVG profile (no <script>, no event
 * handlers, no foreignObject) plus no <style>, no style attributes, no <image>/<a> targets and no
 * reference outside the file. Returns the cleaned markup with the SVG namespace on its root.
 */
export function sanitiseSvg(markup: string): string {
  const clean = purify.sanitize(markup, {
    USE_PROFILES: { svg: true, svgFilters: true },
    FORBID_TAGS: ['style', 'image', 'a', 'foreignObject', 'script'],
    FORBID_ATTR: ['style'],
  });
  return clean.replace(/^<svg(?![^>]*\sxmlns=)/, '<svg xmlns="http://www.w3.org/2000/svg"');
}
