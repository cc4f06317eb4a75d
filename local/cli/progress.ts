/** A one-line progress bar on stderr (redrawn in place on a terminal, one line per update otherwise). */
import { STEPS, type StepId } from "../../src/sync/state";

const STEP_TITLES: Record<StepId, string> = {
  dictionaries: "справочники",
  leads: "сделки",
  deleted_leads: "удалённые сделки",
  tasks: "задачи",
  lead_calls: "звонки по сделкам",
  contact_calls: "звонки по контактам",
  events: "события",
  contact_chats: "чаты контактов",
  apply: "расчёт полей",
};

export class ProgressBar {
  private last = "";
  private lastAt = 0;

  draw(step: StepId, pagesDone: number, execution: number, force = false): void {
    const now = Date.now();
    if (!force && now - this.lastAt < 150) return;
    this.lastAt = now;
    const i = STEPS.indexOf(step);
    const width = 24;
    const filled = Math.round((width * i) / STEPS.length);
    const bar = `${"█".repeat(filled)}${"░".repeat(width - filled)}`;
    const text = `  ${bar} ${i + 1}/${STEPS.length} ${STEP_TITLES[step]} · ${pagesDone} стр. · запуск ${execution}`;
    if (text === this.last) return;
    this.last = text;
    if (process.stderr.isTTY) process.stderr.write(`\r${text.padEnd(90)}`);
    else process.stderr.write(`${text}\n`);
  }

  done(text: string): void {
    if (process.stderr.isTTY) process.stderr.write(`\r${text.padEnd(90)}\n`);
    else process.stderr.write(`${text}\n`);
  }
}
