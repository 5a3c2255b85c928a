// docs/benchmarks.svg: requests/s of each contender relative to the pass-through Worker, per page size, with the
// target drawn as a dashed line. Hand-built SVG, no dependencies.
import { ratio } from "./targets.mjs";

const BARS = [
  ["personalized", "Waymark, returning visitor", "#2563eb"],
  ["rotating", "Waymark, 5,000 visitors", "#0d9488"],
  ["growthbook", "GrowthBook edge app", "#9ca3af"],
];
const GROUPS = [
  ["50k", "50 KB page", 0.25],
  ["1m", "1 MB page", 0.35],
];

const esc = (s) => String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;");

export function ratioChart(results) {
  const W = 720;
  const H = 360;
  const left = 56;
  const top = 48;
  const plotH = 220;
  const values = GROUPS.flatMap(([size]) => BARS.map(([row]) => ratio(results, size, row))).filter(Number.isFinite);
  const max = Math.max(0.5, Math.ceil(Math.max(...values, 0) * 4) / 4);
  const y = (v) => top + plotH - (Math.min(v, max) / max) * plotH;
  const groupW = (W - left - 24) / GROUPS.length;
  const barW = 56;
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="system-ui, sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="#ffffff"/>`,
    `<text x="${left}" y="24" font-size="15" font-weight="600">Requests/s relative to the pass-through Worker (higher is better)</text>`,
  ];
  for (let v = 0; v <= max + 1e-9; v += max / 4) {
    out.push(`<line x1="${left}" x2="${W - 24}" y1="${y(v)}" y2="${y(v)}" stroke="#e5e7eb"/>`);
    out.push(`<text x="${left - 8}" y="${y(v) + 4}" text-anchor="end" fill="#6b7280">${v.toFixed(2)}x</text>`);
  }
  GROUPS.forEach(([size, label, target], g) => {
    const x0 = left + g * groupW;
    const start = x0 + (groupW - BARS.length * (barW + 12)) / 2;
    BARS.forEach(([row, , color], i) => {
      const v = ratio(results, size, row);
      const x = start + i * (barW + 12);
      if (!Number.isFinite(v)) {
        out.push(`<text x="${x + barW / 2}" y="${y(0) - 6}" text-anchor="middle" fill="#6b7280">n/a</text>`);
        return;
      }
      out.push(`<rect x="${x}" y="${y(v)}" width="${barW}" height="${Math.max(1, y(0) - y(v))}" fill="${color}"/>`);
      out.push(
        `<text x="${x + barW / 2}" y="${y(v) - 6}" text-anchor="middle">${v < 0.1 ? v.toFixed(3) : v.toFixed(2)}x</text>`,
      );
    });
    const x1 = start - 10;
    const x2 = start + BARS.length * (barW + 12);
    out.push(
      `<line x1="${x1}" x2="${x2}" y1="${y(target)}" y2="${y(target)}" stroke="#dc2626" stroke-width="2" stroke-dasharray="6 4"/>`,
    );
    out.push(`<text x="${x2 + 4}" y="${y(target) + 4}" fill="#dc2626">target ${target}x</text>`);
    out.push(
      `<text x="${x0 + groupW / 2}" y="${top + plotH + 22}" text-anchor="middle" font-weight="600">${esc(label)}</text>`,
    );
  });
  BARS.forEach(([, name, color], i) => {
    const x = left + i * 220;
    out.push(`<rect x="${x}" y="${H - 40}" width="12" height="12" fill="${color}"/>`);
    out.push(`<text x="${x + 18}" y="${H - 30}">${esc(name)}</text>`);
  });
  out.push(
    `<text x="${left}" y="${H - 10}" fill="#6b7280">${esc(results.machine.cpu)}, ${results.machine.cores} cores, workerd ${esc(results.machine.workerd)}, ${esc(results.machine.date)}</text>`,
  );
  out.push("</svg>");
  return out.join("\n") + "\n";
}
