import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  // The SDL the API's build writes from its code-first types: the one source of the dashboard's types.
  schema: '../api/schema.graphql',
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
