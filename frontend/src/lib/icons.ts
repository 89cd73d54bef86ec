// Small stroke icons drawn for Bastion (24×24, currentColor), so no icon font or emoji is needed.
import { svg, html, type TemplateResult } from "lit";

const PATHS: Record<string, string> = {
  home: "M3 11 12 4l9 7M5 10v10h5v-6h4v6h5V10",
  shield: "M12 3 4 6v6c0 5 3.4 8.3 8 9.5 4.6-1.2 8-4.5 8-9.5V6z",
  alert: "M12 3 2 20h20zM12 10v4M12 17v.5",
  chart: "M3 20h18M5 16l4-5 4 3 6-8",
  list: "M4 6h16M4 12h16M4 18h16",
  gear: "M12 8.5a3.5 3.5 0 1 0 0 7 3.5 3.5 0 0 0 0-7zM12 2v3M12 19v3M2 12h3M19 12h3M4.9 4.9l2.1 2.1M17 17l2.1 2.1M4.9 19.1 7 17M17 7l2.1-2.1",
  bell: "M6 16V11a6 6 0 0 1 12 0v5l2 2H4zM10 20a2 2 0 0 0 4 0",
  users: "M9 11a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7zM2 20c0-4 3-6 7-6s7 2 7 6M16 4.5a3.5 3.5 0 0 1 0 6.5M18 14c2.4.6 4 2.6 4 6",
  info: "M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM12 11v6M12 7.5v.5",
  theme: "M12 3a9 9 0 1 0 0 18zM12 3a9 9 0 0 1 0 18",
  bulb: "M9 18h6M10 21h4M12 3a6 6 0 0 0-3.5 10.9c.6.5 1 1.2 1 2.1h5c0-.9.4-1.6 1-2.1A6 6 0 0 0 12 3z",
  power: "M12 3v8M6.3 6.3a8 8 0 1 0 11.4 0",
  lock: "M6 11h12v10H6zM8.5 11V7.5a3.5 3.5 0 0 1 7 0V11M12 15v2",
  thermo: "M10 4a2 2 0 0 1 4 0v10a4 4 0 1 1-4 0zM12 9v7",
  door: "M6 21V3h12v18M3 21h18M14.5 12v.5",
  window: "M4 4h16v16H4zM12 4v16M4 12h16",
  motion: "M12 12m-2 0a2 2 0 1 0 4 0 2 2 0 1 0-4 0M7.5 7.5a6.4 6.4 0 0 0 0 9M16.5 7.5a6.4 6.4 0 0 1 0 9M4.6 4.6a10.5 10.5 0 0 0 0 14.8M19.4 4.6a10.5 10.5 0 0 1 0 14.8",
  camera: "M3 7h4l2-2h6l2 2h4v12H3zM12 10a3 3 0 1 0 0 6 3 3 0 0 0 0-6z",
  drop: "M12 3s6 6.6 6 11a6 6 0 0 1-12 0c0-4.4 6-11 6-11z",
  siren: "M7 18v-6a5 5 0 0 1 10 0v6M4 18h16v3H4zM12 3v2M4.5 6l1.5 1.5M19.5 6 18 7.5",
  valve: "M4 9h5v6H4zM15 9h5v6h-5zM9 12h6M12 12V6M9 6h6",
  cover: "M4 4h16v16H4zM4 8h16M4 12h16M4 16h16",
  fire: "M12 3c1 4 5 5 5 10a5 5 0 0 1-10 0c0-2.5 1.5-3.5 2-5 1 1.5 1.5 2 2 2 0-2.5 0-4.5 1-7z",
  play: "M7 4v16l13-8z",
  dot: "M12 12m-4 0a4 4 0 1 0 8 0 4 4 0 1 0-8 0",
  menu: "M4 6h16M4 12h16M4 18h16",
  sensor: "M4 20V10M10 20V4M16 20v-7M22 20H2",
  tag: "M3 12V3h9l9 9-9 9zM7.5 7.5v.5",
};

const BINARY_ICONS: Record<string, string> = {
  door: "door",
  garage_door: "door",
  opening: "door",
  window: "window",
  motion: "motion",
  occupancy: "motion",
  presence: "motion",
  smoke: "fire",
  heat: "fire",
  gas: "alert",
  carbon_monoxide: "alert",
  moisture: "drop",
  tamper: "alert",
  problem: "alert",
  lock: "lock",
};
const DOMAIN_ICONS: Record<string, string> = {
  light: "bulb",
  switch: "power",
  input_boolean: "power",
  lock: "lock",
  cover: "cover",
  climate: "thermo",
  sensor: "sensor",
  alarm_control_panel: "shield",
  camera: "camera",
  valve: "valve",
  siren: "siren",
  fan: "gear",
  automation: "gear",
  script: "play",
  scene: "play",
  button: "dot",
  input_button: "dot",
  input_number: "sensor",
  update: "info",
  event: "tag",
};

export function icon(name: string, label?: string): TemplateResult {
  const d = PATHS[name] ?? PATHS.dot;
  return html`<svg
    class="icon"
    viewBox="0 0 24 24"
    width="22"
    height="22"
    fill="none"
    stroke="currentColor"
    stroke-width="1.8"
    stroke-linecap="round"
    stroke-linejoin="round"
    role=${label ? "img" : "presentation"}
    aria-hidden=${label ? "false" : "true"}
    aria-label=${label ?? ""}
  >
    ${svg`<path d=${d}></path>`}
  </svg>`;
}

/** The icon name for an entity: device class first, then domain. */
export function entityIcon(domain: string, deviceClass: unknown): string {
  if (domain === "binary_sensor") return BINARY_ICONS[String(deviceClass)] ?? "dot";
  if (domain === "sensor" && deviceClass === "temperature") return "thermo";
  if (domain === "sensor" && deviceClass === "humidity") return "drop";
  return DOMAIN_ICONS[domain] ?? "dot";
}
