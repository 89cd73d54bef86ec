// Login, onboarding and token storage against the hub's Home Assistant style auth endpoints.
import { Auth, type AuthData } from "home-assistant-js-websocket";

const STORAGE_KEY = "bastion.tokens";
const REQUEST_TIMEOUT_MS = 15_000;

export const hubUrl = (): string => location.origin;
export const clientId = (): string => `${location.origin}/`;

export interface FlowStep {
  type: "form" | "create_entry" | "abort";
  flow_id: string;
  step_id?: string;
  errors?: Record<string, string>;
  description_placeholders?: Record<string, string> | null;
  result?: string;
  reason?: string;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function request(path: string, init: RequestInit): Promise<Response> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS);
  try {
    return await fetch(path, { ...init, signal: controller.signal, credentials: "same-origin" });
  } finally {
    clearTimeout(timer);
  }
}

async function json<T>(path: string, body: unknown): Promise<T> {
  const resp = await request(path, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  const data = await resp.json().catch(() => ({}));
  if (!resp.ok) throw new HttpError(resp.status, data.message ?? resp.statusText);
  return data as T;
}

/** True while no owner exists: the onboarding screen (setup code) must be shown. */
export async function needsOnboarding(): Promise<boolean> {
  try {
    const resp = await request("/api/onboarding", { method: "GET" });
    if (!resp.ok) return false;
    const steps = (await resp.json()) as { step: string; done: boolean }[];
    return steps.some((s) => s.step === "user" && !s.done);
  } catch {
    return false;
  }
}

export async function createOwner(fields: {
  name: string;
  username: string;
  password: string;
  code: string;
}): Promise<string | null> {
  const data = await json<{ auth_code: string | null }>("/api/onboarding/users", {
    client_id: clientId(),
    language: navigator.language.slice(0, 16),
    ...fields,
  });
  return data.auth_code;
}

export function startLoginFlow(): Promise<FlowStep> {
  return json<FlowStep>("/auth/login_flow", {
    client_id: clientId(),
    handler: ["homeassistant", null],
    redirect_uri: clientId(),
  });
}

export function submitLoginStep(flowId: string, input: Record<string, string>): Promise<FlowStep> {
  return json<FlowStep>(`/auth/login_flow/${encodeURIComponent(flowId)}`, {
    client_id: clientId(),
    ...input,
  });
}

/** Trade a one-time authorization code for tokens and remember them. */
export async function exchangeCode(code: string): Promise<Auth> {
  const body = new URLSearchParams({
    grant_type: "authorization_code",
    code,
    client_id: clientId(),
  });
  const resp = await request("/auth/token", { method: "POST", body });
  const data = await resp.json().catch(() => ({}));
  if (!resp.ok) throw new HttpError(resp.status, data.error_description ?? "Login failed");
  const tokens: AuthData = {
    hassUrl: hubUrl(),
    clientId: clientId(),
    access_token: data.access_token,
    refresh_token: data.refresh_token,
    expires_in: data.expires_in,
    expires: Date.now() + data.expires_in * 1000,
  };
  saveTokens(tokens);
  return new Auth(tokens, saveTokens);
}

export function saveTokens(data: AuthData | null): void {
  try {
    if (data) localStorage.setItem(STORAGE_KEY, JSON.stringify(data));
    else localStorage.removeItem(STORAGE_KEY);
  } catch {
    // Private mode: tokens live only as long as the page.
  }
}

export function storedAuth(): Auth | null {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const data = JSON.parse(raw) as AuthData;
    if (data.hassUrl !== hubUrl()) return null;
    return new Auth(data, saveTokens);
  } catch {
    return null;
  }
}

export async function logout(auth: Auth | null): Promise<void> {
  if (auth) await auth.revoke().catch(() => undefined);
  saveTokens(null);
}
