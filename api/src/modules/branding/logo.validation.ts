import { ApiErrorCode, ApiException } from '../../api.exception.js';
import { sanitiseSvg } from './svg-sanitiser.js';

export type LogoMime = 'image/png' | 'image/svg+xml';

export interface Logo {
  mime: LogoMime;
  bytes: Buffer;
}

/** The largest logo accepted, in bytes of the file (200 KB). */
export const MAX_LOGO_BYTES = 200 * 1024;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** A data URL or bare base64. */
const DATA_URL = /^data:([\w/+.-]+)?(;[\w=-]+)*;base64,/i;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

const bad = (message: string): ApiException => new ApiException(ApiErrorCode.BAD_USER_INPUT, message, 'input.logo');

/**
 * Prolog that may come before an SVG's root: BOM, XML declaration, comments, a DOCTYPE without an
 * internal subset (one with `[` could declare entities: refused).
 */
const SVG_ROOT =
  /^\ufeff?\s*(<\?xml[^>]*\?>\s*)?(<!--[\s\S]*?-->\s*)*(<!DOCTYPE svg[^[>]*>\s*)?(<!--[\s\S]*?-->\s*)*<svg[\s>]/i;

/**
 * A logo upload (a data URL or bare base64): PNG or SVG by its content, whatever it claims; at most
 * 200 KB; an SVG sanitised (svg-sanitiser.ts). Errors name `input.logo` and say why.
 */
export function validateLogo(encoded: string): Logo {
  const text = encoded.trim();
  const header = DATA_URL.exec(text);
  const payload = (header ? text.slice(header[0].length) : text).replace(/\s+/g, '');
  if (!BASE64.test(payload) || payload.length === 0)
    throw bad('logo must be a PNG or SVG file as a base64 data URL (data:image/png;base64,…)');
  // base64: 4 characters per 3 bytes; checked before decoding so a huge string is never decoded
  if (
    Math.floor((payload.length * 3) / 4) - (payload.endsWith('==') ? 2 : payload.endsWith('=') ? 1 : 0) >
    MAX_LOGO_BYTES
  )
    throw bad(`logo is too big: at most ${MAX_LOGO_BYTES / 1024} KB`);
  const bytes = Buffer.from(payload, 'base64');
  if (bytes.length > MAX_LOGO_BYTES) throw bad(`logo is too big: at most ${MAX_LOGO_BYTES / 1024} KB`);
  const declared = header?.[1]?.toLowerCase();
  let logo: Logo;
  if (bytes.subarray(0, PNG_SIGNATURE.length).equals(PNG_SIGNATURE)) {
    logo = { mime: 'image/png', bytes };
  } else {
    const markup = bytes.toString('utf8');
    if (!SVG_ROOT.test(markup)) throw bad('logo must be a PNG or an SVG image (its content is neither)');
    const clean = sanitiseSvg(markup);
    if (!/^<svg[\s>]/.test(clean)) throw bad('logo is an SVG with nothing left after removing unsafe content');
    logo = { mime: 'image/svg+xml', bytes: Buffer.from(clean, 'utf8') };
  }
  if (declared && declared !== logo.mime)
    throw bad(`logo says it is ${declared} but its content is ${logo.mime === 'image/png' ? 'PNG' : 'SVG'}`);
  return logo;
}
