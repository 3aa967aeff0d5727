/** Writes docs/mapping.md from the synonyms (npm run mapping:doc). */
import { writeFileSync } from 'node:fs';
import { mappingDoc } from '../src/lib/import/synonyms-doc';

writeFileSync(new URL('../docs/mapping.md', import.meta.url), mappingDoc());
