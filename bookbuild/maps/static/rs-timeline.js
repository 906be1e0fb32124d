// Course timeline: filter by theme and actor, zoom to a period, and show an event's details on focus or hover.
// Events and their details are in the page already (the list view); this script only shows, hides and moves them.
(function () {
  'use strict';
  var SVGNS = 'http://www.w3.org/2000/svg';
  document.querySelectorAll('figure.rs-timeline').forEach(function (fig) {
    var svg = fig.querySelector('svg.rs-tl-svg');
    var controls = fig.querySelector('.rs-tl-controls');
    var panel = fig.querySelector('.rs-tl-details');
    var count = fig.querySelector('.rs-tl-count');
    var dots = Array.prototype.slice.call(svg.querySelectorAll('a.rs-tl-dot'));
    var items = Array.prototype.slice.call(fig.querySelectorAll('li.rs-tl-item'));
    var width = svg.viewBox.baseVal.width, left = +svg.dataset.left, pad = +svg.dataset.pad;
    var axisLine = svg.querySelector('line[stroke="#555"]');
    var axisY = +axisLine.getAttribute('y1');
    var state = {lo: +svg.dataset.lo, hi: +svg.dataset.hi, actor: ''};
    controls.hidden = false;

    function x(t) { return left + pad + (t - state.lo) / (state.hi - state.lo) * (width - left - 2 * pad); }
    function shown(el) {
      var themes = Array.prototype.map.call(controls.querySelectorAll('input[name=theme]:checked'), function (c) { return c.value; });
      var t = +el.dataset.t;
      return themes.indexOf(el.dataset.theme) >= 0 && t >= state.lo && t <= state.hi &&
        (!state.actor || el.dataset.actors.split('|').indexOf(state.actor) >= 0);
    }
    function ticks() {
      svg.querySelectorAll('.rs-tl-tick').forEach(function (g) { g.remove(); });
      var span = state.hi - state.lo, step = span > 40 ? 10 : span > 15 ? 5 : span > 6 ? 2 : 1;
      for (var y = Math.ceil(state.lo / step) * step; y <= state.hi; y += step) {
        var g = document.createElementNS(SVGNS, 'g'), line = document.createElementNS(SVGNS, 'line'), text = document.createElementNS(SVGNS, 'text');
        g.setAttribute('class', 'rs-tl-tick');
        line.setAttribute('x1', x(y)); line.setAttribute('x2', x(y)); line.setAttribute('y1', axisY); line.setAttribute('y2', axisY + 4);
        line.setAttribute('stroke', '#555');
        text.setAttribute('x', x(y)); text.setAttribute('y', axisY + 16); text.setAttribute('text-anchor', 'middle');
        text.setAttribute('font-size', '11'); text.setAttribute('fill', '#333'); text.textContent = String(y);
        g.appendChild(line); g.appendChild(text); svg.appendChild(g);
      }
    }
    function apply() {
      var n = 0;
      dots.forEach(function (a) {
        var on = shown(a);
        a.classList.toggle('rs-off', !on);
        if (on) { a.removeAttribute('tabindex'); a.querySelector('circle').setAttribute('cx', x(+a.dataset.t).toFixed(1)); n++; }
        else a.setAttribute('tabindex', '-1');
      });
      items.forEach(function (li) { li.hidden = !shown(li); });
      ticks();
      count.textContent = n + ' of ' + dots.length + ' events shown';
    }
    function show(a) {
      var li = document.getElementById((a.getAttribute('href') || '').slice(1));
      if (!li) return;
      var box = document.createElement('div');
      Array.prototype.forEach.call(li.childNodes, function (n) { box.appendChild(n.cloneNode(true)); });
      panel.replaceChildren(box);
      panel.hidden = false;
      dots.forEach(function (d) { d.classList.remove('rs-active'); });
      a.classList.add('rs-active');
    }
    controls.addEventListener('change', function (ev) {
      if (ev.target.name === 'actor') state.actor = ev.target.value;
      apply();
    });
    controls.querySelectorAll('.rs-tl-periods button').forEach(function (b) {
      b.addEventListener('click', function () {
        state.lo = +b.dataset.lo; state.hi = +b.dataset.hi;
        controls.querySelectorAll('.rs-tl-periods button').forEach(function (o) { o.setAttribute('aria-pressed', String(o === b)); });
        apply();
      });
    });
    dots.forEach(function (a) {
      a.addEventListener('focus', function () { show(a); });
      a.addEventListener('mouseenter', function () { show(a); });
    });
    apply();
  });
})();
