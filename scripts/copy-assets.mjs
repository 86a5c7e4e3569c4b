// Copies a folder of non-TypeScript assets (e.g. SQL migrations) into a build output.
import { cpSync } from 'node:fs';
const [from, to] = process.argv.slice(2);
cpSync(from, to, { recursive: true });
