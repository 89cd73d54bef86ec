// Human wording for states: device-class aware ("Open"/"Closed", "Detected"/"Clear").
import type { HassEntity } from "home-assistant-js-websocket";

export const domainOf = (entityId: string): string => entityId.split(".", 1)[0];

const BINARY_WORDS: Record<string, [string, string]> = {
  door: ["Open", "Closed"],
  window: ["Open", "Closed"],
  garage_door: ["Open", "Closed"],
  opening: ["Open", "Closed"],
  motion: ["Detected", "Clear"],
  occupancy: ["Detected", "Clear"],
  presence: ["Home", "Away"],
  smoke: ["Smoke detected", "Clear"],
  gas: ["Gas detected", "Clear"],
  carbon_monoxide: ["CO detected", "Clear"],
  moisture: ["Wet", "Dry"],
  tamper: ["Tampered", "Clear"],
  vibration: ["Detected", "Clear"],
  problem: ["Problem", "OK"],
  safety: ["Unsafe", "Safe"],
  lock: ["Unlocked", "Locked"],
  battery: ["Low", "Normal"],
  connectivity: ["Connected", "Disconnected"],
  plug: ["Plugged in", "Unplugged"],
  power: ["Power", "No power"],
  sound: ["Detected", "Clear"],
};

const ALARM_WORDS: Record<string, string> = {
  disarmed: "Disarmed",
  armed_home: "Armed home",
  armed_away: "Armed away",
  armed_night: "Armed night",
  armed_vacation: "Armed vacation",
  armed_custom_bypass: "Armed (bypass)",
  arming: "Arming",
  pending: "Entry delay",
  disarming: "Disarming",
  triggered: "TRIGGERED",
};

/** An alarm panel state in words ("Armed away", "Entry delay"). */
export const alarmStateText = (state: string): string => ALARM_WORDS[state] ?? capitalise(state);

export const isUnavailable = (s: HassEntity | undefined): boolean =>
  !s || s.state === "unavailable" || s.state === "unknown";

const capitalise = (text: string): string =>
  text ? text[0].toUpperCase() + text.slice(1).replace(/_/g, " ") : text;

export function stateText(s: HassEntity | undefined): string {
  if (!s) return "Missing";
  if (s.state === "unavailable") return "Unavailable";
  if (s.state === "unknown") return "Unknown";
  const domain = domainOf(s.entity_id);
  if (domain === "binary_sensor") {
    const words = BINARY_WORDS[String(s.attributes.device_class ?? "")] ?? ["On", "Off"];
    return s.state === "on" ? words[0] : words[1];
  }
  if (domain === "alarm_control_panel") return alarmStateText(s.state);
  const unit = s.attributes.unit_of_measurement;
  if (unit !== undefined && unit !== null && s.state !== "") {
    const num = Number(s.state);
    const value = Number.isFinite(num) ? formatNumber(num) : s.state;
    return `${value} ${unit}`;
  }
  if (domain === "sensor" && s.attributes.device_class === "timestamp") {
    return relativeTime(s.state);
  }
  return capitalise(s.state);
}

export function formatNumber(value: number): string {
  return Number.isInteger(value)
    ? String(value)
    : value.toLocaleString(undefined, { maximumFractionDigits: 2 });
}

export function relativeTime(iso: string | number): string {
  const when = typeof iso === "number" ? iso * 1000 : Date.parse(iso);
  if (!Number.isFinite(when)) return String(iso);
  const seconds = Math.round((Date.now() - when) / 1000);
  const abs = Math.abs(seconds);
  const fmt = new Intl.RelativeTimeFormat(undefined, { numeric: "auto" });
  if (abs < 60) return fmt.format(-seconds, "second");
  if (abs < 3600) return fmt.format(-Math.round(seconds / 60), "minute");
  if (abs < 86400) return fmt.format(-Math.round(seconds / 3600), "hour");
  return fmt.format(-Math.round(seconds / 86400), "day");
}

export const timeText = (iso: string | number): string => {
  const when = typeof iso === "number" ? new Date(iso * 1000) : new Date(iso);
  return Number.isNaN(when.getTime()) ? String(iso) : when.toLocaleString();
};

/** States that deserve attention (open, detected, unlocked, alarms). */
export function isActive(s: HassEntity): boolean {
  const domain = domainOf(s.entity_id);
  if (domain === "lock") return s.state !== "locked";
  if (domain === "alarm_control_panel") return s.state === "triggered" || s.state === "pending";
  return ["on", "open", "opening", "home", "playing", "heat", "cool"].includes(s.state);
}
