// with-rules.mjs — applies the server's page-state rules (fixtures/rules.json, today's GET /api/catalog `rules`
// under the default settings) to state.js, as the page does before it reads its link. Import it first.
import { readFileSync } from 'node:fs';
import { applyRules } from '../../static/js/state/state.js';

applyRules(JSON.parse(readFileSync(new URL('./fixtures/rules.json', import.meta.url))));
