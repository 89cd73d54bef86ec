// Alarm keypad per panel: live status from alarm/subscribe (state, delays, open sensors,
// lockout), arm/disarm through alarm/arm and alarm/disarm, force arm, the area's incidents.
// Errors (wrong code, lockout, not ready, not allowed) show inline from their code and data.
import { html, css, nothing } from "lit";
import { HubView } from "../lib/view";
import { shared } from "../lib/styles";
import { errorText, isUnknownCommand } from "../lib/hub";
import {
  type AlarmError,
  type LivePanel,
  type NamedSensor,
  alarmError,
  armPanel,
  clockText,
  disarmPanel,
  secondsLeft,
  subscribePanels,
} from "../lib/alarm";
import { alarmStateText } from "../lib/format";

const ARM_MODES: [string, string][] = [
  ["armed_away", "Arm away"],
  ["armed_home", "Arm home"],
  ["armed_night", "Arm night"],
  ["armed_vacation", "Arm vacation"],
];
const KEYS = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "clear", "0", "back"];

export class AlarmView extends HubView {
  static properties = {
    ...HubView.properties,
    panels: { state: true },
    loadError: { state: true },
    selected: { state: true },
    code: { state: true },
    message: { state: true },
    failure: { state: true },
    busy: { state: true },
    tick: { state: true },
  };
  /** Every panel the user may read, live from alarm/subscribe (null until the first snapshot). */
  declare panels: LivePanel[] | null;
  declare loadError: string;
  declare selected: string;
  declare code: string;
  declare message: string;
  /** The last command's error, as the hub reported it (null after a success). */
  declare failure: AlarmError | null;
  declare busy: boolean;
  declare tick: number;
  private timer = 0;
  private unsubPanels: (() => Promise<void>) | null = null;
  /** The mode a not-ready arm asked for (offered again with the open sensors bypassed). */
  private forceMode = "";
  /** Per panel: when (Date.now()) code entry may be tried again, from an error's retry_after. */
  private lockedUntil = new Map<string, number>();

  constructor() {
    super();
    this.panels = null;
    this.loadError = "";
    this.selected = "";
    this.code = "";
    this.message = "";
    this.failure = null;
    this.busy = false;
    this.tick = 0;
  }

  static styles = [
    shared,
    css`
      .panels {
        display: flex;
        gap: 0.4rem;
        flex-wrap: wrap;
        margin-bottom: 0.8rem;
      }
      .panels button[aria-pressed="true"] {
        background: var(--accent);
        color: #fff;
        border-color: var(--accent);
      }
      .keypad-wrap {
        display: grid;
        grid-template-columns: minmax(260px, 380px) 1fr;
        gap: 1rem;
        align-items: start;
      }
      @media (max-width: 800px) {
        .keypad-wrap {
          grid-template-columns: 1fr;
        }
      }
      .status {
        font-size: 1.5rem;
        font-weight: 700;
        padding: 0.8rem;
        border-radius: 10px;
        text-align: center;
        background: var(--btn);
      }
      .status.disarmed {
        background: var(--ok);
        color: #fff;
      }
      .status.armed {
        background: var(--accent);
        color: #fff;
      }
      .status.pending,
      .status.arming {
        background: var(--warn);
        color: #fff;
      }
      .status.triggered {
        background: var(--danger);
        color: #fff;
        animation: pulse 1s infinite alternate;
      }
      @keyframes pulse {
        to {
          opacity: 0.7;
        }
      }
      @media (prefers-reduced-motion: reduce) {
        .status.triggered {
          animation: none;
        }
      }
      .keys {
        display: grid;
        grid-template-columns: repeat(3, 1fr);
        gap: 0.5rem;
        margin: 0.7rem 0;
      }
      .keys button {
        font-size: 1.4rem;
        min-height: 56px;
      }
      .code {
        width: 100%;
        font-size: 1.4rem;
        text-align: center;
        letter-spacing: 0.3em;
      }
      .actions {
        display: grid;
        grid-template-columns: 1fr 1fr;
        gap: 0.5rem;
      }
      .actions .disarm {
        grid-column: 1 / -1;
      }
      .msg {
        margin: 0.6rem 0 0;
        font-weight: 600;
      }
      ul {
        margin: 0.3rem 0;
        padding-left: 1.2rem;
      }
      .locked {
        margin: 0.6rem 0;
        padding: 0.5rem 0.7rem;
        border-left: 4px solid var(--warn);
        background: var(--bg);
        border-radius: 6px;
        font-weight: 600;
      }
    `,
  ];

  protected hubConnected(): void {
    void import("./incidents"); // <bastion-incidents> (a lazy chunk shared with the security center)
    this.timer = window.setInterval(() => (this.tick = Date.now()), 1000);
    subscribePanels(this.hub, (panels) => {
      this.panels = panels;
      this.loadError = "";
    })
      .then((unsubscribe) => {
        if (this.isConnected) this.unsubPanels = unsubscribe;
        else void unsubscribe();
      })
      .catch((err) => {
        this.panels = [];
        this.loadError = isUnknownCommand(err) ? "" : errorText(err);
      });
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.timer);
    void this.unsubPanels?.().catch(() => undefined);
    this.unsubPanels = null;
  }

  private async send(panel: LivePanel, target: string, force = false): Promise<void> {
    this.busy = true;
    this.message = "";
    this.failure = null;
    const code = this.code;
    try {
      const updated =
        target === "disarmed"
          ? await disarmPanel(this.hub, panel.entity_id, code)
          : await armPanel(this.hub, panel.entity_id, target, code, force);
      this.panels = (this.panels ?? []).map((p) => (p.entity_id === updated.entity_id ? updated : p));
      this.lockedUntil.delete(panel.entity_id);
      this.message =
        target === "disarmed" ? "Disarmed." : force ? "Arming with open sensors bypassed." : "Command accepted.";
    } catch (err) {
      this.failure = alarmError(err);
      this.message = this.failure.text;
      this.forceMode = target === "disarmed" ? "" : target;
      if (this.failure.retryAfter !== null) {
        this.lockedUntil.set(panel.entity_id, Date.now() + this.failure.retryAfter * 1000);
      }
    } finally {
      this.code = "";
      this.busy = false;
    }
    if (this.failure?.kind === "wrong_code" || this.failure?.kind === "code_required") {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLInputElement>("#code")?.focus();
    }
  }

  private press(key: string): void {
    if (key === "clear") this.code = "";
    else if (key === "back") this.code = this.code.slice(0, -1);
    else if (this.code.length < 16) this.code += key;
  }

  /** Seconds of the running exit or entry delay, counted down since the status arrived. */
  private delayLeft(panel: LivePanel): number | null {
    void this.tick;
    const remaining = panel.state === "pending" ? panel.entry_delay_remaining : panel.exit_delay_remaining;
    return secondsLeft(remaining, panel.receivedAt);
  }

  /** Seconds until code entry on this panel may be tried again (the hub's status or an error). */
  private lockoutLeft(panel: LivePanel): number | null {
    void this.tick;
    const fromStatus = secondsLeft(panel.lockout_remaining, panel.receivedAt) ?? 0;
    const until = this.lockedUntil.get(panel.entity_id);
    const fromError = until ? Math.ceil((until - Date.now()) / 1000) : 0;
    const left = Math.max(fromStatus, fromError);
    return left > 0 ? left : null;
  }

  render() {
    const panels = this.panels;
    if (panels === null) return html`<h1>Alarm</h1><p class="muted">Loading alarm panels…</p>`;
    if (this.loadError) return html`<h1>Alarm</h1><p class="notice">${this.loadError}</p>`;
    if (!panels.length) {
      return html`<h1>Alarm</h1>
        <p class="notice">No alarm panels on this hub. Configure the <code>alarm:</code> integration.</p>`;
    }
    const panel = panels.find((p) => p.entity_id === this.selected) ?? panels[0];
    return html`
      <h1>Alarm</h1>
      ${panels.length > 1
        ? html`<div class="panels" role="group" aria-label="Alarm areas">
            ${panels.map(
              (p) => html`<button
                aria-pressed=${p.entity_id === panel.entity_id ? "true" : "false"}
                @click=${() => {
                  this.selected = p.entity_id;
                  this.message = "";
                  this.failure = null;
                }}
              >
                ${p.name} · ${alarmStateText(p.state)}
              </button>`,
            )}
          </div>`
        : nothing}
      <div class="keypad-wrap">${this.renderKeypad(panel)} ${this.renderDetails(panel)}</div>
    `;
  }

  private renderKeypad(panel: LivePanel) {
    const state = panel.state;
    const cls = state.startsWith("armed") ? "armed" : state;
    const left = this.delayLeft(panel);
    const locked = this.lockoutLeft(panel);
    const disarmed = state === "disarmed";
    return html`<div class="card" data-testid="keypad">
      <h2>${panel.name}</h2>
      <div class="status ${cls}" role="status" aria-live="assertive" data-testid="alarm-state">
        ${alarmStateText(state)}${left !== null ? html` · <span data-testid="countdown">${left} s</span>` : nothing}
      </div>
      ${state === "arming"
        ? html`<p class="small">Exit delay running — leave now, or disarm.</p>`
        : state === "pending"
          ? html`<p class="small"><strong>Entry delay — enter your code to disarm.</strong></p>`
          : nothing}
      ${locked !== null
        ? html`<p class="locked" role="status" data-testid="lockout">
            Code entry is locked — try again in <span data-testid="lockout-countdown">${clockText(locked)}</span>
          </p>`
        : nothing}
      <label class="sr-only" for="code">Alarm code</label>
      <input
        id="code"
        class="code"
        type="password"
        inputmode=${panel.code_format === "text" ? "text" : "numeric"}
        autocomplete="off"
        placeholder="Code"
        .value=${this.code}
        @input=${(e: Event) => (this.code = (e.target as HTMLInputElement).value)}
        @keydown=${(e: KeyboardEvent) => {
          if (e.key === "Enter") void this.send(panel, disarmed ? "armed_away" : "disarmed");
        }}
      />
      <div class="keys" role="group" aria-label="Keypad">
        ${KEYS.map(
          (k) => html`<button
            ?disabled=${this.busy}
            aria-label=${k === "clear" ? "Clear code" : k === "back" ? "Delete last digit" : k}
            @click=${() => this.press(k)}
          >
            ${k === "clear" ? "C" : k === "back" ? "⌫" : k}
          </button>`,
        )}
      </div>
      <div class="actions">
        ${ARM_MODES.map(
          ([mode, label]) => html`<button
            class=${state === mode ? "primary" : ""}
            ?disabled=${this.busy || !disarmed}
            @click=${() => this.send(panel, mode)}
          >
            ${label}
          </button>`,
        )}
        <button class="disarm danger" ?disabled=${this.busy || disarmed} @click=${() => this.send(panel, "disarmed")}>
          Disarm
        </button>
      </div>
      ${this.renderMessage(panel)}
    </div>`;
  }

  private renderMessage(panel: LivePanel) {
    if (!this.message) return nothing;
    const failure = this.failure;
    if (!failure) return html`<p class="msg" role="status" data-testid="alarm-message">${this.message}</p>`;
    const canForce = failure.kind === "not_ready" && failure.bypassable && panel.state === "disarmed" && this.forceMode;
    return html`<div class="msg error" role="alert" data-testid="alarm-message" data-kind=${failure.kind}>
      ${this.message}
      ${failure.openSensors.length
        ? html`<ul data-testid="not-ready-sensors">
            ${failure.openSensors.map((s) => html`<li>${s.name}</li>`)}
          </ul>`
        : nothing}
      ${canForce
        ? html`<div>
            ${panel.code_arm_required ? html`<p class="small">Enter the code again to arm anyway.</p>` : nothing}
            <button class="force" ?disabled=${this.busy} @click=${() => this.send(panel, this.forceMode, true)}>
              Arm anyway (bypass open sensors)
            </button>
          </div>`
        : nothing}
    </div>`;
  }

  private renderDetails(panel: LivePanel) {
    const names = (sensors: NamedSensor[]) =>
      html`<ul>
        ${sensors.map((s) => html`<li>${s.name} <span class="muted small">(${s.entity_id})</span></li>`)}
      </ul>`;
    return html`<div class="card" data-testid="alarm-details">
      ${panel.state === "triggered"
        ? html`<h2 class="error">Alarm triggered</h2>
            ${panel.trigger_sensors.length
              ? html`<p>Triggered by:</p>${names(panel.trigger_sensors)}`
              : html`<p>Trigger source unknown.</p>`}`
        : nothing}
      <h3>Ready to arm</h3>
      <div data-testid="readiness">
        ${panel.open_sensors.length
          ? html`<p class="error">Not ready — open sensors:</p>
              ${names(panel.open_sensors)}
              ${panel.state === "disarmed"
                ? html`<button @click=${() => this.send(panel, "armed_away", true)}>
                    Force arm away (bypass open sensors)
                  </button>`
                : nothing}`
          : html`<p>All sensors are closed.</p>`}
      </div>
      ${panel.bypassed_sensors.length ? html`<h3>Bypassed</h3>${names(panel.bypassed_sensors)}` : nothing}
      ${panel.changed_by ? html`<p class="small muted">Last changed by ${panel.changed_by}</p>` : nothing}
      <bastion-incidents .hub=${this.hub} .areas=${panel.areas} compact data-testid="keypad-incidents"></bastion-incidents>
    </div>`;
  }
}
customElements.define("bastion-alarm", AlarmView);
