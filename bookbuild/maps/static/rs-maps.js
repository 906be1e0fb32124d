// Course maps: focusing or pointing at a place shows its table row (data and source) in the panel under the map.
// The rows are already in the page (the table alternative), so nothing is fetched and no markup is built from text.
(function () {
  'use strict';
  function show(fig, panel, place) {
    var id = (place.getAttribute('href') || '').slice(1);
    var row = id && document.getElementById(id);
    if (!row) return;
    var heads = fig.querySelectorAll('thead th');
    var list = document.createElement('dl');
    Array.prototype.forEach.call(row.children, function (cell, i) {
      var dt = document.createElement('dt');
      dt.textContent = heads[i] ? heads[i].textContent : '';
      var dd = document.createElement('dd');
      Array.prototype.forEach.call(cell.childNodes, function (n) { dd.appendChild(n.cloneNode(true)); });
      list.appendChild(dt);
      list.appendChild(dd);
    });
    panel.replaceChildren(list);
    panel.hidden = false;
    fig.querySelectorAll('.rs-map-place.rs-active').forEach(function (a) { a.classList.remove('rs-active'); });
    place.classList.add('rs-active');
  }
  document.querySelectorAll('figure.rs-map').forEach(function (fig) {
    var panel = fig.querySelector('.rs-map-details');
    var table = fig.querySelector('details.rs-map-table');
    fig.querySelectorAll('a.rs-map-place').forEach(function (place) {
      place.addEventListener('focus', function () { show(fig, panel, place); });
      place.addEventListener('mouseenter', function () { show(fig, panel, place); });
      place.addEventListener('click', function () { if (table) table.open = true; });
    });
    fig.querySelectorAll('a[href^="#"]').forEach(function (a) {  // "the map as a table" opens the table
      if (!a.classList.contains('rs-map-place')) a.addEventListener('click', function () { if (table) table.open = true; });
    });
  });
})();
