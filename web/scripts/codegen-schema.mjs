// The schema web types are generated from: api/schema.graphql (what the server answers today) plus,
// for every type or field of docs/API-CONTRACT.graphql the API has not shipped yet, the contract's
// declaration. Where both declare a field the API wins, so a document that disagrees with the real
// server fails codegen instead of failing in the browser. The pending list is printed on every run
// so nobody mistakes a contract field for a shipped one.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Kind, buildASTSchema, parse, print } from 'graphql';

const root = fileURLToPath(new URL('../../', import.meta.url));
export const API_SCHEMA = `${root}api/schema.graphql`;
export const CONTRACT = `${root}docs/API-CONTRACT.graphql`;

const FIELD_HOLDERS = new Set([
  Kind.OBJECT_TYPE_DEFINITION,
  Kind.INPUT_OBJECT_TYPE_DEFINITION,
  Kind.INTERFACE_TYPE_DEFINITION,
]);
const EXTENSION_OF = {
  [Kind.OBJECT_TYPE_DEFINITION]: Kind.OBJECT_TYPE_EXTENSION,
  [Kind.INPUT_OBJECT_TYPE_DEFINITION]: Kind.INPUT_OBJECT_TYPE_EXTENSION,
  [Kind.INTERFACE_TYPE_DEFINITION]: Kind.INTERFACE_TYPE_EXTENSION,
};
const ENUM_VALUES = Kind.ENUM_TYPE_DEFINITION;

/** @returns {{ sdl: string, pending: string[] }} */
export function mergedSchema() {
  const api = parse(readFileSync(API_SCHEMA, 'utf8'));
  const contract = parse(readFileSync(CONTRACT, 'utf8'));
  const shipped = new Map(api.definitions.filter((d) => 'name' in d && d.name).map((d) => [d.name.value, d]));
  const additions = [];
  const pending = [];
  for (const def of contract.definitions) {
    if (!('name' in def) || !def.name) continue;
    const name = def.name.value;
    const real = shipped.get(name);
    if (!real) {
      additions.push(def);
      pending.push(name);
      continue;
    }
    if (FIELD_HOLDERS.has(def.kind) && real.kind === def.kind) {
      const have = new Set((real.fields ?? []).map((f) => f.name.value));
      const missing = (def.fields ?? []).filter((f) => !have.has(f.name.value));
      if (missing.length === 0) continue;
      additions.push({ kind: EXTENSION_OF[def.kind], name: def.name, fields: missing, directives: [], interfaces: [] });
      pending.push(...missing.map((f) => `${name}.${f.name.value}`));
    } else if (def.kind === ENUM_VALUES && real.kind === ENUM_VALUES) {
      const have = new Set((real.values ?? []).map((v) => v.name.value));
      const missing = (def.values ?? []).filter((v) => !have.has(v.name.value));
      if (missing.length === 0) continue;
      additions.push({ kind: Kind.ENUM_TYPE_EXTENSION, name: def.name, values: missing, directives: [] });
      pending.push(...missing.map((v) => `${name}.${v.name.value}`));
    }
  }
  const sdl = print({ kind: Kind.DOCUMENT, definitions: [...api.definitions, ...additions] });
  // Fails here, with graphql's message, if the contract names a type neither file declares.
  buildASTSchema(parse(sdl));
  return { sdl, pending };
}
