// The README's snippet for esbuild, which does not follow
// `new URL("…wasm", import.meta.url)`: the .wasm is imported as a file
// (`--loader:.wasm=file`) and its URL handed to init.
import init, { quorum } from "kcsp-wasm";
import wasm from "kcsp-wasm/kcsp_wasm_bg.wasm";

await init({ module_or_path: wasm });
const q = quorum({
  body: "kcsp",
  date: "2022-07-14",
  present: ["kent_police", "kent_county_council", "office_of_the_pcc", "kent_fire_and_rescue"],
});
document.querySelector("#out").textContent = `${q.quorate ? "quorate" : "not quorate"}: ${q.explanation.reason}`;
document.body.dataset.ready = "true";
