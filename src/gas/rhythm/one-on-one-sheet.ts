/**
 * "1:1": one block per manager, one under another, with a contents list at the top (manager →
 * the row of the block). Blocks rather than a drop-down: a drop-down needs formulas over a hidden
 * table or an onEdit trigger to re-render, while blocks work read-only, print, and let a sales
 * head run the week's 1:1s one after another with Ctrl+F on a name.
 *
 * A block: the metric table (this week, last week, change, department, target, deviation, how
 * many deals are behind it) and then the deals behind each deviation, each with a link to amoCRM
 * (at most MAX_DEALS per metric; the rest is counted).
 */
import type { Locale } from "../../core/i18n";
import { getMetric } from "../../core/metrics/registry";
import type { Lead } from "../../core/model";
import type { OneOnOne } from "../../core/rhythm";
import { type Cell, COLORS, FORMAT, Grid, linkCell, numberCell, text } from "./grid";
import { tr } from "./messages";
import { changeCell, dayText, metricCell, metricTitle, type Names } from "./sheets";
import { targetText } from "./targets-text";

export const MAX_DEALS_PER_DEVIATION = 10;

export function oneOnOneGrid(
  all: readonly OneOnOne[],
  locale: Locale,
  names: Names,
  leadById: (id: number) => Lead | undefined,
  accountBaseUrl: string | null,
): Grid {
  const g = new Grid();
  const first = all[0];
  if (first) {
    g.add(
      [
        text(
          tr(locale, "oneOnOne.title", {
            from: dayText(first.thisWeek.firstDay),
            to: dayText(first.thisWeek.lastDay),
            prevFrom: dayText(first.lastWeek.firstDay),
            prevTo: dayText(first.lastWeek.lastDay),
          }),
        ),
      ],
      { bold: true },
    );
  }
  const ordered = [...all].sort((a, b) => names.user(a.managerId).localeCompare(names.user(b.managerId)));
  // Contents: one row per manager; block rows are known once the blocks are laid out, so the
  // contents rows are reserved now and filled in after.
  g.add([text(tr(locale, "oneOnOne.contents"))], { bold: true });
  const contentsStart = g.rows.length + 1;
  for (const _ of ordered) g.add([]);
  for (const one of ordered) {
    g.blank();
    const blockRow = g.add([text(names.user(one.managerId))], { bold: true, background: COLORS.header });
    g.rows[contentsStart - 1 + ordered.indexOf(one)] = [
      text(names.user(one.managerId)),
      numberCell(blockRow, FORMAT.integer),
    ];
    const header = [
      "common.metric",
      "oneOnOne.thisWeek",
      "oneOnOne.lastWeek",
      "oneOnOne.change",
      "oneOnOne.department",
      "oneOnOne.target",
      "oneOnOne.deviation",
      "oneOnOne.deals",
    ] as const;
    g.add(
      header.map((k) => text(tr(locale, k))),
      { bold: true },
    );
    for (const r of one.rows) {
      const snapshot = getMetric(r.metricId).periodBy === "snapshot";
      const cells: Cell[] = [
        text(metricTitle(r.metricId, locale)),
        metricCell(r.metricId, r.thisWeek),
        snapshot ? text(tr(locale, "oneOnOne.snapshot")) : metricCell(r.metricId, r.lastWeek),
        changeCell(r.metricId, r.change),
        metricCell(r.metricId, r.department),
        text(targetText(r.target, locale)),
        r.deviation === null ? null : text(tr(locale, r.deviation ? "common.yes" : "common.no")),
        r.deviation ? numberCell(r.deviationLeadIds.length, FORMAT.integer) : null,
      ];
      const row = g.add(cells);
      if (r.deviation === true) g.style(row, 6, { background: COLORS.breach });
    }
    const deviating = one.rows.filter((r) => r.deviation === true && r.deviationLeadIds.length > 0);
    g.add([text(tr(locale, "oneOnOne.dealsTitle"))], { bold: true });
    if (deviating.length === 0) g.add([text(tr(locale, "oneOnOne.noDeviations"))]);
    for (const r of deviating) {
      const shown = r.deviationLeadIds.slice(0, MAX_DEALS_PER_DEVIATION);
      for (const id of shown) {
        const lead = leadById(id);
        g.add([text(metricTitle(r.metricId, locale)), linkCell(accountBaseUrl, id), text(lead?.name ?? "")]);
      }
      const rest = r.deviationLeadIds.length - shown.length;
      if (rest > 0)
        g.add([text(metricTitle(r.metricId, locale)), text(tr(locale, "common.more", { n: rest }))]);
    }
  }
  return g;
}
