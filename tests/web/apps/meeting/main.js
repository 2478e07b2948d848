// What a meeting form's page does with the package, bundled by Vite
// (tests/web/apps.sh): only the governance family is imported, and what the
// page downloads (its JS and .wasm) is tests/bench's wasm_governance_gzip_bytes.
import init, { Partnership, Rules, papersDeadline, quorum } from "kcsp-wasm/governance";

await init();
const date = "2022-07-14";
const kent = Partnership.kent();
const body = kent.bodies()[0].id;
const present = kent.organisations(date).filter((o) => !o.attendee_only).slice(0, 4).map((o) => o.id);
const form = { body, date, present };
const errors = Rules.kent().validate("quorum", form);
const q = errors.length === 0 ? quorum(form) : null;
const p = papersDeadline({ body, meeting: date, circulated: "2022-07-06" });
const line = q
  ? `${q.quorate ? "quorate" : "not quorate"}; papers by ${p.latest_circulation}`
  : errors.map((e) => e.publicMessage).join(" ");
if (typeof document !== "undefined") {
  document.querySelector("#out").textContent = line;
  document.body.dataset.ready = "true";
} else {
  console.log(line);
}
