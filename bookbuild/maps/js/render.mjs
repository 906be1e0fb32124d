// The course's one map renderer: Natural Earth countries (npm world-atlas) projected with d3-geo into an SVG
// string. Pure (no DOM, no files): cli.mjs runs it under Node at build time; the page and the PDF show its output.
import {geoConicConformal, geoPath, geoCentroid} from 'd3-geo';
import {feature, merge} from 'topojson-client';

const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'}[c]));

// UN usage: Cyprus is one member state, so Natural Earth's separate "N. Cyprus" polygon is merged into it.
export function countries(topo) {
  const geoms = topo.objects.countries.geometries;
  const cyprus = geoms.filter((g) => g.properties.name === 'Cyprus' || g.properties.name === 'N. Cyprus');
  const rest = geoms.filter((g) => !cyprus.includes(g));
  const feats = rest.map((g) => feature(topo, g));
  if (cyprus.length) feats.push({type: 'Feature', id: '196', properties: {name: 'Cyprus'}, geometry: merge(topo, cyprus)});
  return feats;
}

function projectionFor(spec) {
  const [[w0, s0], [e0, n0]] = spec.bbox;
  const frame = {type: 'Feature', geometry: {type: 'MultiPoint', coordinates: [[w0, s0], [e0, n0], [w0, n0], [e0, s0]]}};
  return geoConicConformal().parallels([s0 + 1, n0 - 1]).rotate([-(w0 + e0) / 2, 0])
    .fitExtent([[0, 0], [spec.width, spec.height]], frame)
    .clipExtent([[0, 0], [spec.width, spec.height]]);
}

// A marker's shape says its category without colour (WCAG 1.4.1): circle, square, diamond, triangle.
function marker(shape, x, y, r) {
  const f = (n) => n.toFixed(1);
  if (shape === 'square') return `<rect x="${f(x - r)}" y="${f(y - r)}" width="${f(2 * r)}" height="${f(2 * r)}"/>`;
  if (shape === 'diamond') return `<path d="M${f(x)},${f(y - r * 1.3)}L${f(x + r * 1.3)},${f(y)}L${f(x)},${f(y + r * 1.3)}L${f(x - r * 1.3)},${f(y)}Z"/>`;
  if (shape === 'triangle') return `<path d="M${f(x)},${f(y - r * 1.3)}L${f(x + r * 1.2)},${f(y + r)}L${f(x - r * 1.2)},${f(y + r)}Z"/>`;
  return `<circle cx="${f(x)}" cy="${f(y)}" r="${f(r)}"/>`;
}

function panel(spec, p, feats, ox) {
  const proj = projectionFor({...spec, width: p.width});
  const path = geoPath(proj).digits(1);
  const out = [`<g transform="translate(${ox},0)">`, `<rect class="rs-map-sea" width="${p.width}" height="${spec.height}" fill="#dcebf5"/>`];
  for (const f of feats) {
    const d = path(f);
    if (!d) continue;
    const focus = spec.focus === f.properties.name;
    out.push(`<path class="${focus ? 'rs-map-focus' : 'rs-map-land'}" d="${d}" fill="${focus ? '#f4efe2' : '#e4e4e0'}" stroke="#6b6b6b" stroke-width="${focus ? 1.2 : 0.6}"/>`);
  }
  for (const f of feats) {  // country names where the country shows large enough to hold one
    if (!(spec.countryLabels || []).includes(f.properties.name)) continue;
    const [x, y] = proj(spec.labelAt?.[f.properties.name] || geoCentroid(f)) || [];
    if (x > 20 && x < p.width - 20 && y > 12 && y < spec.height - 8) {
      out.push(`<text class="rs-map-country" x="${x.toFixed(0)}" y="${y.toFixed(0)}" text-anchor="middle" font-size="12" letter-spacing="1" fill="#555">${esc(f.properties.name.toUpperCase())}</text>`);
    }
  }
  for (const sea of spec.seaLabels || []) {
    const [x, y] = proj([sea.lon, sea.lat]);
    out.push(`<text class="rs-map-sea-label" x="${x.toFixed(0)}" y="${y.toFixed(0)}" text-anchor="middle" font-size="13" font-style="italic" fill="#1f4e79">${esc(sea.label)}</text>`);
  }
  for (const a of spec.areas || []) {  // contested areas: a neutral italic label and a dashed ring, no border claim
    const [x, y] = proj([a.lon, a.lat]);
    out.push(`<g class="rs-map-area"><circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="9" fill="none" stroke="#444" stroke-dasharray="2 2"/>`
      + `<text x="${(x + (a.dx ?? -12)).toFixed(0)}" y="${(y + (a.dy ?? 3)).toFixed(0)}" text-anchor="${a.anchor || 'end'}" font-size="11" font-style="italic" fill="#333">${esc(a.label)}</text></g>`);
  }
  if (p.title) out.push(`<text class="rs-map-panel-title" x="8" y="18" font-size="13" font-weight="bold" fill="#222">${esc(p.title)}</text>`);
  for (const pt of p.points) {
    const [x0, y] = proj([pt.lon, pt.lat]);
    const x = x0 + (pt.ox || 0);
    const lx = x + (pt.dx ?? 7), ly = y + (pt.dy ?? 4);
    out.push(`<a class="rs-map-place ${esc(pt.cls || '')}" href="#${esc(pt.target)}" data-target="${esc(pt.target)}" aria-label="${esc(pt.aria)}">`
      + `<g class="rs-map-marker" fill="${esc(pt.fill || '#0072B2')}" stroke="#222" stroke-width="1">${marker(pt.shape, x, y, pt.r || 5)}</g>`
      + `<text x="${lx.toFixed(1)}" y="${ly.toFixed(1)}" text-anchor="${pt.anchor || 'start'}" font-size="12" fill="#111" paint-order="stroke" stroke="#fff" stroke-width="3">${esc(pt.label)}</text></a>`);
  }
  out.push('</g>');
  return out.join('');
}

// spec: {id, width, height, bbox: [[west, south], [east, north]], focus, countryLabels, areas, panels: [{title, points}],
//        legend: [{shape, fill, label}], title, desc}. Returns the SVG markup (role="img" when not interactive).
export function renderMap(topo, spec) {
  const feats = countries(topo);
  const n = spec.panels.length;
  const gap = 10;
  const pw = Math.floor((spec.width - gap * (n - 1)) / n);
  const legendH = spec.legend?.length ? 26 : 0;
  const h = spec.height + legendH;
  const out = [`<svg xmlns="http://www.w3.org/2000/svg" class="rs-map-svg" viewBox="0 0 ${spec.width} ${h}" width="${spec.width}" height="${h}" font-family="system-ui, sans-serif" aria-labelledby="${esc(spec.id)}-title ${esc(spec.id)}-desc">`,
    `<title id="${esc(spec.id)}-title">${esc(spec.title)}</title><desc id="${esc(spec.id)}-desc">${esc(spec.desc)}</desc>`];
  spec.panels.forEach((p, i) => out.push(panel(spec, {...p, width: pw}, feats, i * (pw + gap))));
  let x = 4;
  for (const item of spec.legend || []) {
    out.push(`<g class="rs-map-legend" fill="${esc(item.fill)}" stroke="#222" stroke-width="1">${marker(item.shape, x + 6, spec.height + 14, 5)}</g>`
      + `<text x="${x + 16}" y="${spec.height + 18}" font-size="12" fill="#111">${esc(item.label)}</text>`);
    x += 24 + item.label.length * 6.6;
  }
  out.push('</svg>');
  return out.join('');
}
