// The alarm integration's websocket commands (alarm/subscribe, alarm/arm, alarm/disarm,
// alarm/incidents, alarm/acknowledge, alarm/playbooks) and how their structured errors read.
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

export interface NamedSensor {
  entity_id: string;
  name: string;
}

/** One panel as alarm/status and alarm/subscribe send it; `*_remaining` are whole seconds
 * when the snapshot was sent (null when nothing is running). */
export interface PanelStatus {
  entity_id: string;
  name: string;
  areas: string[];
  state: string;
  arming_mode: string | null;
  ready_to_arm: boolean;
  open_sensors: NamedSensor[];
  bypassed_sensors: NamedSensor[];
  trigger_sensors: NamedSensor[];
  exit_delay_remaining: number | null;
  entry_delay_remaining: number | null;
  lockout_remaining: number | null;
  active_incidents: number;
  changed_by: string | null;
  code_format: string | null;
  code_arm_required: boolean;
}

/** A panel status and when (Date.now()) it arrived, to count its delays down locally. */
export interface LivePanel extends PanelStatus {
  receivedAt: number;
}

/** Seconds left of a `*_remaining` value received at `receivedAt` (null: none running). */
export function secondsLeft(remaining: number | null, receivedAt: number, now = Date.now()): number | null {
  if (remaining === null) return null;
  const left = Math.ceil(remaining - (now - receivedAt) / 1000);
  return left > 0 ? left : null;
}

/** "9:58" for 598 seconds. */
export const clockText = (seconds: number): string =>
  `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;

interface AlarmEvent {
  type: "snapshot" | "changed";
  panels: PanelStatus[];
  removed?: string[];
}

/** alarm/subscribe: `onPanels` gets every panel the user may read (sorted by entity id) after
 * the first snapshot and after each change; a reconnect starts again from a snapshot. */
export function subscribePanels(hub: Hub, onPanels: (panels: LivePanel[]) => void): Promise<() => Promise<void>> {
  let panels = new Map<string, LivePanel>();
  return hub.conn.subscribeMessage<AlarmEvent>(
    (event) => {
      const now = Date.now();
      if (event.type === "snapshot") panels = new Map();
      for (const id of event.removed ?? []) panels.delete(id);
      for (const panel of event.panels) panels.set(panel.entity_id, { ...panel, receivedAt: now });
      onPanels([...panels.values()].sort((a, b) => a.entity_id.localeCompare(b.entity_id)));
    },
    { type: "alarm/subscribe" },
  );
}

interface ArmResult {
  panel: PanelStatus;
}

/** Arm a panel as the signed-in user (`force` bypasses open sensors that may be bypassed). */
export const armPanel = (hub: Hub, entityId: string, mode: string, code: string, force = false): Promise<LivePanel> =>
  hub
    .call<ArmResult>({
      type: "alarm/arm",
      entity_id: entityId,
      mode,
      ...(code ? { code } : {}),
      ...(force ? { force: true } : {}),
    })
    .then((r) => ({ ...r.panel, receivedAt: Date.now() }));

export const disarmPanel = (hub: Hub, entityId: string, code: string): Promise<LivePanel> =>
  hub
    .call<ArmResult>({ type: "alarm/disarm", entity_id: entityId, ...(code ? { code } : {}) })
    .then((r) => ({ ...r.panel, receivedAt: Date.now() }));

export const modeText = (mode: string): string => MODE_WORDS[mode] ?? mode.replace(/_/g, " ");

export type AlarmErrorKind =
  | "wrong_code"
  | "lockout"
  | "not_ready"
  | "code_required"
  | "unauthorized"
  | "not_found"
  | "other";

export interface AlarmError {
  kind: AlarmErrorKind;
  text: string;
  /** not_ready: the sensors in the way; false `bypassable` means forcing cannot help. */
  openSensors: NamedSensor[];
  bypassable: boolean;
  /** Seconds until code entry may be tried again (a lockout, or the wrong code that caused one). */
  retryAfter: number | null;
}

interface ErrorData {
  open_sensors?: NamedSensor[];
  bypassable?: boolean;
  retry_after?: number;
  mode?: string;
}

/** Sort a websocket error from an alarm command into what the keypad shows, from the error's
 * stable `code` and its `data` object (never from the wording of the message). */
export function alarmError(err: unknown): AlarmError {
  const error = typeof err === "object" && err !== null ? (err as HubError & { data?: ErrorData }) : null;
  const code = String(error?.code ?? "");
  const data: ErrorData = error?.data && typeof error.data === "object" ? error.data : {};
  const retryAfter = typeof data.retry_after === "number" ? data.retry_after : null;
  const result = (kind: AlarmErrorKind, text: string, extra: Partial<AlarmError> = {}): AlarmError => ({
    kind,
    text,
    openSensors: [],
    bypassable: false,
    retryAfter,
    ...extra,
  });
  switch (code) {
    case "invalid_code":
      return retryAfter === null
        ? result("wrong_code", "Wrong code — try again.")
        : result("lockout", "Wrong code. Too many wrong codes: code entry is locked.");
    case "locked_out":
      return result("lockout", "Too many wrong codes: code entry is locked.");
    case "not_ready": {
      const bypassable = data.bypassable === true;
      const mode = data.mode ? ` ${modeText(data.mode)}` : "";
      return result(
        "not_ready",
        bypassable ? `Not ready to arm${mode} — open:` : "Cannot arm: these sensors cannot be bypassed:",
        { openSensors: Array.isArray(data.open_sensors) ? data.open_sensors : [], bypassable },
      );
    }
    case "code_required":
      return result("code_required", "Enter your code first.");
    case "unauthorized": {
      const why = errorText(err).replace(/^Unauthorized:?\s*/i, "");
      return result("unauthorized", why ? `Not allowed: ${why}` : "Not allowed.");
    }
    case "not_found":
      return result("not_found", errorText(err));
    default:
      return result("other", errorText(err));
  }
}

/** Who acknowledged, in words: a code's owner by name, a hub user as "you" or "a hub user". */
export function acknowledgedBy(hub: Hub, by: string | null): string {
  if (!by) return "";
  if (!by.startsWith("user:")) return by;
  return hub.user && by === `user:${hub.user.id}` ? `you (${hub.user.name})` : "a hub user";
}
