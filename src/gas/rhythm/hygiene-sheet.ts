/**
 * "Гигиена данных": a summary (one row per check with its count, red when not zero), the loss-reason
 * directory against its limit, the junk stages with their open deals, then each check's deals
 * (newest first, at most MAX_LISTED each) with links to amoCRM.
 */
import type { Locale } from "../../core/i18n";
import type { Lead } from "../../core/model";
import { HYGIENE_LISTS, type Hygiene } from "../../core/rhythm";
import { COLORS, dateCell, FORMAT, Grid, linkCell, numberCell, text } from "./grid";
import { tr } from "./messages";
import type { Names } from "./sheets";

export const MAX_LISTED = 100;

export function hygieneGrid(
  h: Hygiene,
  locale: Locale,
  names: Names,
  junkWords: readonly string[],
  leadById: (id: number) => Lead | undefined,
  accountBaseUrl: string | null,
): Grid {
  const g = new Grid();
  g.add([text(tr(locale, "hygiene.title", { n: h.leads }))], { bold: true });
  g.blank();
  g.add([text(tr(locale, "hygiene.check")), text(tr(locale, "hygiene.count"))], {
    bold: true,
    background: COLORS.header,
  });
  for (const k of HYGIENE_LISTS) {
    const n = h.lists[k].length;
    const row = g.add([text(tr(locale, `hygiene.${k}`)), numberCell(n, FORMAT.integer)]);
    g.style(row, 1, { background: n > 0 ? COLORS.breach : COLORS.ok });
  }
  const lr = g.add([
    text(tr(locale, "hygiene.lossReasons", { count: h.lossReasons.count, max: h.lossReasons.max })),
  ]);
  if (h.lossReasons.tooMany) {
    g.style(lr, 0, { background: COLORS.breach });
    g.add([text(tr(locale, "hygiene.tooMany", { max: h.lossReasons.max }))]);
  }

  g.blank();
  g.add([text(tr(locale, "hygiene.junk", { words: junkWords.join(", ") }))], { bold: true });
  if (h.junkStages.length === 0) g.add([text(tr(locale, "hygiene.noJunk"))]);
  else {
    g.add(
      ["hygiene.pipeline", "hygiene.stage", "hygiene.word", "hygiene.openDeals"].map((k) =>
        text(tr(locale, k as "hygiene.stage")),
      ),
      { bold: true, background: COLORS.header },
    );
    for (const s of h.junkStages) {
      g.add([text(s.pipelineName), text(s.name), text(s.word), numberCell(s.leadIds.length, FORMAT.integer)]);
    }
  }

  const lists: [string, number[]][] = [
    ...HYGIENE_LISTS.map((k) => [tr(locale, `hygiene.${k}`), h.lists[k]] as [string, number[]]),
    ...h.junkStages.map((s) => [`${s.pipelineName} / ${s.name}`, s.leadIds] as [string, number[]]),
  ];
  for (const [title, ids] of lists) {
    if (ids.length === 0) continue;
    g.blank();
    g.add([text(tr(locale, "hygiene.list", { title, n: ids.length }))], { bold: true });
    g.add(
      ["common.deal", "common.name", "common.manager", "common.created"].map((k) =>
        text(tr(locale, k as "common.deal")),
      ),
      { bold: true, background: COLORS.header },
    );
    for (const id of ids.slice(0, MAX_LISTED)) {
      const lead = leadById(id);
      g.add([
        linkCell(accountBaseUrl, id),
        text(lead?.name ?? ""),
        text(lead ? names.user(lead.responsibleUserId) : ""),
        dateCell(lead?.createdAt ?? null),
      ]);
    }
    if (ids.length > MAX_LISTED) g.add([text(tr(locale, "common.more", { n: ids.length - MAX_LISTED }))]);
  }
  return g;
}
