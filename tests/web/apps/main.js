// The README's snippet, as a web team writes it (bundled by Vite; run by Node).
import init, { quorum } from "kcsp-wasm";

await init();
const q = quorum({
  body: "kcsp",
  date: "2022-07-14",
  present: ["kent_police", "kent_county_council", "office_of_the_pcc", "kent_fire_and_rescue"],
});
const line = `${q.quorate ? "quorate" : "not quorate"}: ${q.explanation.reason}`;
if (typeof document !== "undefined") {
  document.querySelector("#out").textContent = line;
  document.body.dataset.ready = "true";
} else {
  console.log(line);
}
