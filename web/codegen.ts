import type { CodegenConfig } from '@graphql-codegen/cli';
import { mergedSchema } from './scripts/codegen-schema.mjs';

const { sdl, pending } = mergedSchema();
console.log(
  pending.length === 0
    ? 'codegen: every field of docs/API-CONTRACT.graphql is in api/schema.graphql'
    : `codegen: ${pending.length} contract types/fields not yet in api/schema.graphql (typed from the contract): ${pending.join(', ')}`,
);

const config: CodegenConfig = {
  schema: sdl,
  documents: ['src/**/*.{ts,tsx}', '!src/gql/**'],
  ignoreNoDocuments: true,
  generates: {
    'src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        enumsAsTypes: true,
        // DateTime is an ISO string on the wire; parsing stays in format.ts where the zone is known.
        scalars: { DateTime: 'string' },
        useTypeImports: true,
        avoidOptionals: { field: true, inputValue: false, object: true, defaultValue: false },
        skipTypename: true,
        documentMode: 'documentNode',
      },
    },
  },
};

export default config;
