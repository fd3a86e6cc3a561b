// Bundles the page script and copies the static files into dist/, which the app serves from /static.
import { build } from "esbuild";
import { copyFile, mkdir, rm } from "node:fs/promises";

const outdir = "dist";

await rm(outdir, { recursive: true, force: true });
await mkdir(outdir, { recursive: true });
await build({
  entryPoints: ["src/app.js"],
  bundle: true,
  minify: true,
  format: "iife",
  target: "es2020",
  outfile: `${outdir}/app.js`,
});
for (const file of ["index.html", "style.css"]) {
  await copyFile(`src/${file}`, `${outdir}/${file}`);
}
console.log(`built ${outdir}/: index.html, style.css, app.js`);
