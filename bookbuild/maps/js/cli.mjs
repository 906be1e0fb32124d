// Build-time entry point: reads {"atlas": path, "maps": [spec, ...]} as JSON on stdin and writes
// {"<id>": "<svg>", ...} as JSON on stdout. One Node process renders every map of a build.
import {readFileSync} from 'node:fs';
import {renderMap} from './render.mjs';

const input = JSON.parse(readFileSync(0, 'utf8'));
const topo = JSON.parse(readFileSync(input.atlas, 'utf8'));
const out = {};
for (const spec of input.maps) out[spec.id] = renderMap(topo, spec);
process.stdout.write(JSON.stringify(out));
