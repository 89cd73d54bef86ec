// Browser-local settings: theme (auto/light/dark), stored in localStorage.
export type ThemeChoice = "auto" | "light" | "dark";
const KEY = "bastion.theme";

const LIGHT = `
  --bg:#f3f5f8; --card:#ffffff; --fg:#15202b; --muted:#5b6875; --border:#d5dbe2;
  --btn:#eef1f5; --input:#ffffff; --accent:#1d5fa8; --accent-soft:#dbe8f7;
  --danger:#b3261e; --warn:#b26a00; --ok:#1e7d38; --focus:#f0a000; --nav:#14365c; --nav-fg:#ffffff;`;
const DARK = `
  --bg:#0f1419; --card:#1a2129; --fg:#e6edf3; --muted:#9aa7b4; --border:#2e3944;
  --btn:#232c36; --input:#11171d; --accent:#4c9aed; --accent-soft:#1c3550;
  --danger:#ef5350; --warn:#f0a030; --ok:#4caf50; --focus:#ffcc33; --nav:#0b1e33; --nav-fg:#e6edf3;`;

export function themeChoice(): ThemeChoice {
  const value = localStorage.getItem(KEY);
  return value === "light" || value === "dark" ? value : "auto";
}

export function setTheme(choice: ThemeChoice): void {
  if (choice === "auto") localStorage.removeItem(KEY);
  else localStorage.setItem(KEY, choice);
  applyTheme();
}

export function applyTheme(): void {
  let style = document.getElementById("bastion-theme") as HTMLStyleElement | null;
  if (!style) {
    style = document.createElement("style");
    style.id = "bastion-theme";
    document.head.append(style);
  }
  const choice = themeChoice();
  const base = `html{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;font-size:16px}
    body{margin:0;background:var(--bg);color:var(--fg)}`;
  const vars =
    choice === "auto"
      ? `:root{${LIGHT}} @media (prefers-color-scheme: dark){:root{${DARK}}}`
      : `:root{${choice === "dark" ? DARK : LIGHT}}`;
  style.textContent = base + vars;
  document.documentElement.dataset.theme = choice;
}
