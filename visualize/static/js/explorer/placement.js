/* Where an expansion puts the nodes it adds: on rings around the expanded node, each at least
   SPACING from every node already drawn, so nothing lands on anything. */

export const SPACING = 60; // canvas px between two nodes' centres
const FIRST_RING = 90;
const MAX_RINGS = 200;

/* A grid of the occupied points, so checking a candidate looks at its neighbourhood only. */
function grid(points) {
  const cells = new Map();
  const key = (x, y) => Math.floor(x / SPACING) + ":" + Math.floor(y / SPACING);
  const add = (p) => {
    const k = key(p.x, p.y);
    if (!cells.has(k)) { cells.set(k, []); }
    cells.get(k).push(p);
  };
  points.forEach(add);
  const free = (p) => {
    const cx = Math.floor(p.x / SPACING);
    const cy = Math.floor(p.y / SPACING);
    for (let dx = -1; dx <= 1; dx += 1) {
      for (let dy = -1; dy <= 1; dy += 1) {
        const near = cells.get((cx + dx) + ":" + (cy + dy)) || [];
        if (near.some((q) => Math.hypot(q.x - p.x, q.y - p.y) < SPACING)) { return false; }
      }
    }
    return true;
  };
  return { add: add, free: free };
}

/* `count` positions around `origin` that keep SPACING from `occupied` and from one another. */
export function placeAround(origin, count, occupied) {
  const taken = grid(occupied);
  const out = [];
  for (let ring = 0; out.length < count && ring < MAX_RINGS; ring += 1) {
    const radius = FIRST_RING + ring * SPACING;
    const slots = Math.max(6, Math.floor((2 * Math.PI * radius) / SPACING));
    const turn = ring % 2 ? Math.PI / slots : 0; // stagger the rings
    for (let i = 0; i < slots && out.length < count; i += 1) {
      const angle = turn + (2 * Math.PI * i) / slots;
      const p = { x: origin.x + radius * Math.cos(angle), y: origin.y + radius * Math.sin(angle) };
      if (taken.free(p)) { taken.add(p); out.push(p); }
    }
  }
  return out;
}
