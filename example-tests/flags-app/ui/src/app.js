import { listFlags } from "./flags-api.js";

const form = document.getElementById("controls");
const namespaceInput = document.getElementById("namespace");
const tokenInput = document.getElementById("token");
const status = document.getElementById("status");
const table = document.getElementById("flags");

// The token stays in this browser tab only.
tokenInput.value = sessionStorage.getItem("flags-token") || "";

function cell(text, className) {
  const td = document.createElement("td");
  td.textContent = text;
  if (className) td.className = className;
  return td;
}

function render(flags) {
  const body = table.querySelector("tbody");
  body.replaceChildren(
    ...flags.map((flag) => {
      const row = document.createElement("tr");
      row.append(
        cell(flag.key),
        cell(flag.name),
        cell(flag.enabled ? "on" : "off", flag.enabled ? "on" : "off"),
        cell(flag.variants.map((v) => v.key).join(", ") || "—"),
      );
      return row;
    }),
  );
  table.hidden = flags.length === 0;
  status.className = "";
  status.textContent = flags.length === 0 ? "No flags in this namespace." : `${flags.length} flag(s)`;
}

async function show() {
  const namespace = namespaceInput.value.trim() || "default";
  sessionStorage.setItem("flags-token", tokenInput.value);
  status.textContent = "Loading…";
  try {
    render(await listFlags(namespace, tokenInput.value));
  } catch (error) {
    table.hidden = true;
    status.className = "error";
    status.textContent = error.message;
  }
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  show();
});
show();
