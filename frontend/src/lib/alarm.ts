// The alarm integration's websocket commands (alarm/incidents, alarm/acknowledge,
// alarm/playbooks) and how the hub's structured errors read on a keypad.
import type { Hub, HubError } from "./hub";
import { errorText } from "./hub";

export interface Delivery {
  tier: number;
  channel: string;
  status: string; // "delivered" | "failed"
  error?: string | null;
}

export interface Incident {
  incident_id: string;
  area: string;
  kind: string;
  sensor: string | null;
  confirmed: boolean;
  started: string;
  policy: string | null;
  tier: number; // -1 before the first tier
  status: string; // "active" | "acknowledged" | "resolved"
  acknowledged_by: string | null;
  deliveries: Delivery[];
}

export interface Playbook {
  playbook: string;
  active: boolean;
  holding: string[];
  priority: number;
  triggers: string[];
}

/** Open incidents the signed-in user may see (silent duress incidents never come back). */
export const listIncidents = (hub: Hub): Promise<Incident[]> =>
  hub.call<{ incidents?: Incident[] }>({ type: "alarm/incidents" }).then((r) => r.incidents ?? []);

/** Acknowledge one incident as the signed-in user; answers the ids that stopped escalating. */
export const acknowledgeIncident = (hub: Hub, incidentId: string): Promise<string[]> =>
  hub
    .call<{ acknowledged?: string[] }>({ type: "alarm/acknowledge", incident_id: incidentId })
    .then((r) => r.acknowledged ?? []);

export const listPlaybooks = (hub: Hub): Promise<Playbook[]> => hub.call<Playbook[]>({ type: "alarm/playbooks" });

const KIND_WORDS: Record<string, string> = {
  intrusion: "Intrusion",
  fire: "Fire",
  co: "Carbon monoxide",
  gas: "Gas",
  water_leak: "Water leak",
  panic: "Panic",
  tamper: "Tamper",
  unavailable: "Sensor lost",
};
export const incidentKind = (kind: string): string => KIND_WORDS[kind] ?? kind.replace(/_/g, " ");

export const PLAYBOOK_TITLES: Record<string, string> = {
  fire: "Fire response",
  co_gas: "CO/gas response",
  water_leak: "Water leak response",
  lockdown: "Lockdown",
};

const MODE_WORDS: Record<string, string> = {
  armed_away: "away",
  armed_home: "home",
  armed_night: "night",
  armed_vacation: "vacation",
  armed_custom_bypass: "with bypass",
};

export type AlarmErrorKind = "wrong_code" | "lockout" | "not_ready" | "unauthorized" | "not_found" | "other";

export interface AlarmError {
  kind: AlarmErrorKind;
  text: string;
  /** False when the hub said the open sensors cannot be bypassed (forcing cannot help). */
  bypassable: boolean;
}

/** Sort a websocket error from an alarm command or service into what the keypad shows.
 * The hub sends `unauthorized` for wrong codes, lockouts and missing rights (told apart by
 * the message) and `home_assistant_error` naming the open sensors when an area is not ready.
 * Entity ids in the message are replaced by `hub`'s names for them. */
export function alarmError(err: unknown, hub?: Hub): AlarmError {
  const code = typeof err === "object" && err !== null ? String((err as HubError).code ?? "") : "";
  const message = errorText(err).replace(/\b[a-z0-9_]+\.[a-z0-9_]+\b/g, (id) =>
    hub?.entities[id] ? hub.name(id) : id,
  );
  const result = (kind: AlarmErrorKind, text: string, bypassable = false): AlarmError => ({ kind, text, bypassable });
  if (code === "unauthorized") {
    if (/^(wrong code|unknown tag)$/i.test(message)) return result("wrong_code", "Wrong code — try again.");
    const locked = /locked for (\d+)/i.exec(message);
    if (locked) {
      const minutes = Math.max(1, Math.ceil(Number(locked[1]) / 60));
      return result(
        "lockout",
        `Too many wrong codes: code entry is locked for ${minutes} more minute${minutes === 1 ? "" : "s"}.`,
      );
    }
    return result("unauthorized", `Not allowed: ${message.replace(/^Unauthorized:\s*/i, "")}`);
  }
  if (/not ready to arm|cannot be armed: .* cannot be bypassed/i.test(message)) {
    const text = message.replace(/\barmed_\w+/g, (mode) => MODE_WORDS[mode] ?? mode);
    return result("not_ready", text, !/cannot be bypassed/i.test(message));
  }
  if (code === "not_found") return result("not_found", message);
  return result("other", message);
}

/** Who acknowledged, in words: a code's owner by name, a hub user as "you" or "a hub user". */
export function acknowledgedBy(hub: Hub, by: string | null): string {
  if (!by) return "";
  if (!by.startsWith("user:")) return by;
  return hub.user && by === `user:${hub.user.id}` ? `you (${hub.user.name})` : "a hub user";
}
