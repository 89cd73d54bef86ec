// The live connection: websocket (with reconnect), entity subscription, registries.
import {
  type Auth,
  type Connection,
  type HassEntities,
  type HassEntity,
  createConnection,
  ERR_INVALID_AUTH,
  subscribeEntities,
} from "home-assistant-js-websocket";

export type { HassEntity, HassEntities };

export interface Area {
  area_id: string;
  name: string;
  floor_id?: string | null;
}
export interface Floor {
  floor_id: string;
  name: string;
  level?: number | null;
}
export interface EntityEntry {
  entity_id: string;
  area_id?: string | null;
  device_id?: string | null;
  name?: string | null;
  hidden_by?: string | null;
  entity_category?: string | null;
}
export interface DeviceEntry {
  id: string;
  area_id?: string | null;
  name?: string | null;
}
export interface CurrentUser {
  id: string;
  name: string;
  username?: string;
  is_owner: boolean;
  is_admin: boolean;
  role?: string;
  mfa_modules?: { id: string; name: string; enabled: boolean }[];
}

export type ConnectionStatus = "connecting" | "connected" | "disconnected";

/** A websocket error as the hub sent it (`code` is HA's error code, e.g. unknown_command). */
export interface HubError {
  code: string | number;
  message: string;
}

export const isUnknownCommand = (err: unknown): boolean =>
  typeof err === "object" &&
  err !== null &&
  ["unknown_command", "not_found"].includes(String((err as HubError).code)) &&
  /unknown command|not found|not loaded/i.test(String((err as HubError).message ?? ""));

export const errorText = (err: unknown): string => {
  if (typeof err === "object" && err !== null && "message" in err) {
    return String((err as HubError).message);
  }
  if (err === ERR_INVALID_AUTH) return "Authentication failed";
  return String(err);
};

type Listener = () => void;

/** One object the views share; `changed` notifies subscribers after every update. */
export class Hub {
  conn!: Connection;
  entities: HassEntities = {};
  areas: Area[] = [];
  floors: Floor[] = [];
  entries: Map<string, EntityEntry> = new Map();
  devices: Map<string, DeviceEntry> = new Map();
  user: CurrentUser | null = null;
  config: Record<string, unknown> = {};
  status: ConnectionStatus = "connecting";
  /** Set after a drop, cleared a few seconds after the connection is back. */
  resumedAt = 0;
  private listeners = new Set<Listener>();

  constructor(readonly auth: Auth) {}

  async connect(): Promise<void> {
    this.conn = await createConnection({ auth: this.auth });
    this.status = "connected";
    this.conn.addEventListener("disconnected", () => {
      this.status = "disconnected";
      this.emit();
    });
    this.conn.addEventListener("ready", () => {
      this.status = "connected";
      this.resumedAt = Date.now();
      this.emit();
      void this.loadRegistries();
    });
    subscribeEntities(this.conn, (entities) => {
      this.entities = entities;
      this.emit();
    });
    await this.loadRegistries();
  }

  async loadRegistries(): Promise<void> {
    const [user, config, areas, floors, entries, devices] = await Promise.all([
      this.call<CurrentUser>({ type: "auth/current_user" }).catch(() => null),
      this.call<Record<string, unknown>>({ type: "get_config" }).catch(() => ({})),
      this.call<Area[]>({ type: "config/area_registry/list" }).catch(() => []),
      this.call<Floor[]>({ type: "config/floor_registry/list" }).catch(() => []),
      this.call<EntityEntry[]>({ type: "config/entity_registry/list" }).catch(() => []),
      this.call<DeviceEntry[]>({ type: "config/device_registry/list" }).catch(() => []),
    ]);
    this.user = user;
    this.config = config;
    this.areas = areas;
    this.floors = floors;
    this.entries = new Map(entries.map((e) => [e.entity_id, e]));
    this.devices = new Map(devices.map((d) => [d.id, d]));
    this.emit();
  }

  call<T>(message: { type: string; [key: string]: unknown }): Promise<T> {
    return this.conn.sendMessagePromise<T>(message);
  }

  callService(
    domain: string,
    service: string,
    data: Record<string, unknown> = {},
    returnResponse = false,
  ): Promise<{ response?: unknown }> {
    return this.call({
      type: "call_service",
      domain,
      service,
      service_data: data,
      ...(returnResponse ? { return_response: true } : {}),
    });
  }

  hasService(domain: string, service: string): Promise<boolean> {
    return this.call<Record<string, Record<string, unknown>>>({ type: "get_services" })
      .then((all) => Boolean(all[domain]?.[service]))
      .catch(() => false);
  }

  /** REST call with the current access token (refreshed first when it expired). */
  async rest<T>(method: string, path: string, body?: unknown): Promise<T> {
    if (this.auth.expired) await this.auth.refreshAccessToken();
    const resp = await fetch(path, {
      method,
      headers: {
        Authorization: `Bearer ${this.auth.accessToken}`,
        ...(body === undefined ? {} : { "Content-Type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await resp.text();
    let data: unknown = null;
    try {
      data = text ? JSON.parse(text) : null;
    } catch {
      data = { message: text };
    }
    if (!resp.ok) {
      const message = (data as { message?: string } | null)?.message ?? resp.statusText;
      throw { code: resp.status, message } satisfies HubError;
    }
    return data as T;
  }

  areaOf(entityId: string): string | null {
    const entry = this.entries.get(entityId);
    if (!entry) return null;
    if (entry.area_id) return entry.area_id;
    const device = entry.device_id ? this.devices.get(entry.device_id) : undefined;
    return device?.area_id ?? null;
  }

  name(entityId: string): string {
    const state = this.entities[entityId];
    return (
      (state?.attributes.friendly_name as string | undefined) ??
      this.entries.get(entityId)?.name ??
      entityId
    );
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }

  close(): void {
    this.conn?.close();
  }
}
