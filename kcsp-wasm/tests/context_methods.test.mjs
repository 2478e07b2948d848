// The context methods on the table of cases every language runs
// (tests/contexts/cases.json): Partnership.seats, .organisations, .bodies,
// .problems; Calendar.bankHolidays, .add, .remove.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { Calendar, Partnership } from "kcsp-wasm";

const table = JSON.parse(readFileSync(new URL("../../tests/contexts/cases.json", import.meta.url), "utf8"));

const partnership = (which) =>
  which === "kent" ? Partnership.kent() : Partnership.fromJson(JSON.stringify(table.definitions[which]));

function answer(p, method, args) {
  if (method === "seats") return p.seats(args.body, args.date).map((s) => [s.id, s.holder]);
  if (method === "organisations") return p.organisations(args.date, args.body).map((o) => o.id);
  if (method === "bodies") return p.bodies().map((b) => b.id);
  if (method === "problems") return Partnership.problems(args.text).map((e) => [e.code, e.field]);
  throw new Error(method);
}

const calendar = (which) =>
  which === "england_and_wales" ? new Calendar() : Calendar.fromJson(JSON.stringify(which));

const holidays = (cal, year) => cal.bankHolidays(year).map((h) => h.date);

function calendarAnswer(cal, method, args) {
  if (method === "bank_holidays") return holidays(cal, args.year);
  const year = Number(args.date.slice(0, 4));
  if (method === "add") return holidays(cal.add(args.date, args.name), year);
  if (method === "remove") return holidays(cal.remove(args.date), year);
  throw new Error(method);
}

for (const c of table.cases) {
  test(c.name, () => {
    const run = () =>
      c.calendar
        ? calendarAnswer(calendar(c.calendar), c.method, c.args)
        : answer(partnership(c.partnership), c.method, c.args);
    if (c.error) {
      assert.throws(run, (e) => e.code === c.error.code && e.field === c.error.field);
    } else {
      assert.deepEqual(run(), c.expect);
    }
  });
}
