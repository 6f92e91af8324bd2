/** Rewrites the share-link parameter table in README.md from the field table. */
import { readFileSync, writeFileSync } from 'node:fs';
import { withParamsTable } from '../src/core/config/params-doc';

const path = new URL('../README.md', import.meta.url);
writeFileSync(path, withParamsTable(readFileSync(path, 'utf8')));
console.log('README.md: share-link parameters written');
