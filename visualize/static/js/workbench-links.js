/* Where an area's workbench pages are: its table of units lacking links (of one kind), its structural
   gaps and its needs matched with resources. The explorer's details panel and the home's progress rows
   link them. */

export function workbenchLinks(areaId, by) {
  const enc = encodeURIComponent(areaId);
  return [
    { href: "/view/gaps?area=" + enc + "&by=" + encodeURIComponent(by || "any"), key: "wb_gaps" },
    { href: "/view/area-gaps?area=" + enc, key: "wb_area_gaps" },
    { href: "/view/matches?area=" + enc, key: "wb_matches" },
  ];
}
