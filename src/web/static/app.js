// The timeline chart's interactivity: pointer or arrow keys pick a period and its figures are
// read out beside the legend. Everything else on the page works without this script.
for (const svg of document.querySelectorAll('svg.timeline')) {
  const periods = [...svg.querySelectorAll('g.period')];
  const readout = svg.closest('figure')?.querySelector('.chart-readout');
  if (!periods.length || !readout) continue;
  let current = -1;
  const select = (i) => {
    if (current >= 0) periods[current].classList.remove('active');
    current = Math.max(0, Math.min(periods.length - 1, i));
    periods[current].classList.add('active');
    readout.textContent = periods[current].dataset.summary;
  };
  svg.addEventListener('pointermove', (event) => {
    const x = event.clientX;
    let best = 0;
    let bestDistance = Number.POSITIVE_INFINITY;
    periods.forEach((g, i) => {
      const box = g.getBoundingClientRect();
      const distance = Math.abs(box.left + box.width / 2 - x);
      if (distance < bestDistance) [best, bestDistance] = [i, distance];
    });
    select(best);
  });
  svg.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowRight') select(current + 1);
    else if (event.key === 'ArrowLeft') select(current < 0 ? periods.length - 1 : current - 1);
    else if (event.key === 'Home') select(0);
    else if (event.key === 'End') select(periods.length - 1);
    else return;
    event.preventDefault();
  });
  svg.addEventListener('focus', () => current < 0 && select(periods.length - 1));
}
